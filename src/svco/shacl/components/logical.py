"""Logical constraint components (SHACL 4.6): sh:not, sh:and, sh:or, sh:xone.

Each value node is tested against the member shapes through their violation patterns (see
:mod:`svco.shacl.nesting`); an sh:or whose members each state only sh:datatype keeps a direct test (svco's own
shapes use it on large data).
"""

from __future__ import annotations

import pyoxigraph as ox

from svco.shacl.components.value_type import has_datatype
from svco.shacl.graph import RDF_TYPE, ShapesGraph
from svco.shacl.nesting import violates
from svco.shacl.plan import Check, Shape
from svco.shacl.results import SH

PARAMETERS = {SH + "not", SH + "and", SH + "or", SH + "xone"}


def checks(g: ShapesGraph, shape: Shape) -> list[Check]:
    """One check for each logical parameter of ``shape``: a value node violates as SHACL 4.6 says."""
    found = []
    for negated in g.all(shape.node, SH + "not"):
        test = f"FILTER NOT EXISTS {violates(g, negated, '?value', shape.stack)}"
        found.append(shape.value_check(SH + "NotConstraintComponent", test))
    for members in g.all(shape.node, SH + "and"):
        tests = [violates(g, m, "?value", shape.stack) for m in g.list(members)]
        test = f"FILTER EXISTS {{ {' UNION '.join(tests)} }}" if tests else "FILTER(false)"
        found.append(shape.value_check(SH + "AndConstraintComponent", test))
    for members in g.all(shape.node, SH + "or"):
        check = shape.value_check(SH + "OrConstraintComponent", _or(g, shape, g.list(members)))
        check.datatypes = _datatypes(g, g.list(members))
        found.append(check)
    for members in g.all(shape.node, SH + "xone"):
        tests = [f"IF(EXISTS {violates(g, m, '?value', shape.stack)}, 0, 1)" for m in g.list(members)]
        test = f"FILTER(({' + '.join(tests) or '0'}) != 1)"
        found.append(shape.value_check(SH + "XoneConstraintComponent", test))
    return found


def _datatypes(g: ShapesGraph, members: list) -> tuple[str, ...]:
    """The datatype IRIs of an sh:or whose members each state only one sh:datatype IRI; else ()."""
    if members and all(g.predicates(m) - {RDF_TYPE} == {SH + "datatype"} for m in members):
        found = [g.one(m, SH + "datatype") for m in members]
        if all(isinstance(d, ox.NamedNode) for d in found):
            return tuple(d.value for d in found)
    return ()


def _or(g: ShapesGraph, shape: Shape, members: list) -> str:
    """The condition "?value conforms to none of ``members``"."""
    datatypes = _datatypes(g, members)
    if datatypes:
        return f"FILTER(!({or_datatypes(datatypes)}))"
    return " ".join(f"FILTER EXISTS {violates(g, m, '?value', shape.stack)}" for m in members) or ""


def or_datatypes(datatypes: tuple[str, ...]) -> str:
    """SPARQL: ``?value`` has one of ``datatypes`` (a well-formed literal of it)."""
    return " || ".join(has_datatype(ox.NamedNode(d)) for d in datatypes)
