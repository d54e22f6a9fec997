"""Value range constraint components (SHACL 4.3): sh:minInclusive, sh:maxInclusive, sh:minExclusive, ..."""

from __future__ import annotations

import pyoxigraph as ox

from svco.shacl.graph import ShapesGraph
from svco.shacl.lexical import RANGES, XSD
from svco.shacl.plan import Check, Shape
from svco.shacl.results import SH

_OPERATORS = {"minInclusive": ">=", "maxInclusive": "<=", "minExclusive": ">", "maxExclusive": "<"}
PARAMETERS = {SH + name for name in _OPERATORS}
_NUMERIC = {XSD + name for name in ("integer", "decimal", "float", "double", *RANGES)}


def checks(g: ShapesGraph, shape: Shape) -> list[Check]:
    """A value violates unless it compares as required (incomparable values violate: SPARQL errors -> false)."""
    found = []
    for name, operator in _OPERATORS.items():
        for bound in g.all(shape.node, SH + name):
            compare = f"?value {operator} {bound}"
            if isinstance(bound, ox.Literal) and bound.datatype.value in _NUMERIC:
                # standard SPARQL says so already (a string or an ill-typed number is no match); Virtuoso 7.2
                # compares "2"^^xsd:string >= 1 as true, and keeps "two"^^xsd:integer as the string "two"
                compare = f"isNumeric(?value) && {compare}"
            test = f"FILTER(!COALESCE({compare}, false))"
            component = SH + name[0].upper() + name[1:] + "ConstraintComponent"
            found.append(shape.value_check(component, test))
    return found
