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
OWL = "http://www.w3.org/2002/07/owl#"
OWL_CLASS = OWL + "Class"
RDF_TYPE = RDF + "type"
_TRUE = ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
_TARGETS = ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "target")


def instance_of(node: str, cls: ox.NamedNode, name: str) -> str:
    """A pattern matching when ``node`` is an instance of ``cls`` (``rdf:type/rdfs:subClassOf*``) that every
    tested SPARQL server evaluates right: Virtuoso 7.2 finds no solution of a property path whose two ends are
    both bound, so the class end is the variable ``?{name}Class``, compared by its IRI's text. (The internal
    query result-context.rq writes the same form.)"""
    return (
        f"{node} <{RDF_TYPE}> ?{name}Type . ?{name}Type <{RDFS}subClassOf>* ?{name}Class . "
        f"FILTER(STR(?{name}Class) = {ox.Literal(cls.value)})"
    )


class Unsupported(Exception):
    """The shapes use a SHACL construct this engine does not implement (message: shape and construct)."""


class ShapesGraph:
    """The shapes graph in a small in-memory Oxigraph store, with the accessors the compiler needs.

    The store normalises literals (oxigraph#526: ``"1"^^xsd:boolean`` becomes ``true``), which is what the
    data store does too, so constants compared with data stay comparable; boolean flags, which SHACL reads
    as written (only ``true`` switches on ``sh:uniqueLang``, ``sh:deactivated``...), come from the parser.
    """

    def __init__(self, files: Iterable[Path]) -> None:
        self.store = ox.Store()
        self._true: set[tuple] = set()  # (subject, predicate) with the object written as "true"^^xsd:boolean
        for path in files:
            fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.TURTLE
            quads = list(ox.parse(path=path, format=fmt, base_iri=path.resolve().as_uri(), rename_blank_nodes=True))
            self.store.extend(quads)
            self._true |= {(q.subject, q.predicate.value) for q in quads if q.object == _TRUE}

    def flag(self, subject, predicate: str) -> bool:
        """Whether ``subject predicate true`` is in the shapes graph as written (SHACL boolean parameters)."""
        return (subject, predicate) in self._true

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
        """PREFIX lines for the ``sh:prefixes`` of ``node`` (a SPARQL constraint, target or validator).

        Declarations are collected from each ``sh:prefixes`` node and, transitively, the ontologies it
        ``owl:imports`` within the shapes graph (SHACL 5.2.1); nothing is fetched."""
        lines: dict[str, str] = {}
        todo, seen = list(self.all(node, SH + "prefixes")), set()
        while todo:
            source = todo.pop()
            if source in seen:
                continue
            seen.add(source)
            todo += self.all(source, OWL + "imports")
            for declaration in self.all(source, SH + "declare"):
                prefix = self.one(declaration, SH + "prefix")
                namespace = self.one(declaration, SH + "namespace")
                if prefix is None or namespace is None:
                    raise Unsupported(f"incomplete sh:declare {declaration} under sh:prefixes of {node}")
                if lines.get(prefix.value, namespace.value) != namespace.value:
                    raise Unsupported(f"sh:prefixes of {node} declare {prefix.value}: twice, differently")
                lines[prefix.value] = namespace.value
        return "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in sorted(lines.items()))

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
