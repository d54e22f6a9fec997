"""The RDF/XML and JSON-LD readers of :mod:`svco.locate` (expat, and a JSON reader that keeps offsets)."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlparse

from svco.locate import FileIndex, Lines, Position

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def index_rdfxml(text: str, base: str, wanted: set[str]) -> FileIndex:
    """Positions in RDF/XML: node elements (``rdf:about``, ``rdf:ID``, typed nodes) at their start tag, the
    objects of property elements at theirs. ``rdf:parseType`` forms are read as plain nesting."""
    from xml.parsers import expat

    index = FileIndex()
    parser = expat.ParserCreate(namespace_separator="")
    # each open element: (is a node element, its subject, its xml:base)
    stack: list[tuple[bool, str | None, str]] = []
    literal: list = []  # [subject, property start position, text parts] while in a property element

    def position() -> Position:
        return parser.CurrentLineNumber, parser.CurrentColumnNumber + 1

    def record(subject: str | None, key: str, at: Position) -> None:
        if subject in wanted and (subject, key) not in index.objects:
            index.objects[(subject, key)] = at
        if key in wanted and key not in index.mentions:
            index.mentions[key] = at

    def start(name: str, attrs: dict[str, str]) -> None:
        here = stack[-1][2] if stack else base
        here = urljoin(here, attrs.get("http://www.w3.org/XML/1998/namespacebase", "")) or here
        parent_is_node = stack[-1][0] if stack else False
        literal.clear()
        if name == _RDF + "RDF":
            stack.append((False, None, here))
            return
        if parent_is_node:  # a property element
            subject = stack[-1][1]
            if _RDF + "resource" in attrs:
                record(subject, urljoin(here, attrs[_RDF + "resource"]), position())
            else:
                literal.extend([subject, position(), []])
            stack.append((False, subject, here))
            return
        if _RDF + "about" in attrs:
            subject = urljoin(here, attrs[_RDF + "about"])
        elif _RDF + "ID" in attrs:
            subject = urljoin(here, "#" + attrs[_RDF + "ID"])
        else:
            subject = None
        at = position()
        if subject in wanted and subject not in index.subjects:
            index.subjects[subject] = at
        if subject in wanted and subject not in index.mentions:
            index.mentions[subject] = at
        if stack and not parent_is_node and stack[-1][1] is not None:  # a node element as a property's object
            record(stack[-1][1], subject, at)
        if name != _RDF + "Description":
            record(subject, name, at)
        for key, value in attrs.items():
            if not key.startswith((_RDF, "http://www.w3.org/XML/1998/namespace")):
                record(subject, "lit:" + value, at)
        stack.append((True, subject, here))

    def end(name: str) -> None:
        subject = stack[-1][1]
        if stack[-1][0] and subject in index.subjects and subject not in index.ends:
            index.ends[subject] = position()
        if literal and not stack[-1][0]:
            subject, at, parts = literal
            record(subject, "lit:" + "".join(parts), at)
        literal.clear()
        stack.pop()

    def chars(data: str) -> None:
        if literal:
            literal[2].append(data)

    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, chars
    parser.Parse(text, True)
    return index


# ------------------------------------------------------------------------------------------------ JSON-LD
_JSON_TOKEN = re.compile(r'\s*(?:(?P<string>"(?:[^"\\]|\\.)*")|(?P<punct>[{}\[\]:,])|(?P<atom>[^\s{}\[\]:,"]+))')


def _read_json(text: str):
    """JSON as nested values where every string and object keeps its offset: ``(value, offset)`` pairs."""
    import json

    tokens = [(m.lastgroup, m[m.lastgroup], m.start(m.lastgroup)) for m in _JSON_TOKEN.finditer(text)]
    pos = 0

    def value():
        nonlocal pos
        _, token, offset = tokens[pos]
        pos += 1
        if token == "{":
            items = []
            while tokens[pos][1] != "}":
                key = json.loads(tokens[pos][1])
                pos += 2  # key and ':'
                items.append((key, value()))
                if tokens[pos][1] == ",":
                    pos += 1
            pos += 1
            return dict(items), offset
        if token == "[":
            items = []
            while tokens[pos][1] != "]":
                items.append(value())
                if tokens[pos][1] == ",":
                    pos += 1
            pos += 1
            return items, offset
        return json.loads(token), offset

    return value()


def index_jsonld(text: str, base: str, wanted: set[str]) -> FileIndex:
    """Positions in JSON-LD: a node object at its ``{``, values at their own offsets. Every ``@context`` in the
    document is applied to all of it (terms, prefixes, ``@vocab``, aliases of ``@id``/``@type``): enough for
    the documents people write, not a full JSON-LD expansion."""
    index, where = FileIndex(), Lines(text)
    root = _read_json(text)
    terms: dict[str, str] = {}
    ids, types, vocab = {"@id"}, {"@type"}, [""]

    def contexts(node) -> None:  # every @context anywhere in the document, applied to the whole of it
        value, _ = node
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "@context":
                    for ctx in item[0] if isinstance(item[0], list) else [item]:
                        if isinstance(ctx[0], dict):
                            for term, (mapping, _) in ctx[0].items():
                                if term == "@vocab" and isinstance(mapping, str):
                                    vocab[0] = mapping
                                elif isinstance(mapping, str):
                                    terms[term] = mapping
                                    (ids if mapping == "@id" else types if mapping == "@type" else set()).add(term)
                                elif isinstance(mapping, dict) and isinstance(mapping.get("@id", ("",))[0], str):
                                    terms[term] = mapping["@id"][0]
                else:
                    contexts(item)
        elif isinstance(value, list):
            for item in value:
                contexts(item)

    def expand(value: str, *, vocabulary: bool) -> str:
        prefix, colon, rest = value.partition(":")
        if vocabulary and value in terms:
            return expand(terms[value], vocabulary=False)
        if colon and not rest.startswith("//") and prefix in terms:
            return terms[prefix] + rest
        if colon and urlparse(value).scheme:
            return value
        return vocab[0] + value if vocabulary and vocab[0] else urljoin(base, value)

    def record(subject: str | None, key: str, offset: int) -> None:
        if subject in wanted and (subject, key) not in index.objects:
            index.objects[(subject, key)] = where(offset)
        if key in wanted and key not in index.mentions:
            index.mentions[key] = where(offset)

    def walk(node, subject: str | None) -> str | None:
        value, offset = node
        if isinstance(value, list):
            for item in value:
                walk(item, subject)
            return None
        if not isinstance(value, dict):
            return None
        if "@value" in value:
            record(subject, f"lit:{value['@value'][0]}", offset)
            return None
        own = next((expand(value[k][0], vocabulary=False) for k in ids if isinstance(value.get(k, (0,))[0], str)), None)
        if own is not None:
            record(subject, own, offset)
            described = any(k not in ids and k != "@context" for k in value)
            if described and own in wanted and own not in index.subjects:
                index.subjects[own] = where(offset)
        for key, item in value.items():
            if key in ids or key == "@context":
                continue
            if key in types:
                for kind, at in item[0] if isinstance(item[0], list) else [item]:
                    record(own, expand(kind, vocabulary=True), at)
            elif key in ("@graph", "@included") or not key.startswith("@"):
                for one in item[0] if isinstance(item[0], list) else [item]:
                    if isinstance(one[0], str):
                        record(own, "lit:" + one[0], one[1])
                        record(own, expand(one[0], vocabulary=False), one[1])
                    elif isinstance(one[0], bool | int | float):
                        record(own, "lit:" + str(one[0]).lower(), one[1])
                    else:
                        walk(one, None if key.startswith("@") else own)
        return own

    contexts(root)
    walk(root, None)
    return index
