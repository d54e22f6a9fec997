"""`svco export`: one merged ontology file, one header, no imports, written atomically."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest

from svco.cli import main
from svco.export import export

from .conftest import DATA

OWL = "http://www.w3.org/2002/07/owl#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _triples(path, fmt):
    return list(ox.parse(path=str(path), format=fmt))


@pytest.mark.parametrize(("suffix", "fmt"), [(".ttl", ox.RdfFormat.TURTLE), (".owl", ox.RdfFormat.RDF_XML)])
def test_merged_file_has_one_header_and_no_imports(tmp_path, suffix, fmt, capsys):
    out = tmp_path / f"svco-merged{suffix}"
    assert main(["export", str(out)]) == 0
    triples = _triples(out, fmt)
    headers = [t.subject for t in triples if t.predicate == RDF_TYPE and t.object == ox.NamedNode(OWL + "Ontology")]
    assert headers == [ox.NamedNode("https://w3id.org/svco")]
    assert not [t for t in triples if t.predicate == ox.NamedNode(OWL + "imports")]
    vca = ox.NamedNode("https://w3id.org/svco#ValueChainActivity")
    activities = {t.subject for t in triples if t.predicate == RDF_TYPE and t.object == vca}
    assert len(activities) == 6
    assert "wrote" in capsys.readouterr().err


def test_with_models_merges_the_models_in(tmp_path):
    out = tmp_path / "merged.ttl"
    assert main(["export", "--with-models", str(DATA / "owl" / "handoff-warning.ttl"), str(out)]) == 0
    subjects = {t.subject.value for t in _triples(out, ox.RdfFormat.TURTLE)}
    assert "https://example.org/acme#CapacityReview" in subjects


@pytest.mark.java
def test_owx_is_owl_xml_written_by_the_owl_api_and_loads_back(tmp_path):
    from svco.owlapi import check_profile

    out = tmp_path / "svco.owx"
    assert (
        main(["export", "--format", "owx", "--with-models", str(DATA / "protege" / "acme-extension.owl"), str(out)])
        == 0
    )
    root = ET.parse(out).getroot()
    assert root.tag == f"{{{OWL}}}Ontology"
    assert root.get("ontologyIRI") == "https://w3id.org/svco"
    assert not root.findall(f"{{{OWL}}}Import")
    report = check_profile(out)  # no catalog: nothing is left to import
    assert report.loaded, report.error
    assert report.in_profile, report.violations
    assert report.imports == []


def test_failed_export_leaves_the_old_file(tmp_path, capsys):
    out = tmp_path / "merged.ttl"
    out.write_text("old")
    assert main(["export", "--with-models", str(DATA / "broken" / "syntax-error.ttl"), str(out)]) == 2
    assert out.read_text() == "old"
    assert "syntax-error.ttl:" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["merged.ttl"]


def test_library_returns_triple_count(tmp_path):
    assert export(tmp_path / "m.ttl") > 1500


def test_unknown_format_is_exit_2(tmp_path, capsys):
    assert main(["export", "--format", "json", str(tmp_path / "x.json")]) == 2
    assert "Invalid value" in capsys.readouterr().err
