"""SHACL property paths (every form in SHACL section 2.3.1) as SPARQL 1.1 property paths."""

from __future__ import annotations

import pyoxigraph as ox

from svco.shacl.graph import ShapesGraph, Unsupported
from svco.shacl.results import SH

_UNARY = {"inversePath": "^{}", "zeroOrMorePath": "{}*", "oneOrMorePath": "{}+", "zeroOrOnePath": "{}?"}


def sparql_path(g: ShapesGraph, path) -> str:
    """The SPARQL property path for the SHACL path node ``path``; Unsupported for any other form."""
    if isinstance(path, ox.NamedNode):
        return str(path)
    if isinstance(path, ox.Literal):
        raise Unsupported(f"a literal {path} is not a path")
    if g.one(path, "http://www.w3.org/1999/02/22-rdf-syntax-ns#first") is not None:
        members = g.list(path)
        if len(members) < 2:
            raise Unsupported(f"a sequence path needs two members or more: {path}")
        return "(" + "/".join(sparql_path(g, m) for m in members) + ")"
    predicates = g.predicates(path)
    if predicates == {SH + "alternativePath"}:
        members = g.list(g.one(path, SH + "alternativePath"))
        if len(members) < 2:
            raise Unsupported(f"an alternative path needs two members or more: {path}")
        return "(" + "|".join(sparql_path(g, m) for m in members) + ")"
    if len(predicates) == 1:
        name = next(iter(predicates)).removeprefix(SH)
        if name in _UNARY:
            return "(" + _UNARY[name].format(sparql_path(g, g.one(path, SH + name))) + ")"
    raise Unsupported(f"unknown path form {path} (predicates: {', '.join(sorted(predicates)) or 'none'})")


def nullable(g: ShapesGraph, path) -> bool:
    """Whether the SHACL path can be of length zero (then every focus node is one of its own values)."""
    if isinstance(path, ox.NamedNode):
        return False
    if g.one(path, "http://www.w3.org/1999/02/22-rdf-syntax-ns#first") is not None:
        return all(nullable(g, m) for m in g.list(path))
    predicates = g.predicates(path)
    if predicates == {SH + "alternativePath"}:
        return any(nullable(g, m) for m in g.list(g.one(path, SH + "alternativePath")))
    if predicates & {SH + "zeroOrMorePath", SH + "zeroOrOnePath"}:
        return True
    for name in ("inversePath", "oneOrMorePath"):
        if SH + name in predicates:
            return nullable(g, g.one(path, SH + name))
    return False


def reported_path(g: ShapesGraph, path) -> str:
    """How a result names its path: the IRI, ``^IRI`` for an inverse predicate, else the SPARQL path."""
    if isinstance(path, ox.NamedNode):
        return path.value
    inverse = g.one(path, SH + "inversePath") if g.predicates(path) == {SH + "inversePath"} else None
    if isinstance(inverse, ox.NamedNode):
        return f"^{inverse.value}"
    return sparql_path(g, path)
