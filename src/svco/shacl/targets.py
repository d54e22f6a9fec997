"""Targets (SHACL section 2.1.3, and SHACL-AF SPARQL-based targets) as one SPARQL focus-node pattern."""

from __future__ import annotations

import pyoxigraph as ox

from svco.shacl.graph import RDF_TYPE, RDFS, ShapesGraph, Unsupported
from svco.shacl.results import SH

_CLASS_MEMBERS = f"?this <{RDF_TYPE}>/<{RDFS}subClassOf>* {{}} ."
#: The same members for any SPARQL server. Virtuoso 7 loses solutions when a ``subClassOf*`` path has both
#: ends bound (the focus joined from the rest of the query, the class a constant): the class end is left a
#: variable and compared by its IRI's text. Oxigraph runs it about twice as slowly (0.42 s against 0.18 s
#: for 79k steps at 1M triples), so the embedded store keeps the path form.
_PORTABLE_CLASS_MEMBERS = (
    f"?this <{RDF_TYPE}> ?targetType . ?targetType <{RDFS}subClassOf>* ?targetClass . FILTER(STR(?targetClass) = {{}})"
)


def focus_pattern(g: ShapesGraph, node, *, portable: bool = False) -> tuple[str, str]:
    """The graph pattern binding ``?this`` to the shape's focus nodes ("" if none) and PREFIXes it needs.

    ``portable``: class targets in the form every tested SPARQL server evaluates right (see above)."""

    def members(cls) -> str:
        if portable:
            return _PORTABLE_CLASS_MEMBERS.format(ox.Literal(cls.value))
        return _CLASS_MEMBERS.format(cls)

    patterns = [members(cls) for cls in g.all(node, SH + "targetClass")]
    if g.implicit_class(node):
        patterns.append(members(node))
    nodes = g.all(node, SH + "targetNode")
    if nodes:
        patterns.append("VALUES ?this { " + " ".join(str(n) for n in nodes) + " }")
    patterns += [f"?this {p} ?targetObject ." for p in g.all(node, SH + "targetSubjectsOf")]
    patterns += [f"?targetSubject {p} ?this ." for p in g.all(node, SH + "targetObjectsOf")]
    prefixes = []
    for target in g.all(node, SH + "target"):
        select = g.one(target, SH + "select")
        if select is None:
            raise Unsupported(f"{node}: only SPARQL-based custom targets (sh:target with sh:select) are supported")
        patterns.append(f"{{ {select.value.strip()} }}")
        prefixes.append(g.prefixes(target))
    if not patterns:
        return "", ""
    focus = patterns[0] if len(patterns) == 1 else " UNION ".join(f"{{ {p} }}" for p in patterns)
    return focus, "\n".join(p for p in prefixes if p)
