"""`svco diagram`: the value chain and value streams as Mermaid, DOT and SVG (real Graphviz)."""

from __future__ import annotations

import re
import subprocess

import pytest

from svco.cli import main
from svco.diagram import find_stream, local_name, render, to_dot, to_mermaid, value_chain, value_stream
from svco.errors import UsageError
from svco.store import Store

from .conftest import DATA, needs_dot, store_with

LABELS = ["Plan", "Improve", "Engage", "Design and transition", "Obtain/build", "Deliver and support"]
WARNING_MODEL = DATA / "owl" / "handoff-warning.ttl"
EXTENSION = DATA / "protege" / "acme-extension.owl"
PARALLEL = DATA / "diagram" / "parallel.ttl"


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


def test_overview_has_one_exchange_per_pair_of_activities(reference_store):
    exchanges = value_chain(reference_store).exchanges()
    pairs = {frozenset((e.first, e.second)) for e in exchanges}
    assert len(pairs) == len(exchanges) == 15  # every pair of the six hands the other something
    plan_dt = next(
        e for e in exchanges if {local_name(e.first), local_name(e.second)} == {"Plan", "DesignAndTransition"}
    )
    assert "Portfolio decisions" in plan_dt.forward + plan_dt.backward
    assert plan_dt.count == len(set(plan_dt.forward) | set(plan_dt.backward))


def test_mermaid_overview(capsys):
    assert main(["diagram"]) == 0
    out = capsys.readouterr().out
    assert "flowchart TB" in out
    assert len(re.findall(r"^    \w+ <?-->\|\"\d+\"\| \w+$", out, re.M)) == 15
    assert '-->|"High-level demand data; Product and service requirements"| Engage' in out
    assert "Portfolio decisions" not in out  # the detail stays in --detail
    assert out.startswith('---\ntitle: "The ITIL 4 service value chain')  # quoted: its colon cannot break the YAML


def test_mermaid_stream_title_is_quoted_yaml():
    stream = value_stream(store_with(WARNING_MODEL), "Capacity review")
    stream.label = 'Review: "capacity"'
    assert to_mermaid(stream).startswith('---\ntitle: "Review: \\"capacity\\""\n---\n')


def test_mermaid_value_chain_detail(capsys):
    assert main(["diagram", "--detail"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("flowchart TB")
    for node in ("Plan", "Engage", "DesignAndTransition", "ObtainBuild", "DeliverAndSupport", "Improve"):
        assert re.search(rf"^    {node}\[", out, re.M)
    assert (
        '-->|"Architectures and policies<br/>Portfolio decisions<br/>Strategic, tactical and operational plans"| '
        "DesignAndTransition" in out
    )


def _text_boxes(svg: str) -> list[tuple[float, float, float, float, str]]:
    """Approximate boxes (x0, y0, x1, y1) of the SVG's texts, from position, anchor, font size and length."""
    boxes = []
    for attrs, text in re.findall(r"<text([^>]*)>([^<]*)</text>", svg):
        get = dict(re.findall(r'([\w-]+)="([^"]*)"', attrs))
        x, y, size = float(get["x"]), float(get["y"]), float(get.get("font-size", 14))
        width = 0.5 * size * len(text)
        x0 = {"middle": x - width / 2, "end": x - width}.get(get.get("text-anchor", "start"), x)
        boxes.append((x0, y - 0.8 * size, x0 + width, y + 0.1 * size, text))
    return boxes


@needs_dot
def test_svg_overview_fits_the_window_and_no_labels_overlap(tmp_path):
    out = tmp_path / "chain.svg"
    assert main(["diagram", "--format", "svg", "--output", str(out)]) == 0
    svg = out.read_text(encoding="utf-8")
    width, height = (float(v) for v in re.search(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg).groups())
    assert width * 4 / 3 <= 1400 and height * 4 / 3 <= 1000  # pt to CSS px: no scrolling in 1400 x 1000
    assert svg.count('class="edge exchange"') == 15
    boxes = _text_boxes(svg)
    overlaps = [
        (a[4], b[4])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
    ]
    assert not overlaps


@needs_dot
def test_svg_value_chain_detail_holds_the_six_activities(tmp_path):
    out = tmp_path / "chain.svg"
    assert main(["diagram", "--detail", "--format", "svg", "--output", str(out)]) == 0
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


def test_dot_format_and_the_deprecated_stream_option(capsys):
    assert main(["diagram", "--stream", "Capacity review", "--format", "dot", str(WARNING_MODEL)]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith('digraph "Capacity review"')
    assert 'color="#c0392b"' in captured.out
    assert "--stream is deprecated" in captured.err


def test_help_names_stream_as_an_argument_not_an_option(capsys):
    assert main(["diagram", "--help"]) == 0
    out = capsys.readouterr().out
    assert "[STREAM] [MODEL]..." in out and "--stream" not in out and "--detail" in out


def test_parallel_steps_share_a_rank_and_hand_off_to_every_next_step():
    stream = value_stream(store_with(PARALLEL), "Launch a service")
    assert [[s.label for s in rank] for rank in stream.ranks] == [
        ["Design the service"],
        ["Build the components", "Agree the contract"],
        ["Run the service"],
    ]
    label = {s.iri: s.label for s in stream.steps}
    assert sorted((label[h.source], label[h.target]) for h in stream.handoffs) == [
        ("Agree the contract", "Run the service"),
        ("Build the components", "Run the service"),
        ("Design the service", "Agree the contract"),
        ("Design the service", "Build the components"),
    ]
    built = next(h for h in stream.handoffs if label[h.target] == "Build the components")
    assert built.artifacts == ["Requirements and specifications"] and built.canonical
    dot = to_dot(stream)
    assert "{ rank=same; s2; s3; }" in dot
    assert "t1 -> s1 " in dot and "s4 -> o1 " in dot and "t1 -> s2" not in dot
    mermaid = to_mermaid(stream)
    for edge in ("s1 -->", "s1 --> s3", "s2 -->", "s3 --> s4", "s4 --> o1"):
        assert edge in mermaid, edge


def test_render_rejects_an_unknown_format(reference_store):
    with pytest.raises(UsageError):
        render(reference_store, fmt="png")
