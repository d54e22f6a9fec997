"""Reading the shapes graph: which nodes are shapes, their parameters, RDF lists and ``sh:prefixes``.

Shapes files may be in any RDF syntax pyoxigraph reads (chosen from the file extension). Anything the
engine cannot read faithfully raises :class:`Unsupported`, naming the shape and the construct, so that no
part of a shape is ever silently ignored.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from svco.shacl.results import SH

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL_CLASS = "http://www.w3.org/2002/07/owl#Class"
RDF_TYPE = RDF + "type"
_TARGETS = ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "target")


class Unsupported(Exception):
    """The shapes use a SHACL construct this engine does not implement (message: shape and construct)."""


class ShapesGraph:
    """The shapes graph in a small in-memory Oxigraph store, with the accessors the compiler needs."""

    def __init__(self, files: Iterable[Path]) -> None:
        self.store = ox.Store()
        for path in files:
            fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.TURTLE
            self.store.load(path=str(path), format=fmt, base_iri=path.resolve().as_uri())

    def all(self, subject, predicate: str) -> list:
        """Every object of ``subject predicate``."""
        return [q.object for q in self.store.quads_for_pattern(subject, ox.NamedNode(predicate), None)]

    def one(self, subject, predicate: str):
        """The single object of ``subject predicate`` (None if absent; Unsupported if several)."""
        values = self.all(subject, predicate)
        if len(values) > 1:
            raise Unsupported(f"{subject} has {len(values)} values for {predicate}")
        return values[0] if values else None

    def predicates(self, subject) -> set[str]:
        """The predicates used on ``subject``."""
        return {q.predicate.value for q in self.store.quads_for_pattern(subject, None, None)}

    def list(self, head) -> list:
        """The members of the RDF list starting at ``head``."""
        items, seen = [], set()
        while head != ox.NamedNode(RDF + "nil"):
            first = self.one(head, RDF + "first")
            if first is None or head in seen:
                raise Unsupported(f"malformed RDF list at {head}")
            seen.add(head)
            items.append(first)
            head = self.one(head, RDF + "rest")
        return items

    def prefixes(self, node) -> str:
        """PREFIX lines for the ``sh:prefixes`` of ``node`` (a SPARQL constraint, target or validator)."""
        lines = set()
        for source in self.all(node, SH + "prefixes"):
            for declaration in self.all(source, SH + "declare"):
                prefix = self.one(declaration, SH + "prefix")
                namespace = self.one(declaration, SH + "namespace")
                if prefix is None or namespace is None:
                    raise Unsupported(f"incomplete sh:declare {declaration} under sh:prefixes of {node}")
                lines.add(f"PREFIX {prefix.value}: <{namespace.value}>")
            if not self.all(source, SH + "declare") and source != node:
                raise Unsupported(f"sh:prefixes {source} of {node} declares nothing (owl:imports is not followed)")
        return "\n".join(sorted(lines))

    def shapes(self) -> list:
        """Every shape with targets: typed shapes, untyped nodes with sh:target*, implicit class targets."""
        nodes = set()
        rdf_type = ox.NamedNode(RDF_TYPE)
        for kind in ("NodeShape", "PropertyShape"):
            nodes |= {q.subject for q in self.store.quads_for_pattern(None, rdf_type, ox.NamedNode(SH + kind))}
        for name in _TARGETS:
            nodes |= {q.subject for q in self.store.quads_for_pattern(None, ox.NamedNode(SH + name), None)}
        return sorted(nodes, key=str)

    def implicit_class(self, node) -> bool:
        """Whether ``node`` is also a class (rdfs:Class or owl:Class), so it targets its own instances."""
        types = {t.value for t in self.all(node, RDF_TYPE)}
        return isinstance(node, ox.NamedNode) and bool(types & {RDFS + "Class", OWL_CLASS})

    def component_parameters(self) -> set[str]:
        """Parameter predicates of the SPARQL-based constraint components the shapes graph declares."""
        found = set()
        for q in self.store.quads_for_pattern(None, ox.NamedNode(SH + "parameter"), None):
            found |= {p.value for p in self.all(q.object, SH + "path") if isinstance(p, ox.NamedNode)}
        return found
