"""A knowledge engineer extends svco in Protégé: an ontology that imports svco's reference content, adds a
practice subclass and a value stream, and is saved as RDF/XML the way Protégé saves it, with the catalog
Protégé writes beside it. It must load offline through the catalog in the OWL API, stay in OWL 2 DL, pass
HermiT and validate."""

from __future__ import annotations

import pytest

from svco.cli import main
from svco.owlapi import check_profile
from svco.reason import reason
from svco.resources import catalog_file
from svco.store import Store

from .conftest import DATA

EXTENSION = DATA / "protege" / "acme-extension.owl"
CATALOG = DATA / "protege" / "catalog-v001.xml"
EX = "https://example.org/acme/svco-extension#"


def test_the_fixture_is_protege_style_rdf_xml():
    text = EXTENSION.read_text(encoding="utf-8")
    assert 'xml:base="https://example.org/acme/svco-extension"' in text
    assert '<owl:imports rdf:resource="https://w3id.org/svco/reference"/>' in text
    assert "<owl:NamedIndividual rdf:about=" in text and "// Classes" in text


@pytest.mark.java
@pytest.mark.parametrize("catalog", [CATALOG, catalog_file()], ids=["own catalog", "packaged catalog"])
def test_loads_through_the_catalog_in_owl2_dl(catalog):
    report = check_profile(EXTENSION, [catalog])
    assert report.loaded, report.error
    assert report.ontology == "https://example.org/acme/svco-extension"
    assert set(report.imports) == {"https://w3id.org/svco/reference", "https://w3id.org/svco"}
    assert report.in_profile, report.violations


@pytest.mark.java
def test_without_a_catalog_the_import_fails_offline():
    report = check_profile(EXTENSION)
    assert not report.loaded
    assert "https://w3id.org/svco/reference" in (report.error or "")


@pytest.mark.java
def test_passes_hermit_and_the_new_practice_is_a_practice():
    store = Store()
    store.load_reference()
    store.load([EXTENSION])
    report = reason(store)
    assert report.ok
    assert "https://w3id.org/svco#Practice" in report.inferred_types[EX + "SecurityMonitoring"]


def test_validates(capsys):
    assert main(["validate", str(EXTENSION)]) == 0, capsys.readouterr()


@pytest.mark.java
def test_merged_export_of_the_extension_stays_in_owl2_dl(tmp_path):
    out = tmp_path / "acme-merged.owl"
    assert main(["export", "--with-models", str(EXTENSION), str(out)]) == 0
    report = check_profile(out)
    assert report.loaded and report.in_profile, report.violations or report.error
