"""Value range constraint components (SHACL 4.3): sh:minInclusive, sh:maxInclusive, sh:minExclusive, ..."""

from __future__ import annotations

from svco.shacl.graph import ShapesGraph
from svco.shacl.plan import Check, Shape
from svco.shacl.results import SH

_OPERATORS = {"minInclusive": ">=", "maxInclusive": "<=", "minExclusive": ">", "maxExclusive": "<"}
PARAMETERS = {SH + name for name in _OPERATORS}


def checks(g: ShapesGraph, shape: Shape) -> list[Check]:
    """A value violates unless it compares as required (incomparable values violate: SPARQL errors -> false)."""
    found = []
    for name, operator in _OPERATORS.items():
        for bound in g.all(shape.node, SH + name):
            test = f"FILTER(!COALESCE(?value {operator} {bound}, false))"
            component = SH + name[0].upper() + name[1:] + "ConstraintComponent"
            found.append(Check(component, shape.value_query(test)))
    return found
