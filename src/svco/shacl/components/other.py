"""Other constraint components (SHACL 4.8): sh:in, sh:hasValue."""

from __future__ import annotations

import pyoxigraph as ox

from svco.shacl.graph import ShapesGraph
from svco.shacl.plan import Check, Shape
from svco.shacl.results import SH

PARAMETERS = {SH + "in", SH + "hasValue"}


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
        found.append(Check(SH + "InConstraintComponent", shape.value_query(f"FILTER(!({members}))")))
    for required in g.all(shape.node, SH + "hasValue"):
        has = f"?this {shape.path} {required}" if shape.path else f"FILTER({is_term('?this', required)})"
        sparql = f"{shape.prefixes}\nSELECT ?this WHERE {{ {shape.focus_select()} FILTER NOT EXISTS {{ {has} }} }}"
        found.append(Check(SH + "HasValueConstraintComponent", sparql))
    return found
