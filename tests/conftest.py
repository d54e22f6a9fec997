"""Shared fixtures: the reference ontology in the embedded store, and paths that do not depend on the cwd."""

from __future__ import annotations

from pathlib import Path

import pytest

from svco.store import Store

TESTS = Path(__file__).resolve().parent
DATA = TESTS / "data"


@pytest.fixture(scope="session")
def reference_store() -> Store:
    """The vocabulary and reference content, loaded once (tests must not write to it)."""
    store = Store()
    store.load_reference()
    return store


@pytest.fixture(scope="session")
def reference_graph(reference_store):
    """The same content as an rdflib graph."""
    return reference_store.to_rdflib()
