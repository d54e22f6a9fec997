"""Compile a shapes graph into set-at-a-time SPARQL checks and run them through a :class:`QueryRunner`.

Each constraint is one query over the whole data graph (focus nodes joined in), never one query a focus
node. A shape the engine cannot evaluate faithfully is not dropped: it is listed in
:attr:`CompiledShapes.unsupported` with the reason, and the caller either refuses the run or hands that
shape alone to another engine.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from svco.shacl.components import cardinality, logical, other, sparql, value_range, value_type
from svco.shacl.graph import RDF_TYPE, ShapesGraph, Unsupported
from svco.shacl.paths import nullable, reported_path, sparql_path
from svco.shacl.plan import Check, Shape
from svco.shacl.results import SH, VIOLATION, Result, substitute
from svco.shacl.runner import QueryRunner
from svco.shacl.targets import focus_pattern

FAMILIES = (cardinality, value_type, value_range, other, logical, sparql)
#: Shape predicates that are not constraint parameters but that the engine reads (or may ignore: labels).
_DECLARATIONS = {
    SH + name
    for name in [
        *("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "target", "path", "severity"),
        *("message", "deactivated", "name", "description", "order", "group", "defaultValue"),
    ]
}
_EMPTY = ox.Store()
#: At most this many focus nodes of a SPARQL-based target are put into a check's query as VALUES.
PREBIND_LIMIT = 1000
_KNOWN = _DECLARATIONS.union(*(family.PARAMETERS for family in FAMILIES))


@dataclass
class CompiledShapes:
    """The shapes the engine runs, and those it cannot run (shape node -> what it does not support)."""

    shapes: list[Shape]
    unsupported: dict[ox.NamedNode | ox.BlankNode, str] = field(default_factory=dict)

    def run(self, runner: QueryRunner, workers: int | None = None) -> list[Result]:
        """Validate the data graph behind ``runner``; results in a stable order (unsupported shapes not run).

        The checks are independent, so they run on ``workers`` threads (default: one a CPU, at most 4):
        pyoxigraph releases the GIL while it answers a query (measured: benchmarks in the engine report).
        """
        workers = workers or min(4, os.cpu_count() or 1)
        with ThreadPoolExecutor(workers) as pool:
            focus = list(pool.map(lambda shape: prebind(runner, shape), self.shapes))
            work = [(shape, check) for shape in self.shapes for check in shape.checks]
            queries = [_bound(shape, check, values) for shape, values in zip(self.shapes, focus, strict=True)
                       for check in shape.checks]  # fmt: skip
            answers = pool.map(runner.select, queries)
            results = [
                _result(shape, check, row) for (shape, check), rows in zip(work, answers, strict=True) for row in rows
            ]
        results.sort(key=Result.key)
        return results


def prebind(runner: QueryRunner, shape: Shape) -> str | None:
    """For a shape with a SPARQL-based target: its focus nodes as ``VALUES ?this {...}``, found with one query
    first (SHACL's pre-binding of ``$this``), when there are at most :data:`PREBIND_LIMIT` and none is a
    blank node; else None, and the checks join the target query in.

    A target query is arbitrary SPARQL (svco's TermsAreDefined: undefined svc: terms anywhere in the data).
    Joined into each check, Virtuoso 7.2 evaluates it once a row of the check's own triple patterns (measured:
    > 60 s at 100k triples, against 1 s for the target alone and 0.1 s for the check on its focus nodes)."""
    if not shape.custom_target:
        return None
    rows = runner.select(f"{shape.prefixes}\nSELECT DISTINCT ?this WHERE {{ {shape.focus} }} LIMIT {PREBIND_LIMIT + 1}")
    nodes = [row["this"] for row in rows if "this" in row]
    if len(nodes) > PREBIND_LIMIT or any(isinstance(node, ox.BlankNode) for node in nodes):
        return None
    return "VALUES ?this { " + " ".join(str(node) for node in nodes) + " }"


def _bound(shape: Shape, check: Check, values: str | None) -> str:
    """The check's query, with the focus nodes given as VALUES instead of the target query when prebound."""
    return check.sparql if values is None else check.sparql.replace(shape.focus_select(), values)


def compile_shapes(files: Iterable[Path]) -> CompiledShapes:
    """Read shapes files (any RDF syntax) and compile every shape with targets."""
    g = ShapesGraph(files)
    custom = g.component_parameters()
    compiled = CompiledShapes([])
    for node in g.shapes():
        try:
            shape = _compile(g, node, custom)
        except Unsupported as exc:
            compiled.unsupported[node] = str(exc)
            continue
        if shape is not None:
            compiled.shapes.append(shape)
    return compiled


def _compile(g: ShapesGraph, node, custom: set[str]) -> Shape | None:
    deactivated = g.one(node, SH + "deactivated")
    if deactivated is not None and deactivated.value == "true":
        return None
    focus, prefixes = _focus(g, node)
    if not focus:
        return None  # no targets: evaluated only through a shape that refers to it
    unknown = {p for p in g.predicates(node) if p.startswith(SH) or p in custom} - _KNOWN
    if unknown:
        raise Unsupported(f"{node} uses {', '.join(sorted(unknown))}")
    severity = g.one(node, SH + "severity")
    message = g.one(node, SH + "message")
    shape = Shape(node, focus, prefixes, severity=severity.value if severity else VIOLATION)
    shape.custom_target = bool(g.all(node, SH + "target"))
    shape.message = message.value if message is not None else None
    path = g.one(node, SH + "path")
    if path is not None:
        shape.path, shape.path_text = sparql_path(g, path), reported_path(g, path)
        shape.path_nullable = nullable(g, path)
    for family in FAMILIES:
        shape.checks += family.checks(g, shape)
    for check in shape.checks:
        try:  # parse now (on an empty store) so a bad query names its shape instead of failing mid-run
            _EMPTY.query(check.sparql)
        except SyntaxError as exc:
            first = str(exc).splitlines()[0]
            raise Unsupported(f"{node}: its {check.component.removeprefix(SH)} query does not parse: {first}") from exc
    return shape


def _focus(g: ShapesGraph, node) -> tuple[str, str]:
    if SH + "NodeShape" in {t.value for t in g.all(node, RDF_TYPE)} and g.one(node, SH + "path") is not None:
        raise Unsupported(f"{node} is a sh:NodeShape with a sh:path (ill-formed)")
    return focus_pattern(g, node)


def _result(shape: Shape, check: Check, row: dict) -> Result:
    text = check.message or shape.message
    path = shape.path_text
    if isinstance(row.get("path"), ox.NamedNode):
        path = row["path"].value
    value = row.get("value")
    if value is None and check.component == SH + "SPARQLConstraintComponent" and path is None:
        value = row["this"]  # SHACL-SPARQL: with no ?value, a node shape's result has the focus node as value
    return Result(
        focus=row["this"],
        shape=shape.node,
        component=check.component,
        severity=shape.severity,
        path=path,
        value=value,
        message=substitute(text, row) if text else None,
    )
