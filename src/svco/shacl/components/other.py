"""Other constraint components (SHACL 4.8): sh:in, sh:hasValue, sh:closed with sh:ignoredProperties."""

from __future__ import annotations

import pyoxigraph as ox

from svco.shacl.graph import ShapesGraph, Unsupported
from svco.shacl.plan import Check, Shape
from svco.shacl.results import SH

PARAMETERS = {SH + "in", SH + "hasValue", SH + "closed", SH + "ignoredProperties"}


def is_term(variable: str, term: object) -> str:
    """SPARQL for "``variable`` is exactly ``term``": ``=`` for an IRI (the same as sameTerm there),
    sameTerm for a literal (``=`` would compare values: 1 = 1.0). Virtuoso 7.2 answers sameTerm with an
    IRI constant wrongly (negated it is always true), and ``=`` rightly: hence the split."""
    return f"{variable} = {term}" if isinstance(term, ox.NamedNode) else f"sameTerm({variable}, {term})"


def checks(g: ShapesGraph, shape: Shape) -> list[Check]:
    """sh:in: each value is a member; sh:hasValue: the value is among the focus node's values."""
    found = []
    for allowed in g.all(shape.node, SH + "in"):
        members = " || ".join(f"({is_term('?value', m)})" for m in g.list(allowed)) or "false"
        found.append(shape.value_check(SH + "InConstraintComponent", f"FILTER(!({members}))"))
    for required in g.all(shape.node, SH + "hasValue"):
        has = f"?this {shape.path} {required}" if shape.path else f"FILTER({is_term('?this', required)})"
        lacks = f"FILTER NOT EXISTS {{ {has} }}"
        if shape.path_nullable:  # the focus is a value; Oxigraph's zero-length path misses one in no triple
            lacks += f" FILTER(!({is_term('?this', required)}))"
        sparql = f"{shape.prefixes}\nSELECT ?this WHERE {{ {shape.focus_select()} {lacks} }}"
        found.append(Check(SH + "HasValueConstraintComponent", sparql, violation=lacks))
    found += _closed(g, shape)
    return found


def _closed(g: ShapesGraph, shape: Shape) -> list[Check]:
    """sh:closed true: one result a triple of a value node whose predicate is neither a property of the shape
    (an IRI sh:path of its sh:property shapes) nor ignored; the result's path is that predicate, its value
    the object."""
    closed = g.one(shape.node, SH + "closed")
    ignored = g.all(shape.node, SH + "ignoredProperties")
    if closed is not None and closed.value not in ("true", "false", "1", "0"):
        raise Unsupported(f"{shape.node}: sh:closed {closed} is not a boolean")
    if closed is None or closed.value not in ("true", "1"):
        return []  # sh:ignoredProperties alone does nothing: the component needs sh:closed true
    allowed = [p for head in ignored for p in g.list(head)]
    for prop in g.all(shape.node, SH + "property"):
        path = g.one(prop, SH + "path")
        if isinstance(path, ox.NamedNode):
            allowed.append(path)
    outside = f"FILTER(?path NOT IN ({', '.join(str(p) for p in allowed)}))" if allowed else ""
    pattern = f"{shape.values('?closedNode')} ?closedNode ?path ?closedObject . {outside}"
    sparql = ""
    if not shape.nested:
        where = f"{shape.focus_select()} {pattern}"
        sparql = f"{shape.prefixes}\nSELECT DISTINCT ?this ?path (?closedObject AS ?value) WHERE {{ {where} }}"
    return [Check(SH + "ClosedConstraintComponent", sparql, violation=pattern)]
