"""`svco diagram`: the value chain and value streams as Mermaid, DOT and SVG (real Graphviz)."""

from __future__ import annotations

import re
import subprocess

import pytest

from svco.cli import main
from svco.diagram import find_stream, render, value_chain, value_stream
from svco.errors import UsageError
from svco.store import Store

from .conftest import DATA, needs_dot, store_with

LABELS = ["Plan", "Improve", "Engage", "Design and transition", "Obtain/build", "Deliver and support"]
WARNING_MODEL = DATA / "owl" / "handoff-warning.ttl"
EXTENSION = DATA / "protege" / "acme-extension.owl"


def test_value_chain_groups_the_74_flows_per_pair(reference_store):
    chain = value_chain(reference_store)
    assert [a.label for a in chain.activities] == [
        "Plan",
        "Engage",
        "Design and transition",
        "Obtain/build",
        "Deliver and support",
        "Improve",
    ]
    assert sum(len(f.artifacts) for f in chain.flows) <= 74
    pairs = [(f.source, f.target) for f in chain.flows]
    assert len(pairs) == len(set(pairs))
    plan = chain.activities[0]
    assert "Portfolio management" in plan.practices


def test_mermaid_value_chain(capsys):
    assert main(["diagram"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("flowchart TB")
    for node in ("Plan", "Engage", "DesignAndTransition", "ObtainBuild", "DeliverAndSupport", "Improve"):
        assert re.search(rf"^    {node}\[", out, re.M)
    assert (
        '-->|"Architectures and policies<br/>Portfolio decisions<br/>Strategic, tactical and operational plans"| '
        "DesignAndTransition" in out
    )


@needs_dot
def test_svg_value_chain_holds_the_six_activities(tmp_path):
    out = tmp_path / "chain.svg"
    assert main(["diagram", "--format", "svg", "--output", str(out)]) == 0
    svg = out.read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    texts = {t.replace("&amp;", "&") for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)}
    for label in LABELS:
        assert label in texts, label
    png = subprocess.run(["dot", "-Tpng"], input=render(_reference(), fmt="dot"), capture_output=True)
    assert png.returncode == 0 and png.stdout.startswith(b"\x89PNG")


def _reference():
    store = Store()
    store.load_reference()
    return store


@pytest.mark.parametrize(
    "reference",
    [
        "https://example.org/acme#CapacityReview",
        "<https://example.org/acme#CapacityReview>",
        "ex:CapacityReview",
        "Capacity review",
        "capacity REVIEW",
    ],
)
def test_a_stream_is_found_by_iri_curie_or_label(reference):
    assert find_stream(store_with(WARNING_MODEL), reference)[0] == "https://example.org/acme#CapacityReview"


def test_an_unknown_stream_lists_the_streams(capsys):
    assert main(["diagram", "No such stream", str(WARNING_MODEL)]) == 2
    err = capsys.readouterr().err
    assert "no value stream 'No such stream'" in err and "Capacity review" in err


def test_a_stream_without_models_is_a_usage_error(capsys):
    assert main(["diagram", "Capacity review"]) == 2
    assert "no model" in capsys.readouterr().err


def test_stream_steps_in_order_with_activities_and_the_warning_marked():
    stream = value_stream(store_with(WARNING_MODEL), "Capacity review")
    assert [(s.position, s.label) for s in stream.steps] == [
        (1, "Log the complaints"),
        (2, "Measure the load"),
        (3, "Decide on new capacity"),
    ]
    assert [stream.activity_labels[s.activity] for s in stream.steps] == ["Engage", "Deliver and support", "Plan"]
    first, second = stream.handoffs
    assert first.artifacts == ["User support tasks"] and first.warning is None
    assert second.warning == "no canonical flow from Deliver and support to Plan"
    assert stream.triggers == ["Users complain of slow responses"]
    assert stream.outcomes == ["Enough capacity for next quarter"]


def test_stream_mermaid_marks_the_warning(capsys):
    assert main(["diagram", "ex:CapacityReview", str(WARNING_MODEL)]) == 0
    out = capsys.readouterr().out
    assert "flowchart LR" in out
    assert 's2 -.->|"\u26a0 no canonical flow from Deliver and support to Plan"| s3' in out
    assert "linkStyle" in out


@needs_dot
def test_stream_svg(tmp_path):
    out = tmp_path / "stream.svg"
    assert (
        main(["diagram", "Restore a service after an outage", str(EXTENSION), "--format", "svg", "-o", str(out)]) == 0
    )
    svg = out.read_text(encoding="utf-8")
    for text in (
        "Take the user&#39;s report",
        "Restore the service",
        "Review the incident",
        "Deliver and support",
        "Incident management",
    ):
        assert text in svg, text
    assert "\u26a0" not in svg  # every hand-off of this stream is canonical


def test_dot_format_and_stream_option(capsys):
    assert main(["diagram", "--stream", "Capacity review", "--format", "dot", str(WARNING_MODEL)]) == 0
    out = capsys.readouterr().out
    assert out.startswith('digraph "Capacity review"')
    assert 'color="#c0392b"' in out


def test_render_rejects_an_unknown_format(reference_store):
    with pytest.raises(UsageError):
        render(reference_store, fmt="png")
