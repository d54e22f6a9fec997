"""Compile a shapes graph into set-at-a-time SPARQL checks and run them through a :class:`QueryRunner`.

Each constraint is one query over the whole data graph (focus nodes joined in), never one query a focus
node. A shape the engine cannot evaluate faithfully is not dropped: it is listed in
:attr:`CompiledShapes.unsupported` with the reason, and the caller either refuses the run or hands that
shape alone to another engine.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from svco.shacl.components.logical import or_datatypes
from svco.shacl.components.value_type import has_datatype
from svco.shacl.graph import ShapesGraph, Unsupported
from svco.shacl.nesting import build_shape, deactivated
from svco.shacl.plan import Check, Shape
from svco.shacl.results import SH, Result, substitute
from svco.shacl.runner import QueryRunner
from svco.shacl.targets import focus_pattern

if TYPE_CHECKING:
    from svco.written import WrittenLiterals

_EMPTY = ox.Store()
_DATATYPE_TEST = re.compile(r"COALESCE\(isLiteral\((\?\w+)\) && datatype\(\1\) = <([^>]+)>")
#: At most this many focus nodes of a SPARQL-based target are put into a check's query as VALUES.
PREBIND_LIMIT = 1000


@dataclass
class CompiledShapes:
    """The shapes the engine runs, and those it cannot run (shape node -> what it does not support)."""

    shapes: list[Shape]
    unsupported: dict[ox.NamedNode | ox.BlankNode, str] = field(default_factory=dict)

    def run(self, runner: QueryRunner, workers: int | None = None) -> list[Result]:
        """Validate the data graph behind ``runner``; results in a stable order (unsupported shapes not run).

        A runner with a ``written`` attribute (:class:`OxigraphRunner`) names the literals its store holds
        rewritten (:mod:`svco.written`): sh:datatype judges them as the user wrote them, and a result's value is
        given as written.

        The checks are independent, so they run on ``workers`` threads (default: one a CPU, at most 4):
        pyoxigraph releases the GIL while it answers a query (measured: benchmarks in the engine report).
        """
        workers = workers or min(4, os.cpu_count() or 1)
        with ThreadPoolExecutor(workers) as pool:
            written = getattr(runner, "written", None)
            focus = list(pool.map(lambda shape: prebind(runner, shape), self.shapes))
            work = [(shape, check) for shape in self.shapes for check in shape.checks]
            queries = [_as_written(_bound(shape, check, values), written, check.datatypes)
                       for shape, values in zip(self.shapes, focus, strict=True) for check in shape.checks]  # fmt: skip
            answers = pool.map(runner.select, queries)
            results = [
                _result(shape, check, row)
                for (shape, check), rows in zip(work, answers, strict=True)
                for row in rows
                if not (written and check.datatypes and written.conforms(row["this"], shape.path, row, check.datatypes))
            ]
        if written:
            results = [written.result_as_written(r) for r in results]
        results.sort(key=Result.key)
        return results


def _as_written(sparql: str, written: WrittenLiterals | None, datatypes: tuple[str, ...] = ()) -> str:
    """``sparql`` with each sh:datatype test (:func:`has_datatype`) overruled for the rewritten literals; a
    check's own sh:or of datatypes (``datatypes``) as one test, so that a value written in several forms is
    judged form by form."""
    if not written:
        return sparql
    chain = or_datatypes(datatypes) if len(datatypes) > 1 else None
    if chain:
        sparql = sparql.replace(chain, "\x00")
    for variable, datatype in set(_DATATYPE_TEST.findall(sparql)):
        test = has_datatype(ox.NamedNode(datatype)).replace("?value", variable)
        sparql = sparql.replace(test, written.datatype_test(variable, (datatype,), test))
    return sparql.replace("\x00", written.datatype_test("?value", datatypes, chain)) if chain else sparql


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


def compile_shapes(files: Iterable[Path], *, portable: bool = False) -> CompiledShapes:
    """Read shapes files (any RDF syntax) and compile every shape with targets, with its sh:property shapes.

    ``portable``: queries in the forms every tested SPARQL server evaluates right, for a remote endpoint
    (:func:`svco.shacl.targets.focus_pattern`); the default suits the embedded store best."""
    g = ShapesGraph(files)
    compiled = CompiledShapes([])
    for node in g.shapes():
        try:
            shapes = _compile(g, node, portable)
        except Unsupported as exc:
            compiled.unsupported[node] = str(exc)
            continue
        compiled.shapes += shapes
    return compiled


def _compile(g: ShapesGraph, node, portable: bool) -> list[Shape]:
    if deactivated(g, node):
        return []
    focus, prefixes = focus_pattern(g, node, portable=portable)
    if not focus:
        return []  # no targets: evaluated only through a shape that refers to it
    return _with_properties(g, build_shape(g, node, focus, prefixes))


def _with_properties(g: ShapesGraph, shape: Shape) -> list[Shape]:
    """``shape`` and, recursively, its active sh:property shapes, each focused on its parent's value nodes."""
    for check in shape.checks:
        try:  # parse now (on an empty store) so a bad query names its shape instead of failing mid-run
            _EMPTY.query(check.sparql)
        except SyntaxError as exc:
            first = str(exc).splitlines()[0]
            name = check.component.removeprefix(SH)
            raise Unsupported(f"{shape.node}: its {name} query does not parse: {first}") from exc
    shapes = [shape]
    values = f"{{ SELECT DISTINCT ?value WHERE {{ {shape.focus_select()} {shape.values()} }} }}"
    for prop in g.all(shape.node, SH + "property"):
        if not deactivated(g, prop):
            child = build_shape(g, prop, f"{values} BIND(?value AS ?this)", shape.prefixes, shape.stack)
            shapes += _with_properties(g, child)
    return shapes


def _result(shape: Shape, check: Check, row: dict) -> Result:
    text = check.message or shape.message
    path = shape.path_text
    if isinstance(row.get("path"), ox.NamedNode):
        path = row["path"].value
    value = row.get("value")
    if value is None and check.focus_is_value and shape.path is None:
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
