"""Cardinality constraint components (SHACL 4.2): sh:minCount, sh:maxCount."""

from __future__ import annotations

import pyoxigraph as ox

from svco.shacl.graph import ShapesGraph, Unsupported
from svco.shacl.plan import Check, Shape
from svco.shacl.results import SH

PARAMETERS = {SH + "minCount", SH + "maxCount"}


def checks(g: ShapesGraph, shape: Shape) -> list[Check]:
    """One query for each count bound: focus nodes whose number of distinct values is out of bounds."""
    found = []
    for name, operator in (("minCount", "<"), ("maxCount", ">")):
        for bound in g.all(shape.node, SH + name):
            if shape.path is None:
                raise Unsupported(f"{shape.node}: sh:{name} on a node shape (it needs sh:path)")
            if not isinstance(bound, ox.Literal) or not bound.value.lstrip("+").isdigit():
                raise Unsupported(f"{shape.node}: sh:{name} {bound} is not a non-negative integer")
            if name == "minCount" and int(bound.value) == 0:
                continue
            sparql = (
                f"{shape.prefixes}\nSELECT ?this WHERE {{ {{ SELECT ?this (COUNT(DISTINCT ?value) AS ?count) WHERE "
                f"{{ {shape.focus_select()} OPTIONAL {{ ?this {shape.path} ?value }} }} GROUP BY ?this }} "
                f"FILTER(?count {operator} {int(bound.value)}) }}"
            )
            component = SH + name[0].upper() + name[1:] + "ConstraintComponent"
            found.append(Check(component, sparql))
    return found
