"""Value type constraint components (SHACL 4.1): sh:class, sh:datatype, sh:nodeKind."""

from __future__ import annotations

import pyoxigraph as ox

from svco.shacl.graph import RDF_TYPE, RDFS, ShapesGraph, Unsupported, instance_of
from svco.shacl.lexical import well_formed_test
from svco.shacl.plan import Check, Shape
from svco.shacl.results import SH

PARAMETERS = {SH + "class", SH + "datatype", SH + "nodeKind"}
_KINDS = {
    "IRI": "isIRI(?value)",
    "BlankNode": "isBlank(?value)",
    "Literal": "isLiteral(?value)",
    "BlankNodeOrIRI": "(isBlank(?value) || isIRI(?value))",
    "BlankNodeOrLiteral": "(isBlank(?value) || isLiteral(?value))",
    "IRIOrLiteral": "(isIRI(?value) || isLiteral(?value))",
}


def checks(g: ShapesGraph, shape: Shape) -> list[Check]:
    """One check for each value type parameter of ``shape``."""
    found = []
    for cls in g.all(shape.node, SH + "class"):
        # The class compared by its IRI's text (instance_of: else on Virtuoso 7.2 every value looks untyped),
        # as an OPTIONAL, not a FILTER NOT EXISTS: Oxigraph evaluates that one row by row with the path's end
        # unbound (305 s for svco's OrganizationRunsValueStreams at 100k triples; this form: 0.05 s).
        test = (
            f"OPTIONAL {{ {instance_of('?value', cls, 'value')} }} FILTER(!BOUND(?valueClass))"
            if isinstance(cls, ox.NamedNode)
            else f"FILTER NOT EXISTS {{ ?value <{RDF_TYPE}>/<{RDFS}subClassOf>* {cls} }}"
        )
        found.append(shape.value_check(SH + "ClassConstraintComponent", test))
    for datatype in g.all(shape.node, SH + "datatype"):
        found.append(datatype_check(shape, datatype))
    for kind in g.all(shape.node, SH + "nodeKind"):
        test = _KINDS.get(kind.value.removeprefix(SH)) if isinstance(kind, ox.NamedNode) else None
        if test is None:
            raise Unsupported(f"{shape.node}: unknown sh:nodeKind {kind}")
        found.append(shape.value_check(SH + "NodeKindConstraintComponent", f"FILTER(!{test})"))
    return found


def datatype_check(shape: Shape, datatype) -> Check:
    """sh:datatype: a violation for a value of another datatype, or of this one with an ill-formed lexical form."""
    if not isinstance(datatype, ox.NamedNode):
        raise Unsupported(f"{shape.node}: sh:datatype {datatype} is not an IRI")
    check = shape.value_check(SH + "DatatypeConstraintComponent", f"FILTER(!{has_datatype(datatype)})")
    check.datatypes = (datatype.value,)
    return check


def has_datatype(datatype: ox.NamedNode) -> str:
    """SPARQL: ``?value`` is a literal of ``datatype`` with a well-formed lexical form (errors count as no)."""
    lexical = well_formed_test(datatype.value)
    test = f"isLiteral(?value) && datatype(?value) = {datatype}" + (f" && {lexical}" if lexical else "")
    return f"COALESCE({test}, false)"
