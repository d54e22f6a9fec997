"""Random SHACL Core shapes over random small graphs, for differential testing against pySHACL.

The generator writes Turtle (data and shapes) so a failing case can be printed and replayed with
``svco shacl data.ttl --shapes shapes.ttl``. Every shape is an IRI (``ex:s0``, ``ex:s1``, ...) so source
shapes compare across engines; nested shapes only refer to shapes of a higher number, so shapes never
recurse (recursive shapes are undefined in SHACL 1.0). Each data blank node carries ``ex:bid "bN"``, the
only way to name a blank node across two engines; ``ex:bid`` is never on a generated path, and is
ignored by closed shapes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from hypothesis import strategies as st

PREFIXES = """@prefix ex: <http://example.org/> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
EX = "http://example.org/"
PREDICATES = ["ex:p", "ex:q", "ex:r"]
CLASSES = ["ex:C", "ex:D", "ex:E"]
SHAPE_CLASSES = ["ex:s0", "ex:s1", "ex:s2"]  # data may type nodes with shapes: implicit class targets
IRIS = [f"ex:n{i}" for i in range(5)]
BNODES = [f"_:b{i}" for i in range(3)]
LITERALS = [
    '"a"',
    '"hello world"',
    '"x"^^xsd:string',
    '"a"@en',
    '"b"@en',
    '"b"@fr-CA',
    '"1"^^xsd:integer',
    '"01"^^xsd:integer',  # non-canonical, valid
    '"abc"^^xsd:integer',  # ill-typed
    '"1"^^xsd:positiveInteger',  # stored as xsd:integer by Oxigraph (oxigraph#526)
    '"-1"^^xsd:positiveInteger',  # ill-typed
    '"5"^^xsd:byte',  # stored as xsd:integer too
    '"1.0"^^xsd:decimal',
    '"2.5"^^xsd:decimal',
    '"true"^^xsd:boolean',
    '"2020-01-01"^^xsd:date',
    '"4 hours"^^xsd:duration',  # ill-typed
]
#: Literals the Oxigraph store rewrites (oxigraph#526). sh:datatype judges derived integer types as written
#: (svco.written; pinned in tests/test_written_literals.py), but sh:in, sh:hasValue, sh:pattern, the lengths and
#: the counts compare the stored forms (a limit named there), so the default run leaves these out;
#: SVCO_DIFF_526=1 puts them back, to see the remaining differences.
REWRITTEN_BY_STORE = {
    '"01"^^xsd:integer',
    '"1"^^xsd:positiveInteger',
    '"-1"^^xsd:positiveInteger',
    '"5"^^xsd:byte',
    '"1.0"^^xsd:decimal',
}
if not os.environ.get("SVCO_DIFF_526"):
    LITERALS = [literal for literal in LITERALS if literal not in REWRITTEN_BY_STORE]
DATATYPES = ["xsd:string", "xsd:integer", "xsd:positiveInteger", "xsd:decimal", "xsd:boolean", "rdf:langString"]
DATATYPES += ["xsd:date", "xsd:duration"]
NODE_KINDS = ["sh:IRI", "sh:BlankNode", "sh:Literal", "sh:BlankNodeOrIRI", "sh:BlankNodeOrLiteral", "sh:IRIOrLiteral"]
LANGS = ['"en"', '"fr"', '"de"']
SEVERITIES = ["sh:Violation", "sh:Warning", "sh:Info"]
RANGES = ["sh:minExclusive", "sh:minInclusive", "sh:maxExclusive", "sh:maxInclusive"]
NUMBERS = ['"1"^^xsd:integer', '"0"^^xsd:integer', '"2"^^xsd:decimal', '"2020-01-01"^^xsd:date']


@dataclass
class Case:
    """One generated test case: a data graph and a shapes graph, both Turtle."""

    data: str
    shapes: str

    def __str__(self) -> str:
        return f"# data.ttl\n{self.data}\n# shapes.ttl\n{self.shapes}"


@st.composite
def data_graphs(draw) -> str:
    """A small graph: typed nodes, a class hierarchy, triples between IRIs, blank nodes and literals."""
    subjects = IRIS + BNODES
    objects = subjects + LITERALS
    lines = [PREFIXES, "ex:D rdfs:subClassOf ex:C ."]
    lines += [f'{b} ex:bid "{b[2:]}" .' for b in BNODES]
    for _ in range(draw(st.integers(0, 6))):
        lines.append(f"{draw(st.sampled_from(subjects))} rdf:type {draw(st.sampled_from(CLASSES + SHAPE_CLASSES))} .")
    for _ in range(draw(st.integers(1, 14))):
        s, p, o = draw(st.sampled_from(subjects)), draw(st.sampled_from(PREDICATES)), draw(st.sampled_from(objects))
        lines.append(f"{s} {p} {o} .")
    return "\n".join(lines) + "\n"


def paths(depth: int = 2) -> st.SearchStrategy[str]:
    """Every SHACL path form: predicate, inverse, sequence, alternative, zero-or-more, one-or-more, zero-or-one."""
    predicate = st.sampled_from(PREDICATES)
    if depth == 0:
        return predicate
    inner = paths(depth - 1)
    return st.one_of(
        predicate,
        predicate,
        # no sequence inverted: pySHACL 0.40.1 walks it forwards (tests/data/shacl/engine/inverse-sequence.ttl)
        inner.filter(lambda p: p.count("(") == p.count("sh:alternativePath (")).map(
            lambda p: f"[ sh:inversePath {p} ]"
        ),
        st.lists(inner, min_size=2, max_size=2).map(lambda ps: f"( {' '.join(ps)} )"),
        st.lists(inner, min_size=2, max_size=2).map(lambda ps: f"[ sh:alternativePath ( {' '.join(ps)} ) ]"),
        inner.map(lambda p: f"[ sh:zeroOrMorePath {p} ]"),
        inner.map(lambda p: f"[ sh:oneOrMorePath {p} ]"),
        inner.map(lambda p: f"[ sh:zeroOrOnePath {p} ]"),
    )


class _Shapes:
    """Builds numbered shapes; a shape refers only to shapes it creates, so the graph of shapes is acyclic."""

    def __init__(self, draw, max_shapes: int) -> None:
        self.draw = draw
        self.blocks: list[str] = []
        self.left = max_shapes

    def shape(self, depth: int, top: bool = False, prop: bool | None = None, conformance: bool = False) -> str:
        """A shape; ``conformance``: it is only tested for conformance (under sh:node, sh:not, ...), where
        pySHACL 0.40.1 wrongly lets a node with Warning or Info results conform (seen under sh:not
        and qualified shapes; SHACL: any result is a failure), so such shapes and their property shapes get no
        sh:severity."""
        draw = self.draw
        self.left -= 1
        name = f"ex:s{len(self.blocks)}"
        self.blocks.append("")
        index = len(self.blocks) - 1
        prop = draw(st.booleans()) if prop is None else prop
        kind = "sh:PropertyShape" if prop else "sh:NodeShape"
        lines = [f"{name} a {kind}"]
        if top:
            target = draw(st.sampled_from(["node", "class", "subjects", "objects", "implicit", "none"]))
            if target == "node":
                lines.append(f"sh:targetNode {draw(st.sampled_from(IRIS + LITERALS[:2] + LITERALS[6:8]))}")
            elif target == "class":
                lines.append(f"sh:targetClass {draw(st.sampled_from(CLASSES))}")
            elif target == "subjects":
                lines.append(f"sh:targetSubjectsOf {draw(st.sampled_from(PREDICATES))}")
            elif target == "objects":
                lines.append(f"sh:targetObjectsOf {draw(st.sampled_from(PREDICATES))}")
            elif target == "implicit":
                self.blocks.append(f"{name} a rdfs:Class .")  # the data types nodes ex:s0..ex:s2
            if draw(st.integers(0, 9)) == 0:
                lines.append("sh:deactivated true")
        if prop:
            lines.append(f"sh:path {draw(paths())}")
        if not conformance and draw(st.booleans()):
            lines.append(f"sh:severity {draw(st.sampled_from(SEVERITIES))}")
        used = set()
        for _ in range(draw(st.integers(1, 3))):
            constraint = self.constraint(prop, depth, conformance)
            if constraint.split()[0] not in used:  # most components allow one value per shape
                used.add(constraint.split()[0])
                lines.append(constraint)
        self.blocks[index] = " ;\n    ".join(lines) + " ."
        return name

    def nested(self, depth: int, prop: bool | None = None, conformance: bool = True) -> str:
        return self.shape(depth + 1 if self.left > 0 and depth < 2 else 99, prop=prop, conformance=conformance)

    def constraint(self, prop: bool, depth: int, conformance: bool) -> str:
        draw = self.draw
        simple = [
            lambda: f"sh:class {draw(st.sampled_from(CLASSES))}",
            lambda: f"sh:datatype {draw(st.sampled_from(DATATYPES))}",
            lambda: f"sh:nodeKind {draw(st.sampled_from(NODE_KINDS))}",
            lambda: f"{draw(st.sampled_from(RANGES))} {draw(st.sampled_from(NUMBERS))}",
            # nested, no sh:minLength 0: pySHACL 0.40.1 passes a blank node (test_shacl_differential)
            lambda: (
                f"{draw(st.sampled_from(['sh:minLength', 'sh:maxLength']))} {draw(st.integers(int(conformance), 4))}"
            ),
            lambda: (
                f'sh:pattern "{draw(st.sampled_from(["^a", "o", "^[0-9]+$", "^A"]))}"'
                + (' ; sh:flags "i"' if draw(st.booleans()) else "")
            ),
            lambda: f"sh:languageIn ( {' '.join(draw(st.lists(st.sampled_from(LANGS), max_size=2, unique=True)))} )",
            lambda: f"sh:in ( {' '.join(draw(st.lists(st.sampled_from(IRIS + LITERALS), max_size=3, unique=True)))} )",
            lambda: f"sh:hasValue {draw(st.sampled_from(IRIS + LITERALS))}",
            lambda: f"{draw(st.sampled_from(['sh:equals', 'sh:disjoint']))} {draw(st.sampled_from(PREDICATES))}",
        ]
        if prop:
            simple += [
                lambda: f"{draw(st.sampled_from(['sh:minCount', 'sh:maxCount']))} {draw(st.integers(0, 2))}",
                lambda: f"sh:uniqueLang {draw(st.sampled_from(['true', 'false']))}",
            ]
        if prop and not conformance:  # nested, pySHACL's ordering of IRIs as text could not be told from a bug
            simple.append(
                lambda: (
                    f"{draw(st.sampled_from(['sh:lessThan', 'sh:lessThanOrEquals']))} "
                    f"{draw(st.sampled_from(PREDICATES))}"
                )
            )
        else:
            simple.append(
                lambda: (
                    "sh:closed true ; sh:ignoredProperties "
                    + ("( rdf:type ex:bid )" if draw(st.booleans()) else "( ex:bid )")
                )
            )
        if self.left <= 0 or depth >= 2:
            return draw(st.sampled_from(simple))()
        nested = [
            lambda: f"sh:node {self.nested(depth)}",
            lambda: f"sh:property {self.nested(depth, prop=True, conformance=conformance)}",
            lambda: f"sh:not {self.nested(depth)}",
            lambda: (
                f"{draw(st.sampled_from(['sh:and', 'sh:or', 'sh:xone']))} "
                f"( {' '.join(self.nested(depth) for _ in range(draw(st.integers(1, 3))))} )"
            ),
        ]
        if prop:
            nested.append(self._qualified(depth))
        return draw(st.sampled_from(simple + nested))()

    def _qualified(self, depth: int):
        draw = self.draw

        def make() -> str:
            parts = [f"sh:qualifiedValueShape {self.nested(depth)}"]
            bound = draw(st.sampled_from(["min", "max", "both"]))
            if bound in ("min", "both"):
                parts.append(f"sh:qualifiedMinCount {draw(st.integers(0, 2))}")
            if bound in ("max", "both"):
                parts.append(f"sh:qualifiedMaxCount {draw(st.integers(0, 2))}")
            if draw(st.booleans()):
                parts.append("sh:qualifiedValueShapesDisjoint true")
            return " ; ".join(parts)

        return make


@st.composite
def shapes_graphs(draw, max_shapes: int = 6) -> str:
    """One to three top-level shapes with targets, and the shapes they nest."""
    builder = _Shapes(draw, max_shapes)
    for _ in range(draw(st.integers(1, 3))):
        builder.shape(0, top=True)
    return PREFIXES + "\n".join(block for block in builder.blocks if block) + "\n"


@st.composite
def cases(draw) -> Case:
    """A data graph and a shapes graph."""
    return Case(draw(data_graphs()), draw(shapes_graphs()))
