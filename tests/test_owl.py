"""OWL: HermiT finds the ontology consistent; the OWL API (Protégé's library) loads it offline in OWL 2 DL."""

from __future__ import annotations

import pytest

from svco.owlapi import check_profile
from svco.reason import reason
from svco.resources import catalog_file, ontology_file, reference_file

from .conftest import DATA, store_with

pytestmark = pytest.mark.java


def test_hermit_finds_vocabulary_and_reference_consistent(reference_store):
    report = reason(reference_store)
    assert report.consistent
    assert report.unsatisfiable == []


def test_hermit_finds_an_eighth_activity_inconsistent():
    """The activity class is closed (owl:oneOf the six): a seventh, different one contradicts it."""
    assert reason(store_with(DATA / "owl" / "seventh-activity.ttl")).consistent is False


def test_owl_api_loads_reference_through_catalog_in_owl2_dl():
    report = check_profile(reference_file(), [catalog_file()])
    assert report.loaded, report.error
    assert report.imports == ["https://w3id.org/svco"]
    assert report.in_profile, report.violations
    assert report.axioms > 1500


def test_owl_api_loads_vocabulary_alone_in_owl2_dl():
    report = check_profile(ontology_file(), [catalog_file()])
    assert report.loaded and report.in_profile, report.violations or report.error


def test_without_catalog_the_import_is_not_resolved():
    """Proves the catalog does the resolving: with the network blocked and no catalog, loading fails."""
    report = check_profile(reference_file())
    assert not report.loaded
    assert "https://w3id.org/svco" in (report.error or "")
