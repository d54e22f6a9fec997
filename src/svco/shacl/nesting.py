"""Building a :class:`Shape` from a shape node, at the top level or inside another shape.

A nested shape (the object of sh:node, sh:not, sh:and, sh:or, sh:xone, sh:qualifiedValueShape, or a
property shape reached through them) is never run on its own: it becomes one SPARQL group pattern over
``?this`` that matches exactly when ``?this`` violates it (the union of its constraints' violation
patterns). "The value ?v conforms to N" is then ``FILTER NOT EXISTS { <N's pattern about ?v> }``, so the
outer check stays one set-at-a-time query at any depth. SHACL leaves recursive shapes undefined: a shape that
reaches itself is refused.
"""

from __future__ import annotations

from svco.shacl.graph import RDF_TYPE, ShapesGraph, Unsupported
from svco.shacl.paths import nullable, reported_path, sparql_path
from svco.shacl.plan import Shape
from svco.shacl.results import SH, VIOLATION
from svco.shacl.variables import embed

#: Shape predicates that are not constraint parameters but that the engine reads (or may ignore: labels).
DECLARATIONS = {
    SH + name
    for name in [
        *("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "target", "path", "severity"),
        *("message", "deactivated", "name", "description", "order", "group", "defaultValue"),
    ]
}
NEVER = "FILTER(false)"  # the violation pattern of a shape nothing violates


def families() -> tuple:
    """The constraint component families, in the order their checks run (imported here: they use this module)."""
    from svco.shacl.components import (
        cardinality,
        logical,
        other,
        property_pair,
        shape_based,
        sparql,
        sparql_component,
        string_based,
        value_range,
        value_type,
    )

    return (
        *(cardinality, value_type, value_range, string_based, property_pair, other, logical, shape_based),
        *(sparql, sparql_component),
    )


def deactivated(g: ShapesGraph, node) -> bool:
    """Whether the shape is switched off with ``sh:deactivated true``."""
    return g.flag(node, SH + "deactivated")


def build_shape(g: ShapesGraph, node, focus: str, prefixes: str = "", stack: tuple = (), nested: bool = False) -> Shape:
    """The shape ``node`` with its path, severity, message and checks (every parameter known, or Unsupported)."""
    if node in stack:
        raise Unsupported(f"{stack[0]} is recursive: it reaches {node} again (SHACL leaves recursion undefined)")
    known = DECLARATIONS.union(*(family.PARAMETERS for family in families()))
    unknown = {p for p in g.predicates(node) if p.startswith(SH)} - known
    if node in g.all(node, SH + "sparql"):  # a shape that is its own SPARQL constraint
        unknown -= {SH + "select", SH + "prefixes"}
    if unknown:
        raise Unsupported(f"{node} uses {', '.join(sorted(unknown))}")
    if SH + "NodeShape" in {t.value for t in g.all(node, RDF_TYPE)} and g.one(node, SH + "path") is not None:
        raise Unsupported(f"{node} is a sh:NodeShape with a sh:path (ill-formed)")
    severity, message = g.one(node, SH + "severity"), g.one(node, SH + "message")
    shape = Shape(node, focus, prefixes, severity=severity.value if severity else VIOLATION, nested=nested)
    shape.message = message.value if message is not None else None
    shape.custom_target = not nested and bool(g.all(node, SH + "target"))
    shape.stack = (*stack, node)
    path = g.one(node, SH + "path")
    if path is not None:
        shape.path, shape.path_text = sparql_path(g, path), reported_path(g, path)
        shape.path_nullable = nullable(g, path)
    for family in families():
        shape.checks += family.checks(g, shape)
    return shape


def violation(g: ShapesGraph, node, stack: tuple) -> str:
    """A group pattern over ``?this`` that matches iff ``?this`` violates the shape ``node``."""
    if deactivated(g, node):
        return NEVER
    shape = build_shape(g, node, "", stack=stack, nested=True)
    branches = []
    for check in shape.checks:
        if check.violation is None:
            raise Unsupported(f"{node}: {check.component.removeprefix(SH)} inside another shape is not supported")
        branches.append(check.violation)
    if not branches:
        return NEVER
    return branches[0] if len(branches) == 1 else " UNION ".join(f"{{ {b} }}" for b in branches)


def violates(g: ShapesGraph, node, value: str, stack: tuple) -> str:
    """A group pattern matching iff the node bound to ``value`` violates the shape ``node``."""
    return f"{{ {embed(violation(g, node, stack), value)} }}"


def conforms_test(g: ShapesGraph, node, value: str, stack: tuple) -> str:
    """A FILTER that holds iff the node bound to ``value`` conforms to the shape ``node``."""
    return f"FILTER NOT EXISTS {violates(g, node, value, stack)}"
