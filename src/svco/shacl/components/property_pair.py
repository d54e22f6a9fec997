"""Property pair constraint components (SHACL 4.5): sh:equals, sh:disjoint, sh:lessThan, sh:lessThanOrEquals.

Result values as the spec gives them: for sh:equals each value present on one side only; for sh:disjoint
each shared value; for the comparisons each value of the path that is not below some value of the other
property (incomparable pairs violate).
"""

from __future__ import annotations

import pyoxigraph as ox

from svco.shacl.graph import ShapesGraph, Unsupported
from svco.shacl.plan import Check, Shape
from svco.shacl.results import SH

_COMPARISONS = {"lessThan": "<", "lessThanOrEquals": "<="}
PARAMETERS = {SH + n for n in ("equals", "disjoint", *_COMPARISONS)}


def checks(g: ShapesGraph, shape: Shape) -> list[Check]:
    """One query a parameter, each value node joined with the other property's values of the same focus."""
    found = []
    for name in PARAMETERS:
        for other in g.all(shape.node, name):
            if not isinstance(other, ox.NamedNode):
                raise Unsupported(f"{shape.node}: {name} {other} is not an IRI")
    for other in g.all(shape.node, SH + "equals"):
        only_path = f"{shape.focus_select()} {shape.values()} FILTER NOT EXISTS {{ ?this {other} ?value }}"
        only_other = f"{shape.focus_select()} ?this {other} ?value . FILTER(!{_is_value(shape)})"
        union = f"{{ {only_path} }} UNION {{ {only_other} }}"
        sparql = f"{shape.prefixes}\nSELECT DISTINCT ?this ?value WHERE {{ {union} }}"
        found.append(Check(SH + "EqualsConstraintComponent", sparql))
    for other in g.all(shape.node, SH + "disjoint"):
        found.append(Check(SH + "DisjointConstraintComponent", shape.value_query(f"?this {other} ?value .")))
    for name, operator in _COMPARISONS.items():
        for other in g.all(shape.node, SH + name):
            if shape.path is None:
                raise Unsupported(f"{shape.node}: sh:{name} on a node shape (ill-formed)")
            test = f"?this {other} ?otherValue . FILTER(!COALESCE(?value {operator} ?otherValue, false))"
            found.append(Check(SH + name[0].upper() + name[1:] + "ConstraintComponent", shape.value_query(test)))
    return found


def _is_value(shape: Shape) -> str:
    """SPARQL expression: ``?value`` is one of the value nodes of ``?this`` for the shape."""
    if shape.path is None:
        return "sameTerm(?this, ?value)"
    exists = f"EXISTS {{ ?this {shape.path} ?value }}"
    return f"({exists} || sameTerm(?this, ?value))" if shape.path_nullable else exists
