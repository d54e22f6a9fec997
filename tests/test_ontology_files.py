"""The hand-written RDF files: they parse, are in canonical Turtle form, and the ontology is hygienic."""

from __future__ import annotations

import pyshacl
import pytest
import rdflib

from svco.fmt import canonical_turtle
from svco.namespace import SVC
from svco.resources import data_root, shapes_dir

ROOT = data_root()
BADLY_NAMED = rdflib.URIRef("https://w3id.org/svco#badly_named")
TURTLE_FILES = sorted(p for folder in ("ontology", "shapes", "examples") for p in (ROOT / folder).rglob("*.ttl"))
CANONICAL_FILES = [p for p in TURTLE_FILES if p.parent.name != "examples" and "examples" not in p.parts]


def _name(path):
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("path", TURTLE_FILES, ids=_name)
def test_turtle_parses(path):
    assert len(rdflib.Graph().parse(path, format="turtle")) > 0


@pytest.mark.parametrize("path", CANONICAL_FILES, ids=_name)
def test_turtle_is_in_canonical_form(path):
    """Diffs show meaning, not reordering: `svco fmt FILE` writes this form."""
    assert path.read_text(encoding="utf-8") == canonical_turtle(path), f"run: svco fmt {_name(path)}"


def test_canonical_form_is_stable(tmp_path):
    shuffled = tmp_path / "shuffled.ttl"
    lines = (ROOT / "ontology" / "svco.ttl").read_text(encoding="utf-8")
    graph = rdflib.Graph().parse(data=lines, format="turtle")
    shuffled.write_text(graph.serialize(format="nt"), encoding="utf-8")  # same triples, another text
    reparsed = tmp_path / "again.ttl"
    reparsed.write_text(canonical_turtle(shuffled), encoding="utf-8")
    assert canonical_turtle(reparsed) == reparsed.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def meta_shapes():
    graph = rdflib.Graph()
    for path in sorted((shapes_dir() / "meta").glob("*.ttl")):
        graph.parse(path)
    return graph


def test_hygiene_shapes_pass_on_the_ontology(reference_graph, meta_shapes):
    conforms, _, text = pyshacl.validate(reference_graph, shacl_graph=meta_shapes, advanced=True)
    assert conforms, text


def test_hygiene_shapes_catch_a_term_without_label_or_definition(reference_graph, meta_shapes):
    broken = rdflib.Graph()
    for triple in reference_graph:
        if triple[0] == SVC.ChangeEnablement and triple[1] in (rdflib.RDFS.label, rdflib.SKOS.definition):
            continue
        broken.add(triple)
    broken.add((BADLY_NAMED, rdflib.RDF.type, rdflib.OWL.Class))
    conforms, report, _ = pyshacl.validate(broken, shacl_graph=meta_shapes, advanced=True)
    assert not conforms
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    messages = {
        (report.value(r, sh.focusNode), str(report.value(r, sh.resultMessage)))
        for r in report.subjects(rdflib.RDF.type, sh.ValidationResult)
    }
    focus = {f for f, _ in messages}
    assert focus == {SVC.ChangeEnablement, BADLY_NAMED}
    change = sorted(m for f, m in messages if f == SVC.ChangeEnablement)
    assert len(change) == 2 and any("rdfs:label" in m for m in change) and any("skos:definition" in m for m in change)
    assert any("UpperCamelCase" in m for f, m in messages if f == BADLY_NAMED)


def test_namespace_module_matches_the_ontology(reference_graph):
    """svco.namespace.SVC lists exactly the svc: terms the ontology defines (flows and contributions aside)."""
    defined = {
        str(s).split("#", 1)[1]
        for s in reference_graph.subjects(rdflib.RDFS.isDefinedBy, None)
        if str(s).startswith(str(SVC._NS))
        and (s, rdflib.RDF.type, SVC.Flow) not in reference_graph
        and (s, rdflib.RDF.type, SVC.PracticeContribution) not in reference_graph
    }
    assert defined == set(SVC.__annotations__)


def test_header_and_version_agree(reference_graph):
    import svco

    ontology = rdflib.URIRef("https://w3id.org/svco")
    version = str(reference_graph.value(ontology, rdflib.OWL.versionInfo))
    assert str(reference_graph.value(ontology, rdflib.OWL.versionIRI)) == f"https://w3id.org/svco/{version}"
    assert svco.__version__ == version
    for prop in (rdflib.DCTERMS.title, rdflib.DCTERMS.description, rdflib.DCTERMS.license,
                 rdflib.DCTERMS.creator, rdflib.DCTERMS.created):  # fmt: skip
        assert reference_graph.value(ontology, prop) is not None, prop
