"""Shared fixtures: the reference ontology in the embedded store, and paths that do not depend on the cwd."""

from __future__ import annotations

import os
import shutil
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


def store_with(*models: Path) -> Store:
    """A fresh store with the reference ontology and ``models`` loaded."""
    store = Store()
    store.load_reference()
    store.load(list(models))
    return store


#: Graphviz is installed by scripts/setup-tests: in CI (CI=true) its absence fails the tests instead of skipping them.
needs_dot = pytest.mark.skipif(
    shutil.which("dot") is None and os.environ.get("CI") != "true", reason="Graphviz is not installed"
)


#: Debian's Chromium, which the browser tests drive through Playwright (its own browser download is never used).
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: The flags headless Chromium needs here: no sandbox as root, no GPU, and no traffic of its own.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


@pytest.fixture(scope="session")
def browser():
    """A headless Debian Chromium driven by Playwright; in CI (CI=true) a missing one fails, elsewhere it skips."""
    missing = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing = "the Playwright package is not installed (pip install '.[test]')"
    if missing is None and not Path(CHROMIUM).exists():
        missing = "Chromium is not installed (apt-get install chromium)"
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(missing)
        pytest.skip(missing)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def pytest_collection_modifyitems(config, items):
    """``stress`` tests (long fault-injection runs) run only when asked for with ``-m stress``."""
    if "stress" in (config.getoption("-m") or ""):
        return
    skip = pytest.mark.skip(reason="long stress run: opt in with -m stress")
    for item in items:
        if "stress" in item.keywords:
            item.add_marker(skip)
