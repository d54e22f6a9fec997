"""Where a node is written: file, line and column of the first statement with it as subject.

RDF parsers drop positions, so this module reads the source text again, for the few nodes that appear in
validation results and only in the files that hold them, after validation: a 1M-triple model pays nothing
unless it has results. Turtle, TriG, N-Triples and N-Quads are read by one tokenizer (comments, strings,
prefixes, ``a``, ``[ ]`` and ``( )`` understood), RDF/XML by expat, JSON-LD by a position-keeping JSON
reader. Each reader returns, for the wanted subjects, where the subject is first described and where each
of its objects is written (the offending value of a result). Blank nodes are not located: a parser renames
them, so their labels cannot be matched to the store's.

>>> index = index_text('@prefix ex: <http://e/> .\\n\\nex:a a ex:T ;\\n  ex:p "v" .\\n', "x.ttl", {"http://e/a"})
>>> index.subjects["http://e/a"]
(3, 1)
>>> index.objects[("http://e/a", "lit:v")]
(4, 8)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

Position = tuple[int, int]  # 1-based line and column (in characters)


@dataclass
class FileIndex:
    """Positions found in one file: ``subjects[iri]`` and ``objects[(subject iri, term key)]``.

    A term key is the IRI for an IRI, ``lit:`` + the lexical form for a literal.
    """

    subjects: dict[str, Position] = field(default_factory=dict)
    objects: dict[tuple[str, str], Position] = field(default_factory=dict)
    mentions: dict[str, Position] = field(default_factory=dict)  # first place an IRI is written at all
    ends: dict[str, Position] = field(default_factory=dict)  # where the first statement about a subject ends


class Lines:
    """Offsets to (line, column), for offsets visited in increasing order (one pass over the text)."""

    def __init__(self, text: str) -> None:
        self.text, self.offset, self.line, self.start = text, 0, 1, 0

    def __call__(self, offset: int) -> Position:
        if offset < self.offset:  # rare: a reader went back; count again from the start
            self.offset, self.line, self.start = 0, 1, 0
        newlines = self.text.count("\n", self.offset, offset)
        if newlines:
            self.line += newlines
            self.start = self.text.rindex("\n", self.offset, offset) + 1
        self.offset = offset
        return self.line, offset - self.start + 1


# -------------------------------------------------------------------------------------------- entry points
def index_text(
    text: str, name: str, wanted: set[str], base: str | None = None, objects_of: set[str] | None = None
) -> FileIndex:
    """Positions of the ``wanted`` IRIs in ``text``, read in the syntax its file ``name`` (or content) says.

    ``objects_of``: the wanted subjects whose objects are wanted too (None: all); a reader may skip the
    objects of the others (the Turtle reader does: most results of a large model have no value to point at)."""
    base = base or Path(name).resolve().as_uri()
    suffix = Path(name).suffix.lower()
    head = text.lstrip()[:100]
    if suffix in (".rdf", ".owl", ".xml") or head.startswith(("<?xml", "<rdf:RDF")):
        from svco.locate_xml_json import index_rdfxml

        return index_rdfxml(text, base, wanted)
    if suffix in (".jsonld", ".json") or head.startswith(("{", "[")):
        from svco.locate_xml_json import index_jsonld

        return index_jsonld(text, base, wanted)
    from svco.locate_turtle import index_turtle

    return index_turtle(text, base, wanted, objects_of)


def index_file(path: Path, wanted: set[str], objects_of: set[str] | None = None) -> FileIndex:
    """:func:`index_text` on a file; an unreadable or unparsable file gives an empty index, never an error."""
    from xml.parsers.expat import ExpatError

    try:
        from svco.sources import read_text

        text = read_text(path)
        return index_text(text, str(path), wanted, base=path.resolve().as_uri(), objects_of=objects_of)
    except (OSError, UnicodeDecodeError, ValueError, IndexError, KeyError, TypeError, ExpatError):
        # the file loaded, so only this reader failed: the result keeps its file, without a line
        return FileIndex()


def graph_path(graph: str) -> Path | None:
    """The file a ``file:`` graph name stands for (svco loads each file into the graph named by its URI)."""
    if not graph.startswith("file:"):
        return None
    return Path(url2pathname(unquote(urlparse(graph).path)))


def display_path(path: Path) -> str:
    """``path`` as a report shows it: relative to the working folder when inside it (what CI tools want)."""
    from svco.sources import is_stream

    if is_stream(path):  # standard input or a FIFO: the name it was given, not /proc/123/fd/pipe:[456]
        return path.as_posix()
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def locate(graphs: dict[str, list[str]], wanted_values: dict[str, set[str]], files: dict[str, Path]) -> tuple:
    """Where focus nodes are described, given the graphs each is a subject in (``graphs[focus]``, load order).

    ``wanted_values[focus]`` are the term keys of offending values to find under that subject; ``files`` maps a
    graph name to its file. Each file is read once, for all the nodes it holds. Returns ``({focus: (file,
    line, column, end line)}, {(focus, value key): (line, column)})``; a node in no known file is left out.
    """
    by_file: dict[Path, set[str]] = {}
    for focus, names in graphs.items():
        path = next((files[g] for g in names if g in files), None)
        if path is not None:
            by_file.setdefault(path, set()).add(focus)
    nodes, values = {}, {}
    for path, wanted in by_file.items():
        index = index_file(path, wanted, objects_of={f for f in wanted if wanted_values.get(f)})
        shown = display_path(path)
        for focus in wanted:
            at = index.subjects.get(focus) or index.mentions.get(focus) or (None, None)
            nodes[focus] = (shown, *at, index.ends.get(focus, at)[0])
            for key in wanted_values.get(focus, ()):
                if (focus, key) in index.objects:
                    values[(focus, key)] = index.objects[(focus, key)]
    return nodes, values


def locate_results(store, results: list) -> None:
    """Set ``file``, ``line``, ``column``, ``end_line``, ``value_line``, ``value_column`` on results, in place.

    ``store`` is a :class:`svco.store.Store`: each model file is in the graph named by its URI, so the graphs
    a focus node is a subject in name the files to read. A node only used as an object (never described) is
    located at its first mention. Files named by TriG or N-Quads graphs are searched as a last resort.
    """
    import pyoxigraph as ox

    files = {s.graph: s.path for s in store.sources}
    graphs: dict[str, list[str]] = {}
    values: dict[str, set[str]] = {}
    subjects: dict[str, set[str]] = {}
    for r in results:
        if r.value_term is not None and getattr(r.value_term, "value", None) != r.focus:  # not a node's own value
            values.setdefault(r.focus, set()).add(_key(r.value_term))
        if not r.focus or r.focus.startswith(("_:", '"')) or r.focus in graphs:
            continue  # blank nodes and literals (sh:targetObjectsOf) have no place of their own
        node = ox.NamedNode(r.focus)
        described = [q.graph_name for q in store.oxigraph.quads_for_pattern(node, None, None, None)]
        mentioned = [q.graph_name for q in store.oxigraph.quads_for_pattern(None, None, node, None)]
        ordered = [str(n.value) for n in described + mentioned if isinstance(n, ox.NamedNode)]
        subjects[r.focus] = {str(n.value) for n in described if isinstance(n, ox.NamedNode)}
        for graph in ordered:
            if graph not in files and (path := graph_path(graph)) is not None and path.is_file():
                files[graph] = path
        if not any(g in files for g in ordered):  # in a TriG/N-Quads named graph: try those files
            ordered += [s.graph for s in store.sources if s.path.suffix.lower() in (".trig", ".nq")]
        graphs[r.focus] = list(dict.fromkeys(ordered))
    order = {g: i for i, g in enumerate(files)}
    for focus, names in graphs.items():  # files that describe the node first, then those that mention it
        graphs[focus] = sorted((g for g in names if g in files), key=lambda g: (g not in subjects[focus], order[g]))
    nodes, found = locate(graphs, values, files)
    for r in results:
        if r.focus in nodes:
            r.file, r.line, r.column, r.end_line = nodes[r.focus]
            if r.value_term is not None:
                r.value_line, r.value_column = found.get((r.focus, _key(r.value_term)), (None, None))


def _key(term) -> str:
    """The key :class:`FileIndex` uses for a pyoxigraph term."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return term.value
    return "lit:" + term.value if isinstance(term, ox.Literal) else ""
