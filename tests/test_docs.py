"""`svco docs OUTDIR`: one HTML page, linkable by IRI fragment, written atomically."""

from __future__ import annotations

import re

import pytest

from svco.catalog import catalog
from svco.cli import main

from .conftest import needs_dot

pytestmark = needs_dot


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    outdir = tmp_path_factory.mktemp("site")
    (outdir / "keep.txt").write_text("mine")
    assert main(["docs", str(outdir)]) == 0
    return outdir


def test_writes_the_page_and_the_diagram_and_nothing_else(site):
    assert sorted(p.name for p in site.iterdir()) == ["index.html", "keep.txt", "value-chain.svg"]
    assert (site / "keep.txt").read_text() == "mine"
    assert not list(site.parent.glob(f".{site.name}.*"))  # the temporary folder is gone


def test_terms_are_linkable_by_iri_fragment(site):
    page = (site / "index.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'id="([^"]+)"', page))
    for fragment in (
        "Plan",
        "Improve",
        "Engage",
        "DesignAndTransition",
        "ObtainBuild",
        "DeliverAndSupport",
        "ValueStream",
        "ValueStreamStep",
        "Flow",
        "activity",
        "hasStep",
        "IncidentManagement",
        "ServiceDesk",
        "PortfolioDecisions",
        "Flow_Plan_DesignAndTransition_PortfolioDecisions",
    ):
        assert fragment in ids, fragment
    assert 'href="#Plan"' in page


def test_page_holds_practices_flows_and_the_diagram(site):
    page = (site / "index.html").read_text(encoding="utf-8")
    assert "Practices (34)" in page
    assert "Canonical flows (74)" in page
    assert len(re.findall(r'<tr id="Flow_', page)) == 74
    assert page.count('<svg class="diagram"') == 1
    assert "Deliver and support" in page


def test_page_lists_the_query_catalog_with_parameters(site):
    page = (site / "index.html").read_text(encoding="utf-8")
    for query in catalog().values():
        assert f'id="query-{query.name}"' in page
        for param in query.params:
            assert f'<code class="param">{param.name}</code>' in page


def test_outdir_that_is_a_file_is_exit_2(tmp_path, capsys):
    target = tmp_path / "file"
    target.write_text("x")
    assert main(["docs", str(target)]) == 2
    assert "file" in capsys.readouterr().err
