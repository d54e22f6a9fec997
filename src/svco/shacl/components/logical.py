"""Logical constraint components (SHACL 4.6): sh:not, sh:and, sh:or, sh:xone.

Each value node is tested against the member shapes through their violation patterns (see
:mod:`svco.shacl.nesting`); an sh:or whose members each state only sh:datatype keeps a direct test (svco's own
shapes use it on large data).
"""

from __future__ import annotations

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
        found.append(shape.value_check(SH + "OrConstraintComponent", _or(g, shape, g.list(members))))
    for members in g.all(shape.node, SH + "xone"):
        tests = [f"IF(EXISTS {violates(g, m, '?value', shape.stack)}, 0, 1)" for m in g.list(members)]
        test = f"FILTER(({' + '.join(tests) or '0'}) != 1)"
        found.append(shape.value_check(SH + "XoneConstraintComponent", test))
    return found


def _or(g: ShapesGraph, shape: Shape, members: list) -> str:
    """The condition "?value conforms to none of ``members``"."""
    if members and all(g.predicates(m) - {RDF_TYPE} == {SH + "datatype"} for m in members):
        test = " || ".join(has_datatype(g.one(m, SH + "datatype")) for m in members)
        return f"FILTER(!({test}))"
    return " ".join(f"FILTER EXISTS {violates(g, m, '?value', shape.stack)}" for m in members) or ""
