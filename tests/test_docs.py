"""`svco docs OUTDIR`: one HTML page, linkable by IRI fragment, written atomically."""

from __future__ import annotations

import json
import re

import pytest

from svco.catalog import catalog
from svco.cli import main

from .conftest import DATA, needs_dot

pytestmark = needs_dot


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    outdir = tmp_path_factory.mktemp("site")
    (outdir / "keep.txt").write_text("mine")
    assert (
        main(["docs", str(outdir), str(DATA / "diagram" / "parallel.ttl"), str(DATA / "owl" / "handoff-warning.ttl")])
        == 0
    )
    return outdir


def _explorer(site) -> dict:
    page = (site / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<script type="application/json" id="explorer-data">(.*?)</script>', page, re.S)
    assert match, "the explorer's data is embedded in the page"
    return json.loads(match.group(1))


def test_help_names_the_files_it_writes(capsys):
    assert main(["docs", "--help"]) == 0
    out = capsys.readouterr().out
    assert "value-chain.svg" in out and "svco.svg" not in out and "[MODELS]..." in out


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
    for key in ("Plan", "Engage", "DesignAndTransition", "ObtainBuild", "DeliverAndSupport", "Improve"):
        assert f'id="chain-{key}"' in page  # the explorer's click targets; #{key} stays the activity's card
    assert page.count('class="edge exchange"') == 15


def test_the_page_needs_no_network(site):
    page = (site / "index.html").read_text(encoding="utf-8")
    assert not re.search(r'<(script|link|img)[^>]+(src|href)="(https?:)?//', page)


def test_explorer_data_quotes_the_seeds_and_holds_the_models_streams(site):
    data = _explorer(site)
    assert [a["key"] for a in data["activities"]] == [
        "Plan",
        "Engage",
        "DesignAndTransition",
        "ObtainBuild",
        "DeliverAndSupport",
        "Improve",
    ]
    assert len(data["flows"]) == 74 and all(f["seeds"] for f in data["flows"])
    flow = next(f for f in data["flows"] if f["anchor"] == "Flow_Plan_DesignAndTransition_PortfolioDecisions")
    assert (flow["from"], flow["to"], flow["artifact"]) == ("Plan", "DesignAndTransition", "Portfolio decisions")
    assert any("Portfolio decisions" in s for s in flow["seeds"])
    plan = data["activities"][0]
    portfolio = next(p for p in plan["practices"] if p["label"] == "Portfolio management")
    assert portfolio["steps"] == 1 and portfolio["anchor"] == "PortfolioManagement"  # used by Capacity review
    streams = {s["label"]: s for s in data["streams"]}
    assert sorted(streams) == ["Capacity review", "Launch a service"]
    assert [s["position"] for s in streams["Launch a service"]["steps"]] == [1, 2, 2, 3]
    review = streams["Capacity review"]
    assert [h["warning"] for h in review["handoffs"]] == [None, "no canonical flow from Deliver and support to Plan"]


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
