"""Mermaid flowchart text for the value chain and value streams (GitHub renders it in Markdown)."""

from __future__ import annotations

import html
import json
import textwrap

from svco.diagram.model import COLOURS, OTHER, SEVERITY_MARK, ValueChain, ValueStream, local_name, node_id, wrap


def _mermaid_text(text: str) -> str:
    """Text for a quoted Mermaid label, as HTML: ``&quot;`` renders as a quote whichever way Mermaid is
    called (its own ``#quot;`` code came out as ``fl°quot¶ß`` through ``mermaid.render`` of Mermaid 11)."""
    return html.escape(text, quote=True)


def _front_matter(title: str) -> str:
    """Mermaid's YAML front matter with the diagram's title, quoted (JSON is YAML) so a colon cannot break it."""
    return f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---"


def to_mermaid(diagram: ValueChain | ValueStream, *, detail: bool = False) -> str:
    """Mermaid flowchart text (renders on GitHub and in Markdown viewers): a value stream, or the value
    chain as an overview (one arrow per pair of activities) or, with ``detail``, every artifact and practice."""
    if isinstance(diagram, ValueStream):
        return _stream(diagram)
    return _chain_detail(diagram) if detail else _chain_overview(diagram)


def _chain_overview(chain: ValueChain) -> str:
    """Plan on top, demand entering Engage, value leaving Deliver and support below, Improve alongside; each
    arrow says how many artifact types pass (Mermaid lays it out itself: it cannot pin the boxes)."""
    lines = [_front_matter("The ITIL 4 service value chain (arrows: how many artifact types pass)")]
    lines.append("flowchart TB")
    ids = {a.iri: node_id(a.iri) for a in chain.activities}
    for activity in chain.activities:
        lines.append(f'    {ids[activity.iri]}["<b>{_mermaid_text(activity.label)}</b>"]')
    boundary = chain.boundary()
    for flow in boundary:
        outgoing = flow.source in ids
        party = flow.target if outgoing else flow.source
        key = ("out_" if outgoing else "in_") + node_id(party)
        if key not in ids:
            ids[key] = key
            lines.append(f'    {key}(["{_mermaid_text(chain.parties[party])}"])')
        text = _mermaid_text("; ".join(flow.artifacts))
        if outgoing:
            lines.append(f'    {ids[flow.source]} -->|"{text}"| {key}')
        else:
            lines.append(f'    {key} -->|"{text}"| {ids[flow.target]}')
    for exchange in chain.exchanges():
        arrow = "<-->" if exchange.forward and exchange.backward else "-->"
        first, second = (exchange.first, exchange.second) if exchange.forward else (exchange.second, exchange.first)
        lines.append(f'    {ids[first]} {arrow}|"{exchange.count}"| {ids[second]}')
    for activity in chain.activities:
        fill, stroke = COLOURS.get(activity.key, OTHER)
        lines.append(f"    style {ids[activity.iri]} fill:{fill},stroke:{stroke},stroke-width:2px")
    for key in ids:
        if key.startswith(("in_", "out_")):
            lines.append(f"    style {key} fill:#f4f4f4,stroke:#888,stroke-dasharray: 4 3")
    return "\n".join(lines) + "\n"


def _chain_detail(chain: ValueChain) -> str:
    """Every activity with its practices, one labelled arrow per ordered pair naming every artifact."""
    diagram = chain
    lines = ["flowchart TB"]
    ids = {a.iri: node_id(a.iri) for a in diagram.activities}
    for activity in diagram.activities:
        practices = "<br/>".join(_mermaid_text(line) for line in wrap(activity.practices, 48))
        lines.append(
            f'    {ids[activity.iri]}["<b>{_mermaid_text(activity.label)}</b><br/><small>{practices}</small>"]'
        )
    for iri, label in sorted(diagram.parties.items()):
        ids[iri] = "ext_" + node_id(iri)
        lines.append(f'    {ids[iri]}(["{_mermaid_text(label)}"])')
    for flow in diagram.flows:
        text = "<br/>".join(_mermaid_text(a) for a in flow.artifacts)
        lines.append(f'    {ids[flow.source]} -->|"{text}"| {ids[flow.target]}')
    for activity in diagram.activities:
        fill, stroke = COLOURS.get(activity.key, OTHER)
        lines.append(f"    style {ids[activity.iri]} fill:{fill},stroke:{stroke},stroke-width:2px")
    for iri in diagram.parties:
        lines.append(f"    style {ids[iri]} fill:#f4f4f4,stroke:#888,stroke-dasharray: 4 3")
    return "\n".join(lines) + "\n"


def _stream(stream: ValueStream) -> str:
    """Left to right: triggers, steps by position (parallel steps share a column), outcomes; red warnings."""
    lines = [_front_matter(stream.label), "flowchart LR"]
    ids = {s.iri: f"s{i}" for i, s in enumerate(stream.steps, start=1)}
    for i, trigger in enumerate(stream.triggers, start=1):
        lines.append(f'    t{i}(["{_mermaid_text(trigger)}"])')
    for step in stream.steps:
        parts = [f"<b>{step.position or '?'}. {_mermaid_text(step.label)}</b>"]
        parts.append(f"<i>{_mermaid_text(stream.activity_labels.get(step.activity or '', 'no activity'))}</i>")
        if step.practices:
            parts.append("<small>practices: " + _mermaid_text(", ".join(step.practices)) + "</small>")
        for severity, message in step.warnings:
            parts.append(f"{SEVERITY_MARK.get(severity, '!')} {_mermaid_text(message)}")
        lines.append(f'    {ids[step.iri]}["{"<br/>".join(parts)}"]')
    for i, outcome in enumerate(stream.outcomes, start=1):
        lines.append(f'    o{i}(["{_mermaid_text(outcome)}"])')
    ranks = stream.ranks
    if ranks:
        for i in range(1, len(stream.triggers) + 1):
            lines.extend(f"    t{i} --> {ids[s.iri]}" for s in ranks[0])
    for number, handoff in enumerate(stream.handoffs):
        label = "<br/>".join(_mermaid_text(a) for a in handoff.artifacts)
        if handoff.warning:
            label = (label + "<br/>" if label else "") + "\u26a0 " + _mermaid_text(handoff.warning)
        arrow = "-.->" if handoff.warning else "-->"
        text = f'|"{label}"|' if label else ""
        lines.append(f"    {ids[handoff.source]} {arrow}{text} {ids[handoff.target]}")
        if handoff.warning:
            lines.append(
                f"    linkStyle {len(stream.triggers) * len(ranks[0]) + number} stroke:#c0392b,stroke-width:2px"
            )
    if ranks:
        for i in range(1, len(stream.outcomes) + 1):
            lines.extend(f"    {ids[s.iri]} --> o{i}" for s in ranks[-1])
    for step in stream.steps:
        fill, stroke = COLOURS.get(local_name(step.activity or ""), OTHER)
        if step.warnings:
            stroke = "#c0392b"
        lines.append(f"    style {ids[step.iri]} fill:{fill},stroke:{stroke},stroke-width:2px")
    for i, (severity, message) in enumerate(stream.warnings, start=1):
        text = "<br/>".join(_mermaid_text(line) for line in textwrap.wrap(message, 60))
        lines.append(f'    w{i}["{SEVERITY_MARK.get(severity, "!")} {severity}: {text}"]')
        lines.append(f"    style w{i} fill:#fdecea,stroke:#c0392b,color:#c0392b")
    return "\n".join(lines) + "\n"
