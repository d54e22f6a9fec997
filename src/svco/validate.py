"""Validation of organisation models against svco's SHACL shapes.

Two engines give the same results (tests compare them on every fixture and example):

- ``svco`` (default): :mod:`svco.shacl` turns each shape into SPARQL and runs it on the Oxigraph store;
- ``pyshacl``: the reference implementation, on an rdflib copy of the store; with ``auto`` it runs the
  shapes the fast engine cannot evaluate (those alone, announced in ``notes``), or all when asked for.

Either way the results are then put in context for people: the value stream and step each one concerns,
with their labels, and for a misspelt ``svc:`` term the nearest term svco defines.

>>> from svco.store import Store
>>> store = Store(); store.load_reference()
>>> validate_store(store).conforms
True
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from svco._callable import make_callable
from svco.errors import SvcoError, UsageError
from svco.locate import locate_results
from svco.resources import NAMESPACE, shapes_dir
from svco.shacl import SH, CompiledShapes, OxigraphRunner, Result, compile_shapes, term_text
from svco.store import Store

SEVERITIES = ("Violation", "Warning", "Info")


class RowSource(Protocol):
    """Where context queries run: :class:`svco.store.Store` or a SPARQL server (``svco.remote_validate``)."""

    def rows(self, sparql: str) -> list[dict]: ...


_TYPO_SHAPE = "https://w3id.org/svco/shapes#TermsAreDefined"


@dataclass(slots=True)
class ValidationResult:
    """One problem found in a model, with the stream and step it concerns."""

    focus: str
    shape: str
    component: str
    severity: str  # "Violation", "Warning" or "Info"
    message: str
    path: str | None = None
    value: str | None = None
    stream: str | None = None
    stream_label: str | None = None
    step: str | None = None
    step_label: str | None = None
    focus_label: str | None = None
    suggestion: str | None = None
    file: str | None = None  # where the focus node is described (see svco.locate), relative to the cwd if inside
    line: int | None = None
    column: int | None = None
    end_line: int | None = None  # where the first statement about the focus node ends
    value_line: int | None = None  # where the offending value is written, when it is
    value_column: int | None = None
    value_term: ox.NamedNode | ox.BlankNode | ox.Literal | None = field(default=None, repr=False, compare=False)

    @property
    def where(self) -> str:
        """Where the problem is, for people: 'stream "X", step "Y"', or the focus node's label."""
        parts = []
        if self.stream_label:
            parts.append(f'stream "{self.stream_label}"')
        if self.step_label:
            parts.append(f'step "{self.step_label}"')
        if not parts:
            parts.append(f'"{self.focus_label}"' if self.focus_label else self.focus)
        return ", ".join(parts)


@dataclass
class ValidationReport:
    """All results of one validation run, and what was validated."""

    results: list[ValidationResult]
    engine: str
    sources: list[str] = field(default_factory=list)
    unresolved_imports: list[str] = field(default_factory=list)
    fail_on: str = "violation"
    notes: list[str] = field(default_factory=list)  # e.g. shapes run by pyshacl instead of svco's engine

    @property
    def conforms(self) -> bool:
        """SHACL's verdict: no result of any severity."""
        return not self.results

    def count(self, severity: str) -> int:
        """How many results have this severity."""
        return sum(1 for r in self.results if r.severity == severity)

    def fails(self, fail_on: str | None = None) -> bool:
        """Whether any result is at least as severe as ``fail_on`` (default: the report's own ``fail_on``;
        Violation > Warning > Info)."""
        level = SEVERITIES.index((fail_on or self.fail_on).capitalize())
        return any(SEVERITIES.index(r.severity) <= level for r in self.results)


def shape_files() -> list[Path]:
    """The shapes that validate organisation models (``shapes/*.ttl``; ``shapes/meta`` is for the ontology)."""
    return sorted(shapes_dir().glob("*.ttl"))


@cache
def shape_names() -> list[str]:
    """The IRIs of the shapes in :func:`shape_files` (what a report lists as checked)."""
    store = ox.Store()
    for path in shape_files():
        store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    rows = store.query(
        "SELECT DISTINCT ?s WHERE { VALUES ?k { sh:NodeShape sh:PropertyShape } ?s a ?k FILTER(isIRI(?s)) }",
        prefixes={"sh": SH},
    )
    return sorted(row["s"].value for row in rows)


@cache
def _compiled(files: tuple[Path, ...], portable: bool = False) -> CompiledShapes:
    return compile_shapes(files, portable=portable)


def run_engine(store: Store, engine: str = "auto", files: list[Path] | None = None) -> tuple[list[Result], str]:
    """Raw SHACL results from the chosen engine (``auto``, ``svco`` or ``pyshacl``), and the engine used."""
    results, used, _ = run_engines(store, engine, files)
    return results, used


def run_engines(
    store: Store, engine: str = "auto", files: list[Path] | None = None
) -> tuple[list[Result], str, list[str]]:
    """Like :func:`run_engine`, plus a note for each shape handed to pyshacl (``auto``), for stderr.

    With ``svco`` a shape the engine cannot evaluate is an error naming it; with ``auto`` that shape alone
    runs on pyshacl and the engine used is ``svco+pyshacl``. Nothing is silently skipped.
    """
    files = files if files is not None else shape_files()
    if engine == "pyshacl":
        return run_pyshacl(store, files), "pyshacl", []
    compiled = _compiled(tuple(files))
    unsupported = sorted(compiled.unsupported.items(), key=lambda kv: str(kv[0]))
    reasons = [why if str(shape) in why else f"{shape}: {why}" for shape, why in unsupported]
    if unsupported and engine == "svco":
        raise UsageError(
            "the svco engine cannot evaluate these shapes:\n  " + "\n  ".join(reasons),
            hint="use --engine auto to run them on pyshacl",
        )
    results = compiled.run(OxigraphRunner(store.oxigraph))
    if not unsupported:
        return results, "svco", []
    # pyshacl's results for shapes svco ran are dropped: IRI shapes by name; blank-node shapes (whose labels
    # differ between the two stores) when svco gave the same result from a blank-node shape. A nested shape
    # of an unsupported one (reported as the source shape by pyshacl) is therefore always kept.
    supported = {str(shape.node) for shape in compiled.shapes}
    blank_done = {_unshaped(r) for r in results if isinstance(r.shape, ox.BlankNode)}
    fallback = [
        r
        for r in run_pyshacl(store, files, skip=supported)
        if str(r.shape) not in supported and not (isinstance(r.shape, ox.BlankNode) and _unshaped(r) in blank_done)
    ]
    notes = [f"pyshacl runs {reason}" for reason in reasons]
    return sorted(results + fallback, key=Result.key), "svco+pyshacl", notes


def _unshaped(result: Result) -> tuple:
    return (str(result.focus), result.component, result.severity, result.path, str(result.value))


def run_pyshacl(store: Store, files: list[Path], skip: set[str] = frozenset()) -> list[Result]:
    """Validate with pyshacl (SHACL-AF enabled for SPARQL targets); results as :class:`svco.shacl.Result`.

    ``skip``: shapes (as N-Triples text) to deactivate when no other shape refers to them (run elsewhere).
    """
    import pyshacl
    import pyshacl.errors
    import rdflib
    from rdflib.util import guess_format

    shapes = rdflib.Graph()
    for path in files:
        shapes.parse(path, format=guess_format(str(path)) or "turtle")
    _plain_strings(shapes)
    referenced = {o.n3() for o in shapes.objects()}
    for node in set(shapes.subjects()):
        if node.n3() in skip and node.n3() not in referenced:
            shapes.add((node, rdflib.SH.deactivated, rdflib.Literal(True)))
    try:
        _, report, text = pyshacl.validate(store.to_rdflib(), shacl_graph=shapes, advanced=True, allow_warnings=True)
    except pyshacl.errors.ReportableRuntimeError as exc:  # shapes pySHACL will not run (sh:node on a property shape)
        raise SvcoError(
            f"pySHACL could not validate with these shapes: {exc.message}",
            hint="correct the shape it names, or validate with the default engine (--engine auto)",
        ) from None
    except RecursionError:  # rdflib recurses without end on arithmetic over some ill-typed literals
        raise SvcoError(
            "pySHACL could not validate this model: rdflib recursed without end evaluating a shape (this happens "
            'on ill-typed literals such as svc:position "x"^^xsd:integer)',
            hint="validate with the default engine (--engine auto), which reports such literals as violations",
        ) from None
    if not isinstance(report, rdflib.Graph):  # pyshacl reports a broken shape as a ValidationFailure
        raise SvcoError(f"pyshacl could not validate: {text.strip()}")
    sh = rdflib.Namespace(SH)
    results = []
    # the report's own results only: pySHACL also types the nested results under sh:detail (sh:node, ...)
    for node in report.objects(None, sh.result):
        path = report.value(node, sh.resultPath)
        if isinstance(path, rdflib.BNode):
            inverse = report.value(path, sh.inversePath)
            path = f"^{inverse}" if inverse is not None else str(path)
        value = report.value(node, sh.value)
        message = report.value(node, sh.resultMessage)
        results.append(
            Result(
                focus=_to_ox(report.value(node, sh.focusNode)),
                shape=_to_ox(report.value(node, sh.sourceShape)),
                component=str(report.value(node, sh.sourceConstraintComponent)),
                severity=str(report.value(node, sh.resultSeverity)),
                path=str(path) if path is not None else None,
                value=_to_ox(value) if value is not None else None,
                message=str(message) if message is not None else None,
            )
        )
    results.sort(key=Result.key)
    return results


def _plain_strings(graph) -> None:
    """``"a"^^xsd:string`` as ``"a"`` in ``graph``, in place: RDF 1.1 makes them one term, rdflib tells them
    apart, and the data reaches pySHACL in the plain form (:meth:`Store.to_rdflib`), so ``sh:in ( "a"^^xsd:string )``
    would miss a value ``"a"``."""
    import rdflib

    typed = [(s, p, o) for s, p, o in graph if isinstance(o, rdflib.Literal) and o.datatype == rdflib.XSD.string]
    for s, p, o in typed:
        graph.remove((s, p, o))
        graph.add((s, p, rdflib.Literal(str(o))))


def _to_ox(term):
    import rdflib

    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or rdflib.XSD.string)))


def validate_store(store: Store, *, engine: str = "auto", extra_shapes: Sequence[Path] = ()) -> ValidationReport:
    """Validate everything in ``store`` (reference ontology and models) against svco's shapes and
    ``extra_shapes`` (an organisation's own shapes files).

    Raises :class:`UsageError` when the store lacks the reference content: without it every ``svc:`` term
    would be reported as undefined (call ``store.load_reference()`` first).
    """
    if not store.has_reference:
        raise UsageError(
            "the store holds no svco reference content, so every svc: term would look undefined",
            hint="call store.load_reference() first (svco.validate() does it for you)",
        )
    raw, used, notes = run_engines(store, engine, shape_files() + list(extra_shapes))
    report = report_from(store, raw, used, _store_sources(store))
    report.notes = notes
    return report


def shacl_store(store: Store, shapes: Sequence[Path], *, engine: str = "auto") -> ValidationReport:
    """Plain SHACL: validate ``store`` against ``shapes`` alone (no svco shapes, no reference content needed)."""
    if not shapes:
        raise UsageError("no shapes to validate against", hint="name at least one shapes file with --shapes")
    raw, used, notes = run_engines(store, engine, list(shapes))
    report = report_from(store, raw, used, _store_sources(store))
    report.notes = notes
    return report


def compile_for_server(files: Sequence[Path]) -> CompiledShapes:
    """The shapes compiled for a SPARQL server; :class:`UsageError` when the svco engine cannot run one."""
    compiled = _compiled(tuple(files), portable=True)
    if compiled.unsupported:
        reasons = sorted(str(why) for why in compiled.unsupported.values())
        raise UsageError(
            "the svco engine cannot evaluate these shapes, so they cannot be checked on a server:\n  "
            + "\n  ".join(reasons),
            hint="validate an export of the data locally (svco validate --engine auto runs them on pyshacl)",
        )
    return compiled


def report_from(source: RowSource, raw: list[Result], used: str, sources: list[str]) -> ValidationReport:
    """Raw engine results put in context for people: labels, the stream and step, a misspelt term's fix.

    ``source`` answers the context queries: the embedded store, or a SPARQL server's runner. ``raw`` is
    emptied as its results are converted, so that they are never held twice (a server's run can give
    100,000: at 5M triples the client's peak memory must stay under 200 MB)."""
    context = _context(source, {r.focus for r in raw})
    defined = _defined_terms(source) if any(str(r.shape) == f"<{_TYPO_SHAPE}>" for r in raw) else ()
    same: dict[str, str] = {}  # one copy of each text that results repeat
    short: dict[str, str] = {}
    results = []
    raw.reverse()
    while raw:
        r = raw.pop()
        focus = r.focus.value if isinstance(r.focus, ox.NamedNode) else str(r.focus)
        shape = r.shape.value if isinstance(r.shape, ox.NamedNode) else str(r.shape)
        result = ValidationResult(
            focus=focus,
            shape=same.setdefault(shape, shape),
            component=short.setdefault(r.component, r.component.removeprefix(SH)),
            severity=short.setdefault(r.severity, r.severity.removeprefix(SH)),
            message=same.setdefault(r.message or "", r.message or ""),
            path=r.path,
            value=term_text(r.value) if r.value is not None else None,
            value_term=r.value,
            **context.get(focus, {}),
        )
        if result.shape == _TYPO_SHAPE and isinstance(r.value, ox.NamedNode):
            result.suggestion = _nearest(r.value.value, defined)
            if result.suggestion:
                result.message += f" Did you mean {result.suggestion}?"
        results.append(result)
    if isinstance(source, Store):  # files to point into; a server's data has none
        locate_results(source, results)  # after validation, for the result nodes only: no cost without results
    return ValidationReport(results, used, sources=sources)


def _store_sources(store: Store) -> list[str]:
    """The files validated: those loaded now, or those a persistent store holds (graphs named by ``file:``)."""
    from urllib.parse import unquote, urlparse

    return [s.path.as_posix() for s in store.sources] or [
        unquote(urlparse(g).path) for g in store.graphs() if g.startswith("file:")
    ]


def _context(store: RowSource, focus_nodes: set) -> dict[str, dict]:
    """For each focus node: its label, and the stream it is a step of (or is), with that stream's label."""
    from svco.resources import queries_dir
    from svco.sparql import bind_column

    query = (queries_dir() / "internal" / "result-context.rq").read_text(encoding="utf-8")
    found: dict[str, dict] = {}
    named = sorted((f for f in focus_nodes if isinstance(f, ox.NamedNode)), key=str)
    for start in range(0, len(named), 1000):
        rows = store.rows(bind_column(query, "focus", named[start : start + 1000]))
        # sorted, so that a step in two streams is always put in the same one, whatever order a server uses
        for row in sorted(rows, key=lambda r: tuple(str(r.get(k, "")) for k in ("focus", "kind", "stream", "label"))):
            entry = found.setdefault(row["focus"].value, {})
            kind = row["kind"].value
            label = row["label"].value if "label" in row else None
            if kind == "label":
                entry.setdefault("focus_label", label)
            elif kind in ("step", "stream"):
                entry.setdefault("stream", row["stream"].value)
                if label:
                    entry.setdefault("stream_label", label)
                if kind == "step":
                    entry["step"] = row["focus"].value
    for focus, entry in found.items():
        if entry.get("step") == focus and "focus_label" in entry:
            entry["step_label"] = entry["focus_label"]
    return found


def _defined_terms(store: RowSource) -> tuple[str, ...]:
    rows = store.rows("SELECT DISTINCT ?t WHERE { ?t rdfs:isDefinedBy ?o FILTER(STRSTARTS(STR(?t), STR(svc:))) }")
    return tuple(
        sorted(r["t"].value.removeprefix(NAMESPACE) for r in rows if not r["t"].value.startswith(NAMESPACE + "Flow_"))
    )


@lru_cache(maxsize=1024)  # a misspelt term is often used by many nodes
def _nearest(iri: str, defined: tuple[str, ...]) -> str | None:
    name = iri.removeprefix(NAMESPACE)
    lowered = {d.lower(): d for d in defined}
    if name.lower() in lowered:
        return "svc:" + lowered[name.lower()]
    close = difflib.get_close_matches(name, defined, n=1, cutoff=0.6)
    return "svc:" + close[0] if close else None


make_callable(__name__)  # svco.validate(...) runs svco.api.validate: see svco._callable
