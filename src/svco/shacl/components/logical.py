"""Logical constraint components (SHACL 4.6); today sh:or whose members are datatype-only shapes."""

from __future__ import annotations

from svco.shacl.components.value_type import has_datatype
from svco.shacl.graph import RDF_TYPE, ShapesGraph, Unsupported
from svco.shacl.plan import Check, Shape
from svco.shacl.results import SH

PARAMETERS = {SH + "or"}


def checks(g: ShapesGraph, shape: Shape) -> list[Check]:
    """sh:or over shapes that each state only sh:datatype: a value violates if it has none of the datatypes."""
    found = []
    for alternatives in g.all(shape.node, SH + "or"):
        datatypes = []
        for member in g.list(alternatives):
            if g.predicates(member) - {RDF_TYPE} != {SH + "datatype"}:
                raise Unsupported(f"{shape.node}: sh:or is supported only over shapes with just sh:datatype")
            datatypes.append(g.one(member, SH + "datatype"))
        test = " || ".join(has_datatype(d) for d in datatypes) or "false"
        found.append(Check(SH + "OrConstraintComponent", shape.value_query(f"FILTER(!({test}))")))
    return found
