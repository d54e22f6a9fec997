"""The Turtle-family reader of :mod:`svco.locate`: Turtle, TriG, N-Triples and N-Quads, by one tokenizer.

It understands comments, short and long strings, ``@prefix``/``PREFIX``/``@base``, ``a``, ``[ ]`` and
``( )`` nesting and TriG graph blocks, which is all it needs to tell a subject from an object.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from svco.locate import RDF_TYPE, FileIndex, Lines, Position

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+) | (?P<comment>\#[^\n]*)
    | (?P<long>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*''')
    | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
    | (?P<iri><[^<>"{}|^`\\\s]*>)
    | (?P<datatype>\^\^) | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
    | (?P<bnode>_:[\w\-.]*[\w\-])
    | (?P<pname>(?:[A-Za-z][\w\-.]*)?:(?:(?:[\w\-:%]|\\.)(?:(?:[\w\-.:%]|\\.)*(?:[\w\-:%]|\\.))?)?)
    | (?P<number>[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?))
    | (?P<word>[A-Za-z]+)
    | (?P<punct>[.;,\[\]\(\)\{\}])
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
# One statement, up to the '.' that ends it, stepping over strings, IRIs and comments: it cannot fail, so it
# cannot backtrack. Statements without a wanted IRI are skipped at this speed.
_STATEMENT = re.compile(
    r"""(?:[^"'\#<.]+|<[^<>"{}|^`\\\s]*>|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''"""
    r"""|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\#[^\n]*|\.(?![\s#]|\Z)|[<"'])*+(?:\.(?=[\s#]|\Z)|\Z)""",
    re.DOTALL,
)
_NAME = re.compile(r"<[^<>\"{}|^`\\\s]*>|(?:[A-Za-z][\w\-.]*)?:[\w\-:%.]*")  # IRIs and prefixed names
_SUBJECT = re.compile(r"(?:\s|\#[^\n]*)*(" + _NAME.pattern + ")")  # a statement's first name
_DIRECTIVE = re.compile(r"(?:\s|\#[^\n]*)*(?:@prefix|@base|(?i:prefix|base)\b)")  # at a statement's start
_ESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(text: str) -> str:
    def one(m: re.Match) -> str:
        if m[1]:
            return chr(int(m[1][1:], 16))
        return _ESCAPES.get(m[2], m[2])

    return re.sub(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})|\\(.)", one, text) if "\\" in text else text


class _Frame:
    __slots__ = ("expect", "fresh", "subject")

    def __init__(self, subject: str | None, expect: str) -> None:
        self.subject, self.expect, self.fresh = subject, expect, False


def _end(index: FileIndex, subject: str | None, at: Position) -> None:
    """Note where the first statement about a located subject ends."""
    if subject in index.subjects and subject not in index.ends:
        index.ends[subject] = at


def index_turtle(text: str, base: str, wanted: set[str], objects_of: set[str] | None = None) -> FileIndex:
    """Positions of the ``wanted`` IRIs in Turtle-family ``text``.

    ``objects_of``: the subjects whose objects are wanted (None: all of them); the statements about the
    others are not tokenized at all, their subject and end being where the statement pattern put them.
    Only the statements whose subject is wanted, that declare a prefix or hold a TriG graph block are
    read; a regular expression skips the others at C speed. A wanted IRI never found as a subject that way
    is looked for among all the names of each statement (its first mention), and when that fails too
    (written in a form not foreseen, such as an escaped local name) the whole text is tokenized.
    """
    index = _index_turtle(text, base, wanted, "subjects", objects_of)
    missing = {w for w in wanted if w not in index.subjects}
    if missing:
        mentioned = _index_turtle(text, base, missing, "names")  # it finds nothing but the missing IRIs
        index.subjects.update(mentioned.subjects)
        index.mentions.update(mentioned.mentions)
        index.ends.update(mentioned.ends)
        index.objects.update(mentioned.objects)
    if any(w not in index.subjects and w not in index.mentions for w in wanted):
        index = _index_turtle(text, base, wanted, "all")
    return index


def _index_turtle(
    text: str, base: str, wanted: set[str], read_only: str, objects_of: set[str] | None = None
) -> FileIndex:
    """One pass over ``text``, tokenizing the statements ``read_only`` says: ``"subjects"`` (whose subject is
    wanted; the objects only of ``objects_of``), ``"names"`` (that name a wanted IRI anywhere) or ``"all"``."""
    index, where = FileIndex(), Lines(text)
    prefixes: dict[str, str] = {}
    stack = [_Frame(None, "subject")]
    directive: str | None = None
    skip_datatype = False

    def read(start: int, end: int) -> None:
        nonlocal base, directive, skip_datatype
        for m in _TOKEN.finditer(text, start, end):
            kind = m.lastgroup
            if kind in ("ws", "comment"):
                continue
            token = m[kind]
            if kind == "lang" and token in ("@prefix", "@base"):
                directive = token[1:]
                continue
            frame = stack[-1]
            if directive:  # @prefix p: <iri> . / PREFIX p: <iri> / @base <iri> .
                if kind == "pname" and directive == "prefix":
                    directive_name = token[:-1]
                    prefixes[directive_name] = ""
                    directive = "prefix-iri:" + directive_name
                elif kind == "iri":
                    iri = urljoin(base, _unescape(token[1:-1]))
                    if directive == "base":
                        base = iri
                    else:
                        prefixes[directive.split(":", 1)[1]] = iri
                    directive = None
                continue
            if kind == "word" and token.lower() in ("prefix", "base") and frame.expect == "subject":
                directive = token.lower()
                continue
            if kind == "lang" or (kind == "word" and token.upper() == "GRAPH" and frame.expect == "subject"):
                continue
            if kind == "datatype":
                skip_datatype = True
                continue
            if kind == "punct":
                if token == "." and frame.expect != "list":
                    _end(index, frame.subject, where(m.start()))
                    frame.expect, frame.subject = "subject", None
                elif token == ";":
                    frame.expect = "predicate"
                elif token == ",":
                    frame.expect = "object"
                elif token in "[(":
                    parent = frame.subject if token == "(" else None
                    if frame.expect == "object" or frame.expect == "list":
                        pass
                    elif frame.expect == "subject":
                        frame.expect = "predicate"  # [ ... ] :p :o . and ( ... ) :p :o .
                    stack.append(_Frame(parent, "predicate" if token == "[" else "list"))
                elif token in "])" and len(stack) > 1:
                    stack.pop()
                elif token == "{":
                    if frame.fresh and frame.subject is not None:  # <g> { : that was a graph name
                        index.subjects.pop(frame.subject, None)
                    stack.append(_Frame(None, "subject"))
                elif token == "}" and len(stack) > 1:
                    _end(index, stack.pop().subject, where(m.start()))
                    stack[-1].expect, stack[-1].subject = "subject", None
                continue
            if skip_datatype:
                skip_datatype = False
                continue
            # a term
            if kind == "iri":
                key = urljoin(base, _unescape(token[1:-1]))
            elif kind == "pname":
                prefix, _, local = token.partition(":")
                namespace = prefixes.get(prefix)
                key = namespace + _unescape(local).replace("\\", "") if namespace is not None else None
            elif kind == "word" and token == "a":
                key = RDF_TYPE
            elif kind == "long":
                key = "lit:" + _unescape(token[3:-3])
            elif kind == "string":
                key = "lit:" + _unescape(token[1:-1])
            elif kind in ("number", "word"):
                key = "lit:" + token
            else:
                key = None  # blank node label, or something the tokenizer does not know
            frame.fresh = False
            if frame.expect == "subject":
                frame.subject, frame.expect = key, "predicate"
                if key in wanted and key not in index.subjects:
                    index.subjects[key] = where(m.start())
                    frame.fresh = True
            elif frame.expect == "predicate":
                frame.expect = "object"
            elif frame.subject in wanted and key is not None and (frame.subject, key) not in index.objects:
                index.objects[(frame.subject, key)] = where(m.start())
            if key in wanted and key not in index.mentions:
                index.mentions[key] = where(m.start())

    if read_only == "all":
        read(0, len(text))
        return index
    forms = _forms(wanted, prefixes, base)
    by_subject = read_only == "subjects"
    for m in _STATEMENT.finditer(text):
        start, end = m.span()
        if _DIRECTIVE.match(text, start, end):
            read(start, end)
            forms = _forms(wanted, prefixes, base)
            continue
        if by_subject and text.find("{", start, end) < 0:  # not a TriG graph block: its subject says
            head = _SUBJECT.match(text, start, end)
            if head is None:
                continue  # a subject that is not a name (a blank node, a list): not wanted
            subject = forms.get(head[1])
            if subject is None:
                continue
            if objects_of is not None and subject not in objects_of:  # where it starts and ends is enough
                if subject not in index.subjects:
                    index.subjects[subject] = where(head.start(1))
                    index.ends[subject] = where(end - 1 if text.endswith(".", start, end) else end)
                continue
        elif forms.keys().isdisjoint(_NAME.findall(text, start, end)):
            continue
        stack[:] = [_Frame(None, "subject")]
        directive, skip_datatype = None, False
        read(start, end)
    return index


def _forms(wanted: set[str], prefixes: dict[str, str], base: str) -> dict[str, str]:
    """The ways the ``wanted`` IRIs can be written with these prefixes and base, as :data:`_NAME` finds them:
    written form -> IRI."""
    forms = {}
    for iri in wanted:
        forms[f"<{iri}>"] = iri
        if iri.startswith(base):
            forms[f"<{iri[len(base) :]}>"] = iri
        for prefix, namespace in prefixes.items():
            if namespace and iri.startswith(namespace):
                local = iri[len(namespace) :]
                forms[f"{prefix}:{local}"] = forms[f"{prefix}:{local}."] = iri
    return forms
