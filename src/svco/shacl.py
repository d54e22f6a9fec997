"""A set-at-a-time SHACL engine for the subset of SHACL that svco's shapes use, on the Oxigraph store.

pyshacl evaluates each constraint once per focus node in Python; on this machine it needs ~14 s for 78k
triples. Here each constraint becomes one SPARQL query over the whole store (targets joined in), which
Oxigraph answers in milliseconds. The subset:

- shapes: ``sh:NodeShape`` and ``sh:PropertyShape``, each with its own targets (no ``sh:property`` /
  ``sh:node`` nesting), ``sh:severity``, ``sh:message``, ``sh:deactivated``;
- targets: ``sh:targetClass`` (with ``rdfs:subClassOf*``), ``sh:targetNode``, ``sh:targetSubjectsOf``,
  ``sh:targetObjectsOf``, SHACL-AF ``sh:SPARQLTarget``;
- paths: a predicate, or ``sh:inversePath`` of one;
- constraints: ``sh:minCount``, ``sh:maxCount``, ``sh:class``, ``sh:datatype``, ``sh:in``, ``sh:nodeKind``,
  ``sh:minInclusive``, ``sh:or`` of datatype-only shapes, and SHACL-SPARQL ``sh:sparql`` SELECT
  constraints on node shapes (which must project ``$this``; ``$this`` is bound by joining the target
  pattern at the start of the WHERE group, so it must not be used inside sub-SELECTs).

:func:`compile_shapes` raises :class:`Unsupported` for anything else, and the caller falls back to pyshacl.
Tests prove that both engines give the same results on every fixture and example.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from svco.sparql import where_group_start

SH = "http://www.w3.org/ns/shacl#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
VIOLATION = SH + "Violation"
_SVC = "https://w3id.org/svco#"

#: Shape predicates the engine understands; any other sh: predicate on a shape makes it unsupported.
_KNOWN = {
    SH + name
    for name in [
        "targetClass",
        "targetNode",
        "targetSubjectsOf",
        "targetObjectsOf",
        "target",
        "path",
        "minCount",
        "maxCount",
        "class",
        "datatype",
        "in",
        "nodeKind",
        "minInclusive",
        "or",
        "sparql",
        "severity",
        "message",
        "deactivated",
        "name",
        "description",
        "order",
        "group",
    ]
}


class Unsupported(Exception):
    """The shapes use a SHACL feature this engine does not implement."""


@dataclass(frozen=True)
class Result:
    """One validation result, in SHACL's terms (terms are pyoxigraph terms)."""

    focus: ox.NamedNode | ox.BlankNode
    shape: ox.NamedNode | ox.BlankNode
    component: str
    severity: str
    path: str | None = None
    value: ox.NamedNode | ox.BlankNode | ox.Literal | None = None
    message: str | None = None

    def key(self) -> tuple:
        """What two engines must agree on: focus, shape, component, severity, path and value."""
        return (str(self.focus), str(self.shape), self.component, self.severity, self.path, str(self.value))


@dataclass
class _Shape:
    node: ox.NamedNode | ox.BlankNode
    targets: list[str] = field(default_factory=list)
    path: str | None = None  # SPARQL property path text
    path_iri: str | None = None  # as reported in sh:resultPath (IRI, or "^IRI" for an inverse path)
    severity: str = VIOLATION
    message: str | None = None
    queries: list[tuple[str, str, str | None]] = field(default_factory=list)  # (component, sparql, message)


@dataclass
class CompiledShapes:
    """Shapes turned into SPARQL: for each shape, its focus-node pattern and one query per constraint."""

    shapes: list[_Shape]

    def run(self, data: ox.Store | QueryRunner) -> list[Result]:
        """Validate the union of ``data``'s graphs (an Oxigraph store, or a runner that sends the queries to
        a SPARQL server); return the results in a stable order."""
        select = data.select if not isinstance(data, ox.Store) else _embedded(data)
        results: list[Result] = []
        for shape in self.shapes:
            for component, sparql, message in shape.queries:
                for row in select(sparql):
                    results.append(_result(shape, component, message, row))
        results.sort(key=Result.key)
        return results


class QueryRunner(Protocol):
    """Where the engine's SELECT queries run: each solution as a dict of variable name to term."""

    def select(self, sparql: str) -> list[dict]: ...


def _embedded(store: ox.Store):
    def select(sparql: str) -> list[dict]:
        solutions = store.query(sparql, use_default_graph_as_union=True)
        names = [v.value for v in solutions.variables]
        return [{n: s[n] for n in names if s[n] is not None} for s in solutions]

    return select


def _result(shape: _Shape, component: str, message: str | None, row: dict) -> Result:
    text = message or shape.message
    if text:
        text = _substitute(text, row)
    path = shape.path_iri
    if "path" in row and isinstance(row["path"], ox.NamedNode):
        path = row["path"].value
    return Result(
        focus=row["this"],
        shape=shape.node,
        component=component,
        severity=shape.severity,
        path=path,
        # SHACL-SPARQL: with no ?value, a node shape's result has the focus node as its value.
        value=row.get("value", row["this"] if component == SH + "SPARQLConstraintComponent" and path is None else None),
        message=text,
    )


_PLACEHOLDER = re.compile(r"\{[?$]([A-Za-z_][A-Za-z0-9_]*)\}")


def term_text(term: object) -> str:
    """How a term appears in a message: IRIs as ``svc:Name`` where possible, literals by their value."""
    if isinstance(term, ox.NamedNode):
        if term.value.startswith(_SVC):
            return "svc:" + term.value[len(_SVC) :]
        return f"<{term.value}>"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def _substitute(template: str, row: dict) -> str:
    return _PLACEHOLDER.sub(lambda m: term_text(row[m[1]]) if m[1] in row else m[0], template)


# ---------------------------------------------------------------------------------------------- compiling
def _one(store: ox.Store, subject, predicate: str):
    values = [q.object for q in store.quads_for_pattern(subject, ox.NamedNode(predicate), None)]
    if len(values) > 1:
        raise Unsupported(f"{subject} has {len(values)} values for {predicate}")
    return values[0] if values else None


def _all(store: ox.Store, subject, predicate: str) -> list:
    return [q.object for q in store.quads_for_pattern(subject, ox.NamedNode(predicate), None)]


def _list(store: ox.Store, head) -> list:
    items = []
    nil = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#nil")
    while head != nil:
        first = _one(store, head, "http://www.w3.org/1999/02/22-rdf-syntax-ns#first")
        if first is None:
            raise Unsupported("malformed RDF list")
        items.append(first)
        head = _one(store, head, "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest")
    return items


def _prefixes(store: ox.Store, shape_or_constraint) -> str:
    lines = []
    for source in _all(store, shape_or_constraint, SH + "prefixes"):
        for declaration in _all(store, source, SH + "declare"):
            prefix = _one(store, declaration, SH + "prefix")
            namespace = _one(store, declaration, SH + "namespace")
            lines.append(f"PREFIX {prefix.value}: <{namespace.value}>")
    return "\n".join(sorted(set(lines)))


def _target_patterns(store: ox.Store, node) -> list[str]:
    patterns = []
    for cls in _all(store, node, SH + "targetClass"):
        patterns.append(f"?this <{RDF_TYPE}>/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* {cls} .")
    for target in _all(store, node, SH + "targetNode"):
        patterns.append(f"VALUES ?this {{ {target} }}")
    for prop in _all(store, node, SH + "targetSubjectsOf"):
        patterns.append(f"?this {prop} ?targetObject .")
    for prop in _all(store, node, SH + "targetObjectsOf"):
        patterns.append(f"?targetSubject {prop} ?this .")
    for target in _all(store, node, SH + "target"):
        select = _one(store, target, SH + "select")
        if select is None:
            raise Unsupported("only SPARQL-based custom targets are supported")
        patterns.append(f"{{ {select.value.strip()} }}")  # its PREFIXes are hoisted by _sparql_targets
    return patterns


def _focus_pattern(patterns: list[str]) -> str:
    if len(patterns) == 1:
        return patterns[0]
    return " UNION ".join(f"{{ {p} }}" for p in patterns)


def _path(store: ox.Store, node) -> tuple[str, str]:
    path = _one(store, node, SH + "path")
    if isinstance(path, ox.NamedNode):
        return str(path), path.value
    inverse = _one(store, path, SH + "inversePath")
    if isinstance(inverse, ox.NamedNode):
        return f"^{inverse}", f"^{inverse.value}"
    raise Unsupported(f"path of {node} is neither a predicate nor an inverse predicate")


def _sparql_targets(store: ox.Store, node) -> str:
    """The PREFIX lines needed by the shape's SPARQL-based targets."""
    return "\n".join(_prefixes(store, t) for t in _all(store, node, SH + "target"))


def _has_datatype(datatype: ox.NamedNode) -> str:
    return f"(isLiteral(?value) && datatype(?value) = {datatype})"


def _compile_property(store: ox.Store, shape: _Shape, focus: str, prefixes: str) -> None:
    path = shape.path
    min_count = _one(store, shape.node, SH + "minCount")
    max_count = _one(store, shape.node, SH + "maxCount")
    if min_count is not None or max_count is not None:
        conditions = []
        if min_count is not None:
            conditions.append(("MinCountConstraintComponent", f"?count < {int(min_count.value)}"))
        if max_count is not None:
            conditions.append(("MaxCountConstraintComponent", f"?count > {int(max_count.value)}"))
        for component, condition in conditions:
            shape.queries.append(
                (
                    SH + component,
                    f"{prefixes}\nSELECT ?this WHERE {{ {{ SELECT ?this (COUNT(DISTINCT ?value) AS ?count) WHERE "
                    f"{{ {{ SELECT DISTINCT ?this WHERE {{ {focus} }} }} OPTIONAL {{ ?this {path} ?value }} }} "
                    f"GROUP BY ?this }} FILTER({condition}) }}",
                    None,
                )
            )
    value_checks: list[tuple[str, str]] = []
    cls = _one(store, shape.node, SH + "class")
    if cls is not None:
        value_checks.append(
            (
                "ClassConstraintComponent",
                f"FILTER NOT EXISTS {{ ?value <{RDF_TYPE}>/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* {cls} }}",
            )
        )
    datatype = _one(store, shape.node, SH + "datatype")
    if datatype is not None:
        value_checks.append(("DatatypeConstraintComponent", f"FILTER(!{_has_datatype(datatype)})"))
    allowed = _one(store, shape.node, SH + "in")
    if allowed is not None:
        members = " || ".join(f"sameTerm(?value, {m})" for m in _list(store, allowed)) or "false"
        value_checks.append(("InConstraintComponent", f"FILTER(!({members}))"))
    kind = _one(store, shape.node, SH + "nodeKind")
    if kind is not None:
        tests = {
            "IRI": "isIRI(?value)",
            "BlankNode": "isBlank(?value)",
            "Literal": "isLiteral(?value)",
            "BlankNodeOrIRI": "(isBlank(?value) || isIRI(?value))",
            "BlankNodeOrLiteral": "(isBlank(?value) || isLiteral(?value))",
            "IRIOrLiteral": "(isIRI(?value) || isLiteral(?value))",
        }
        value_checks.append(("NodeKindConstraintComponent", f"FILTER(!{tests[kind.value.removeprefix(SH)]})"))
    minimum = _one(store, shape.node, SH + "minInclusive")
    if minimum is not None:
        value_checks.append(("MinInclusiveConstraintComponent", f"FILTER(!COALESCE(?value >= {minimum}, false))"))
    alternatives = _one(store, shape.node, SH + "or")
    if alternatives is not None:
        datatypes = []
        for member in _list(store, alternatives):
            predicates = {q.predicate.value for q in store.quads_for_pattern(member, None, None)} - {RDF_TYPE}
            if predicates != {SH + "datatype"}:
                raise Unsupported("sh:or is supported only over shapes with just sh:datatype")
            datatypes.append(_one(store, member, SH + "datatype"))
        test = " || ".join(_has_datatype(d) for d in datatypes)
        value_checks.append(("OrConstraintComponent", f"FILTER(!({test}))"))
    for component, check in value_checks:
        shape.queries.append(
            (
                SH + component,
                f"{prefixes}\nSELECT ?this ?value WHERE {{ {{ SELECT DISTINCT ?this WHERE {{ {focus} }} }} "
                f"?this {path} ?value . {check} }}",
                None,
            )
        )


def _compile_sparql(store: ox.Store, shape: _Shape, focus: str, target_prefixes: str) -> None:
    for constraint in _all(store, shape.node, SH + "sparql"):
        select = _one(store, constraint, SH + "select")
        if select is None:
            raise Unsupported("only SELECT-based SPARQL constraints are supported")
        text = select.value.replace("$this", "?this")
        at = where_group_start(text)
        if "?this" not in text[:at]:
            raise Unsupported("a SPARQL constraint must project $this")
        prefixes = "\n".join(filter(None, [_prefixes(store, constraint), target_prefixes]))
        bound = text[:at] + f" {{ SELECT DISTINCT ?this WHERE {{ {focus} }} }} " + text[at:]
        message = _one(store, constraint, SH + "message")
        shape.queries.append((SH + "SPARQLConstraintComponent", f"{prefixes}\n{bound}", message and message.value))


def compile_shapes(paths: Iterable[Path]) -> CompiledShapes:
    """Read shapes files and turn every shape into SPARQL; :class:`Unsupported` if a feature is not covered."""
    store = ox.Store()
    for path in paths:
        store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    nodes = set()
    for kind in ("NodeShape", "PropertyShape"):
        nodes |= {q.subject for q in store.quads_for_pattern(None, ox.NamedNode(RDF_TYPE), ox.NamedNode(SH + kind))}
    shapes = []
    for node in sorted(nodes, key=str):
        predicates = {q.predicate.value for q in store.quads_for_pattern(node, None, None)}
        unknown = {p for p in predicates if p.startswith(SH)} - _KNOWN
        if unknown:
            raise Unsupported(f"{node} uses {', '.join(sorted(unknown))}")
        deactivated = _one(store, node, SH + "deactivated")
        if deactivated is not None and deactivated.value == "true":
            continue
        patterns = _target_patterns(store, node)
        if not patterns:
            continue
        severity = _one(store, node, SH + "severity")
        message = _one(store, node, SH + "message")
        shape = _Shape(node, severity=severity.value if severity else VIOLATION, message=message and message.value)
        focus = _focus_pattern(patterns)
        target_prefixes = _sparql_targets(store, node)
        if SH + "path" in predicates:
            shape.path, shape.path_iri = _path(store, node)
            _compile_property(store, shape, focus, target_prefixes)
        if SH + "sparql" in predicates:
            if shape.path is not None:
                raise Unsupported("SPARQL constraints on property shapes ($PATH) are not supported")
            _compile_sparql(store, shape, focus, target_prefixes)
        shapes.append(shape)
    return CompiledShapes(shapes)
