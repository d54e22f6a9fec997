"""Cardinality constraint components (SHACL 4.2): sh:minCount, sh:maxCount."""

from __future__ import annotations

import pyoxigraph as ox

from svco.shacl.graph import ShapesGraph, Unsupported
from svco.shacl.plan import Check, Shape
from svco.shacl.results import SH

PARAMETERS = {SH + "minCount", SH + "maxCount"}


def checks(g: ShapesGraph, shape: Shape) -> list[Check]:
    """One check for each count bound: focus nodes whose number of distinct value nodes is out of bounds."""
    found = []
    for name, operator in (("minCount", "<"), ("maxCount", ">")):
        for bound in g.all(shape.node, SH + name):
            if not isinstance(bound, ox.Literal) or not bound.value.lstrip("+").isdigit():
                raise Unsupported(f"{shape.node}: sh:{name} {bound} is not a non-negative integer")
            if name == "minCount" and int(bound.value) == 0:
                continue
            component = SH + name[0].upper() + name[1:] + "ConstraintComponent"
            found.append(shape.count_check(component, operator, int(bound.value)))
    return found
