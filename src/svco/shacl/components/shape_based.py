"""Shape-based constraint components (SHACL 4.7): sh:node, sh:property, sh:qualifiedValueShape.

At the top level a property shape under ``sh:property`` runs as a shape of its own (the engine gives it the
parent's value nodes as focus nodes, so its results name it as source shape); inside another shape it is part
of the parent's violation pattern.
"""

from __future__ import annotations

import pyoxigraph as ox

from svco.shacl.graph import ShapesGraph, Unsupported
from svco.shacl.nesting import conforms_test, deactivated, violates
from svco.shacl.plan import Check, Shape
from svco.shacl.results import SH

_QUALIFIED = ("qualifiedValueShape", "qualifiedMinCount", "qualifiedMaxCount", "qualifiedValueShapesDisjoint")
PARAMETERS = {SH + "node", SH + "property"} | {SH + name for name in _QUALIFIED}


def checks(g: ShapesGraph, shape: Shape) -> list[Check]:
    """sh:node: a value node violates if it does not conform; sh:property (nested only); qualified counts."""
    found = []
    for target in g.all(shape.node, SH + "node"):
        test = f"FILTER EXISTS {violates(g, target, '?value', shape.stack)}"
        found.append(shape.value_check(SH + "NodeConstraintComponent", test))
    if shape.nested:  # each value node (the focus of a node shape) must conform to the property shape
        for prop in g.all(shape.node, SH + "property"):
            if not deactivated(g, prop):
                test = f"FILTER EXISTS {violates(g, prop, '?value', shape.stack)}"
                found.append(shape.value_check(SH + "PropertyConstraintComponent", test))
    return found + _qualified(g, shape)


def _qualified(g: ShapesGraph, shape: Shape) -> list[Check]:
    """sh:qualifiedMinCount / MaxCount: the number of value nodes conforming to the qualified shape (and, with
    sh:qualifiedValueShapesDisjoint, to none of the sibling qualified shapes) is within bounds."""
    qualified = g.one(shape.node, SH + "qualifiedValueShape")
    bounds = [(name, g.one(shape.node, SH + f"qualified{name}Count")) for name in ("Min", "Max")]
    if qualified is None:
        return []  # SHACL 4.7.3: without its mandatory sh:qualifiedValueShape the component does not apply
    condition = conforms_test(g, qualified, "?value", shape.stack)
    if g.flag(shape.node, SH + "qualifiedValueShapesDisjoint"):
        for sibling in _siblings(g, shape.node):
            condition += f" FILTER EXISTS {violates(g, sibling, '?value', shape.stack)}"
    found = []
    for name, bound in bounds:
        if bound is None:
            continue
        if not isinstance(bound, ox.Literal) or not bound.value.lstrip("+").isdigit():
            raise Unsupported(f"{shape.node}: sh:qualified{name}Count {bound} is not a non-negative integer")
        if name == "Min" and int(bound.value) == 0:
            continue
        component = SH + f"Qualified{name}CountConstraintComponent"
        found.append(shape.count_check(component, "<" if name == "Min" else ">", int(bound.value), condition))
    return found


def _siblings(g: ShapesGraph, node) -> list:
    """The qualified value shapes of the other property shapes of every shape that has ``node`` as sh:property."""
    siblings = []
    for quad in g.store.quads_for_pattern(None, ox.NamedNode(SH + "property"), node):
        for prop in g.all(quad.subject, SH + "property"):
            if prop != node:
                siblings += [s for s in g.all(prop, SH + "qualifiedValueShape") if s not in siblings]
    return siblings
