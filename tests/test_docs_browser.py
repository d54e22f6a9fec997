"""The docs' explorer in a real browser: headless Debian Chromium opens the page from disk, a person's clicks
are played, what the page shows is checked, and screenshots land in pytest's tmp folder for a look."""

from __future__ import annotations

import re

import pytest

from svco.cli import main

from .conftest import DATA, needs_dot

pytestmark = needs_dot


@pytest.fixture(scope="module")
def page(browser, tmp_path_factory):
    """The generated docs (with two models' streams) open at 1400 x 1000, offline: any request off disk fails."""
    site = tmp_path_factory.mktemp("browser-site")
    models = [DATA / "diagram" / "parallel.ttl", DATA / "owl" / "handoff-warning.ttl"]
    assert main(["docs", str(site), *map(str, models)]) == 0
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.route("http*://**", lambda route: route.abort())  # no network: the page must not need it
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto((site / "index.html").as_uri())
    tab.errors = errors
    yield tab
    context.close()
    assert not errors, errors


def test_the_overview_fits_the_window(page, tmp_path):
    page.locator("#value-chain").scroll_into_view_if_needed()
    box = page.locator("#value-chain svg.diagram").bounding_box()
    assert box["width"] <= 1400 and box["height"] <= 1000
    assert page.evaluate("document.documentElement.scrollWidth") <= 1400  # no sideways scrolling
    page.screenshot(path=tmp_path / "overview.png")


def test_clicking_an_activity_shows_what_it_receives_sends_and_who_contributes(page, tmp_path):
    page.click("#chain-DesignAndTransition")
    detail = page.locator("#explorer-detail")
    assert detail.locator("h3").inner_text() == "Design and transition"
    receives = detail.locator("ul.receives > li")
    assert receives.count() == 12
    portfolio = receives.filter(has_text=re.compile(r"^Portfolio decisions from"))
    assert "from Plan" in portfolio.inner_text()
    assert "Design and transition input: Portfolio decisions" in portfolio.locator(".seed").first.inner_text()
    assert detail.locator("ul.sends > li").count() == 10
    assert "Practices that contribute (27)" in detail.inner_text()
    page.locator("#explorer-panel").screenshot(path=tmp_path / "explorer-activity.png")
    page.click("#explorer-detail a[href='#DesignAndTransition']")
    assert page.evaluate("location.hash") == "#DesignAndTransition"  # the term's anchor still works


def test_clicking_an_arrow_shows_both_ends(page):
    page.locator("#edge-Plan-DesignAndTransition").dispatch_event("click")
    detail = page.locator("#explorer-detail")
    assert detail.locator("h3").inner_text() == "Plan \u2194 Design and transition"
    text = detail.inner_text()
    assert "Plan \u2192 Design and transition (3)" in text and "Design and transition \u2192 Plan (1)" in text
    assert "Portfolio decisions" in text


def test_picking_a_stream_overlays_it_with_its_warnings(page, tmp_path):
    page.select_option("#stream-pick", label="Capacity review")
    detail = page.locator("#explorer-detail")
    assert detail.locator("h3").inner_text() == "Capacity review"
    assert detail.locator("ol.steps > li").count() == 3
    assert "no canonical flow from Deliver and support to Plan" in detail.locator(".warn").last.inner_text()
    badges = page.locator("#value-chain svg .badge").all_text_contents()
    assert sorted(badges) == ["step 1", "step 2", "step 3"]
    assert "faded" in (page.locator("#chain-Improve").get_attribute("class") or "")
    # Deliver and support -> Plan is no canonical flow: that arrow turns red; Engage -> Deliver and support is one
    assert "off-chain" in (page.locator("#edge-Plan-DeliverAndSupport").get_attribute("class") or "")
    assert "in-stream" in (page.locator("#edge-Engage-DeliverAndSupport").get_attribute("class") or "")
    page.locator("#value-chain").scroll_into_view_if_needed()
    page.evaluate("document.getElementById('value-chain').scrollIntoView()")
    page.screenshot(path=tmp_path / "explorer-stream.png")
    page.select_option("#stream-pick", label="Launch a service")
    assert sorted(page.locator("#value-chain svg .badge").all_text_contents()) == [
        "step 1",
        "step 2",
        "step 2",
        "step 3",
    ]
