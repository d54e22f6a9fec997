"""Reading the files users name: which syntax each is, whether it can be RDF at all, and streams read once.

A regular file is checked on its first bytes and then parsed from its path (Oxigraph streams it). Standard
input, a pipe, a named FIFO or a character device can be read only once: such a source is read completely,
once per process, and parsed from those bytes (re-opening it would give the rest of the stream, or block).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox

from svco.errors import InputError, UsageError

#: File extensions svco reads, and the RDF syntax each means.
EXTENSIONS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".turtle": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".ntriples": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".n3": ox.RdfFormat.N3,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
    ".jsonld": ox.RdfFormat.JSON_LD,
}

#: Names accepted by ``--input-format`` (and ``format=`` in :meth:`svco.store.Store.load`).
FORMAT_NAMES: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ttl": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "n3": ox.RdfFormat.N3,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "xml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
    "json-ld": ox.RdfFormat.JSON_LD,
}

_SNIFF_BYTES = 8192

#: XML elements nested deeper than this are read by rdflib's RDF/XML parser (see :meth:`Source.loadable`).
DEEP_XML = 10_000

#: The content of each stream read so far, by the path it was read from (a stream can be read only once).
_STREAMS: dict[str, bytes] = {}


def parse_format(name: str) -> ox.RdfFormat:
    """The RDF syntax a ``--input-format`` name stands for; :class:`UsageError` if there is none."""
    try:
        return FORMAT_NAMES[name.lower()]
    except KeyError:
        known = ", ".join(sorted(FORMAT_NAMES))
        raise UsageError(f"unknown RDF format {name!r}", hint=f"use one of: {known}") from None


def is_stream(path: Path) -> bool:
    """Whether ``path`` is something that can be read only once (a pipe, FIFO, socket, terminal, device)."""
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def sniff(path: Path, head: bytes) -> ox.RdfFormat:
    """Pick the syntax of a file from its extension, looking inside ``.owl``/``.xml`` files (Protégé
    writes Turtle, RDF/XML or OWL/XML under ``.owl``)."""
    suffix = path.suffix.lower()
    fmt = EXTENSIONS.get(suffix)
    if fmt is None:
        raise InputError(
            path,
            f"unknown RDF file extension {suffix or '(none)'!r}",
            hint="name the syntax with --input-format (turtle, ntriples, rdfxml, jsonld, trig, nquads)",
        )
    if suffix in (".owl", ".xml"):
        text = head.lstrip().decode("utf-8", "replace")
        if text.startswith("<") and "<Ontology" in text and "<rdf:RDF" not in text:
            raise InputError(
                path,
                "this is OWL/XML, which svco does not read",
                hint="save it from Protégé as RDF/XML or Turtle (File > Save as)",
            )
        if not text.startswith("<"):
            return ox.RdfFormat.TURTLE
    return fmt


def read_source(path: Path) -> tuple[bytes, bool]:
    """``(head, whole)``: the first bytes of a regular file (``whole`` false), or all of a stream (``whole``
    true, read once per process); :class:`InputError` saying why it cannot be RDF."""
    streamed = is_stream(path)
    try:
        if streamed:
            data = stream_bytes(path)
        else:
            with path.open("rb") as handle:
                data = handle.read(_SNIFF_BYTES)
    except FileNotFoundError:
        raise InputError(path, "no such file", hint="check the path") from None
    except PermissionError:
        raise InputError(path, "cannot read the file: permission denied") from None
    except IsADirectoryError:  # pragma: no cover - directories are expanded before this
        raise InputError(path, "is a directory") from None
    except OSError as exc:
        raise InputError(path, f"cannot read the file: {exc.strerror or exc}") from None
    head = data[:_SNIFF_BYTES]
    if not head.strip():
        raise InputError(path, "the file is empty", hint="give a file with RDF in it")
    if b"\x00" in head:
        raise InputError(path, "this is a binary file, not RDF text")
    return data, streamed


def stream_bytes(path: Path) -> bytes:
    """The whole content of a stream, read the first time it is asked for and remembered after."""
    key = os.path.abspath(path)
    if key not in _STREAMS:
        with open(path, "rb") as handle:
            _STREAMS[key] = handle.read()
    return _STREAMS[key]


def graph_name(path: Path) -> str:
    """The ``file:`` URI a file is loaded under: its real path, or for a stream the name it was given
    (``/dev/stdin``, not ``/proc/123/fd/pipe:[456]``)."""
    return Path(os.path.abspath(path)).as_uri() if is_stream(path) else path.resolve().as_uri()


def read_text(path: Path) -> str:
    """The text of a file (UTF-8, BOM dropped) without reading a stream a second time."""
    data = stream_bytes(path) if os.path.abspath(path) in _STREAMS or is_stream(path) else path.read_bytes()
    return data.decode("utf-8-sig")


#: An entity declaration in a DOCTYPE's internal subset: ``<!ENTITY owl "http://...#">`` (``%`` for parameter).
_ENTITY = re.compile(rb"""<!ENTITY\s+(%\s+)?([^\s"'>]+)\s+(?:("[^"]*"|'[^']*')|(SYSTEM|PUBLIC)\b)""")
#: The most an RDF/XML file's entity references may add when expanded, beyond the file's own size.
MAX_ENTITY_EXPANSION = 16 * 1024 * 1024


def check_entities(path: Path, data: bytes | None) -> None:
    """Refuse an RDF/XML document whose entities could blow up when expanded ("billion laughs"): entities
    defined through other entities, parameter or external entities, or references adding more than
    :data:`MAX_ENTITY_EXPANSION` bytes. Protégé's plain ``<!ENTITY owl "http://...">`` declarations pass.

    ``data`` is the whole document, or None to read it from ``path`` (only when it declares a DOCTYPE).
    """
    if data is None:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
            if b"<!DOCTYPE" not in head and b"<!doctype" not in head:
                return
            data = head + handle.read()
    if b"<!ENTITY" not in data:
        return
    sizes: dict[bytes, int] = {}
    for match in _ENTITY.finditer(data):
        line = data.count(b"\n", 0, match.start()) + 1
        value = match[3] or b""
        if match[1] or match[4] or b"&" in value or b"%" in value:
            raise InputError(
                path,
                "the DOCTYPE declares entities svco does not expand (entities built from other entities, "
                "parameter or external entities): such a file can grow to gigabytes when read",
                line=line,
                hint="declare each entity as plain text, as Protégé does, or save the model as Turtle",
            )
        sizes[match[2]] = len(value) - 2
    expanded = sum(data.count(b"&" + name + b";") * size for name, size in sizes.items())
    if expanded > MAX_ENTITY_EXPANSION:
        raise InputError(
            path,
            f"the entity references in this file expand to {expanded // 1048576} MiB of text, more than "
            f"svco reads ({MAX_ENTITY_EXPANSION // 1048576} MiB)",
            hint="write the values out, or save the model as Turtle",
        )


def xml_error_position(path: Path, data: bytes | None) -> tuple[int, int] | None:
    """Line and column of the first XML well-formedness error in an RDF/XML document (Oxigraph's RDF/XML
    errors carry no position), or None when the XML is well-formed. Runs after :func:`check_entities`."""
    from xml.parsers import expat

    try:
        _expat_parse(expat.ParserCreate(), path, data)
    except expat.ExpatError as exc:
        return exc.lineno, exc.offset + 1
    except (OSError, ValueError, LookupError):  # unreadable, or an encoding Python does not know
        return None
    return None


def xml_depth(path: Path, data: bytes | None, limit: int) -> int:
    """How deep the elements of an XML document nest, counted up to just past ``limit`` (0 for a document
    that is not well-formed XML: the RDF/XML parser then says what is wrong)."""
    from xml.parsers import expat

    class _Deep(Exception):
        pass

    parser = expat.ParserCreate()
    depth = deepest = 0

    def start(name: str, attributes: dict) -> None:
        nonlocal depth, deepest
        depth += 1
        deepest = max(deepest, depth)
        if deepest > limit:
            raise _Deep

    def end(name: str) -> None:
        nonlocal depth
        depth -= 1

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        _expat_parse(parser, path, data)
    except _Deep:
        return deepest
    except (expat.ExpatError, OSError, ValueError, LookupError):
        return 0
    return deepest


def _expat_parse(parser, path: Path, data: bytes | None) -> None:
    """Feed ``parser`` (expat) the document: ``data`` when it was read already, else the file at ``path``."""
    if data is not None:
        parser.Parse(data, True)
    else:
        with path.open("rb") as handle:
            parser.ParseFile(handle)


def _is_xml_catalog(path: Path) -> bool:
    """Whether a file is an OASIS XML catalog (Protégé's catalog-v001.xml), which is not RDF."""
    if path.suffix.lower() != ".xml":
        return False
    with path.open("rb") as handle:
        return b"urn:oasis:names:tc:entity:xmlns:xml:catalog" in handle.read(4096)


def expand_sources(sources: Iterable[Path | str]) -> list[Path]:
    """Files to load: each file as given, each folder's RDF files (by extension, recursively, sorted;
    XML catalogs are skipped)."""
    files: list[Path] = []
    for source in sources:
        path = Path(source)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in EXTENSIONS and not _is_xml_catalog(p)
            )
            if not found:
                exts = " ".join(sorted(EXTENSIONS))
                raise InputError(path, "this folder holds no RDF files", hint=f"svco reads files named {exts}")
            files.extend(found)
        elif not path.exists():
            raise InputError(path, "no such file or folder", hint="check the path")
        else:
            files.append(path)
    return files


@dataclass(frozen=True)
class Source:
    """A file to parse: its path, its syntax, and its bytes when it is a stream (None: parse from the path)."""

    path: Path
    format: ox.RdfFormat
    data: bytes | None

    @property
    def graph(self) -> str:
        """The graph the file is loaded into (and the base IRI of its relative IRIs)."""
        return graph_name(self.path)

    def parser_input(self) -> dict:
        """The arguments naming this source for Oxigraph's parser and loader (``input`` or ``path``)."""
        return {"input": self.data} if self.data is not None else {"path": str(self.path)}

    @cached_property
    def loadable(self) -> tuple[dict, ox.RdfFormat]:
        """The arguments naming this source for Oxigraph's parser and loader, and the syntax to read it as
        (worked out once: `svco load --endpoint` parses each file twice).

        An RDF/XML document whose elements nest deeper than :data:`DEEP_XML` is read by rdflib's parser and
        handed on as N-Triples: Oxigraph's RDF/XML parser takes time cubic in the depth (pyoxigraph 0.5:
        20,000 levels 9.8 s, 40,000 levels 80 s), rdflib's linear time (100,000 levels 15 s)."""
        if self.format != ox.RdfFormat.RDF_XML or xml_depth(self.path, self.data, DEEP_XML) <= DEEP_XML:
            return self.parser_input(), self.format
        import rdflib

        graph = rdflib.Graph()
        with parse_errors(self):
            try:
                if self.data is not None:
                    graph.parse(data=self.data, format="xml", publicID=self.graph)
                else:
                    graph.parse(source=str(self.path), format="xml", publicID=self.graph)
            except Exception as exc:  # rdflib's RDF/XML errors have no common type
                raise ValueError(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None
        return {"input": graph.serialize(format="nt", encoding="utf-8")}, ox.RdfFormat.N_TRIPLES

    def quads(self) -> Iterator[ox.Quad]:
        """The file's quads as the parser streams them (blank nodes renamed apart from any other file's), with
        any parse error as :func:`parse_errors` gives it."""
        source, fmt = self.loadable
        with parse_errors(self):
            yield from ox.parse(**source, format=fmt, base_iri=self.graph, rename_blank_nodes=True)


def open_sources(sources: Iterable[Path | str], input_format: str | None = None) -> list[Source]:
    """The files ``sources`` name (folders expanded), each with its syntax (``input_format`` or sniffed),
    checked for what is not RDF and for RDF/XML entity bombs before any is parsed."""
    forced = parse_format(input_format) if input_format else None
    opened = []
    for path in expand_sources(sources):
        data, whole = read_source(path)
        fmt = forced or sniff(path, data)
        if fmt == ox.RdfFormat.RDF_XML:
            check_entities(path, data if whole else None)
        opened.append(Source(path, fmt, data if whole else None))
    return opened


@contextmanager
def parse_errors(source: Source) -> Iterator[None]:
    """Turn what Oxigraph raises on a file it cannot read into an :class:`InputError` naming the file, the
    line and the column (for RDF/XML, which Oxigraph gives no position, found by an XML parser)."""
    fmt = source.format
    try:
        yield
    except SyntaxError as exc:
        problem = (exc.msg or "syntax error").split(" (", 1)[0]
        line, column = exc.lineno, exc.offset
        if line is None and fmt == ox.RdfFormat.RDF_XML:
            line, column = xml_error_position(source.path, source.data) or (None, None)
        raise InputError(
            source.path,
            f"not valid {fmt.name}: {problem}",
            line=line,
            column=column,
            hint="fix the syntax there (or name the right syntax with --input-format)",
        ) from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise InputError(source.path, f"not valid {fmt.name}: {exc}") from None
    except MemoryError:  # Oxigraph's parser holds one token in a buffer of at most 16 MiB
        raise InputError(
            source.path,
            f"cannot read this {fmt.name}: one term or literal is longer than the parser's 16 MiB limit",
            hint="keep large content out of the model (link to it instead)",
        ) from None
