"""Graphviz DOT for the value chain (an overview, or ``detail=True`` for every artifact and practice) and
for a value stream (steps by position, parallel steps side by side in one rank)."""

from __future__ import annotations

import html
import textwrap

from svco.diagram.model import (
    COLOURS,
    OTHER,
    SEVERITY_MARK,
    Activity,
    FlowGroup,
    ValueChain,
    ValueStream,
    activity_sort_key,
    local_name,
    node_id,
    wrap,
)

FONT = "Helvetica"


def dot_string(text: str) -> str:
    """A DOT double-quoted string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def h(text: str) -> str:
    """Text escaped for a DOT HTML-like label."""
    return html.escape(text, quote=True)


def graph_header(name: str, rankdir: str) -> list[str]:
    """The first lines of a digraph with svco's fonts and spacing."""
    return [
        f"digraph {dot_string(name)} {{",
        f'  graph [rankdir={rankdir}, fontname="{FONT}", bgcolor="white", pad=0.3, nodesep=0.6, ranksep=0.9,'
        " splines=true, outputorder=edgesfirst];",
        f'  node [fontname="{FONT}", fontsize=12];',
        f'  edge [fontname="{FONT}", fontsize=10, arrowsize=0.8, penwidth=1.3];',
    ]


def to_dot(diagram: ValueChain | ValueStream, *, detail: bool = False) -> str:
    """Graphviz DOT text for a value stream, or the value chain: an overview, or with ``detail`` every
    artifact each activity hands to each other one and the practices that support it."""
    if isinstance(diagram, ValueStream):
        return _stream_dot(diagram)
    if detail:
        return _chain_dot(diagram)
    from svco.diagram.overview import overview_dot

    return overview_dot(diagram)


#: Where the value chain diagram pins each activity (inches; Plan on top, Improve in the middle, the four
#: activities that make and run services around them) and each external party, by local name.
CHAIN_POSITIONS = {
    "Plan": (0.0, 6.7),
    "Engage": (-7.1, 2.7),
    "DeliverAndSupport": (7.1, 2.7),
    "Improve": (0.0, -0.9),
    "DesignAndTransition": (-4.8, -5.5),
    "ObtainBuild": (4.8, -5.5),
    "GoverningBody": (-5.5, 9.2),
    "SuppliersAndPartners": (-12.6, 6.7),
    "Customers": (0.0, -9.2),
    "Users": (12.6, -0.9),
}


def _wrap_flow(artifacts: list[str], width: int) -> list[str]:
    """Artifact names joined by "; " and wrapped, the first line shorter (it follows "to Activity:")."""
    lines = textwrap.wrap("; ".join(artifacts), width=width, initial_indent=" " * 22, break_on_hyphens=False)
    return [line.strip() for line in lines]


def _chain_node(activity: Activity, outgoing: list[FlowGroup], names: dict[str, str]) -> str:
    """An activity as a table: its name, one row per activity it hands artifacts to (the edge to that
    activity starts at the row, so the artifact names never overlap), and the practices that support it."""
    fill, stroke = COLOURS.get(activity.key, OTHER)
    rows = [
        f'<TR><TD BGCOLOR="{fill}"><FONT POINT-SIZE="18" COLOR="{stroke}"><B>{h(activity.label)}</B></FONT></TD></TR>'
    ]
    for flow in sorted(outgoing, key=lambda f: activity_sort_key(f.target)):
        rows.append(
            f'<TR><TD PORT="{node_id(flow.target)}" ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="11" COLOR="{stroke}">'
            f"<B>to {h(names.get(flow.target, local_name(flow.target)))}:</B> "
            + "<BR/>".join(h(line) for line in _wrap_flow(flow.artifacts, 60))
            + ""
            "</FONT></TD></TR>"
        )
    practices = "<BR/>".join(h(line) for line in wrap(activity.practices, 70))
    rows.append(
        f'<TR><TD BGCOLOR="#f6f6f6"><FONT POINT-SIZE="9" COLOR="#555555"><I>{len(activity.practices)} practices:'
        f"</I><BR/>{practices}</FONT></TD></TR>"
    )
    x, y = CHAIN_POSITIONS.get(activity.key, (0.0, 0.0))
    return (
        f'  {node_id(activity.iri)} [shape=plain, id={dot_string(activity.key)}, pos="{x},{y}!", label=<<TABLE'
        f' BORDER="2" COLOR="{stroke}" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3" BGCOLOR="white">{"".join(rows)}'
        "</TABLE>>];"
    )


def _chain_dot(chain: ValueChain) -> str:
    """The value chain laid out by neato with the activities pinned where ITIL's picture has them; each
    canonical flow group is an edge from the row naming its artifacts to the receiving activity."""
    lines = graph_header("svco value chain", "TB")
    lines.append('  graph [layout=neato, overlap=true, splines=true, esep="+8"];')
    lines.append(
        '  labelloc=t; fontsize=24; label=<<B>The ITIL 4 service value chain</B><BR/><FONT POINT-SIZE="13">'
        "each row names what an activity hands to another; the arrow from that row leads there"
        " (arrow colour: the activity handing over)</FONT>>;"
    )
    names = {a.iri: a.label for a in chain.activities} | chain.parties
    ids = {a.iri: node_id(a.iri) for a in chain.activities}
    for iri, label in sorted(chain.parties.items()):
        ids[iri] = "ext_" + node_id(iri)
        x, y = CHAIN_POSITIONS.get(local_name(iri), (0.0, -12.0))
        lines.append(
            f'  {ids[iri]} [label={dot_string(label)}, pos="{x},{y}!", shape=box, style="rounded,dashed,filled",'
            ' fillcolor="#f4f4f4", color="#888888", fontcolor="#444444", fontsize=14];'
        )
    activity_iris = {a.iri for a in chain.activities}
    for activity in chain.activities:
        outgoing = [f for f in chain.flows if f.source == activity.iri]
        lines.append(_chain_node(activity, outgoing, names))
    for flow in chain.flows:
        colour = COLOURS.get(local_name(flow.source), OTHER)[1] if flow.source in activity_iris else "#888888"
        tail = f"{ids[flow.source]}:{node_id(flow.target)}" if flow.source in activity_iris else ids[flow.source]
        if flow.source in activity_iris:
            tooltip = ""
        else:
            tooltip = f', label={dot_string(chr(10).join(flow.artifacts))}, fontcolor="#666666"'
        lines.append(f'  {tail} -> {ids[flow.target]} [color="{colour}"{tooltip}];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def _stream_dot(stream: ValueStream) -> str:
    """Left to right: triggers, the steps by position (parallel steps in one column), outcomes."""
    lines = graph_header(stream.label, "LR")
    title = f"<B>{h(stream.label)}</B>"
    if stream.warnings:
        notes = ""
        for severity, message in stream.warnings:
            wrapped = textwrap.wrap(f"{SEVERITY_MARK.get(severity, '!')} {message}", 110)
            notes += '<BR/><FONT COLOR="#c0392b">' + "<BR/>".join(h(x) for x in wrapped) + "</FONT>"
        title += f'<FONT POINT-SIZE="11">{notes}</FONT>'
    lines.append(f"  labelloc=t; fontsize=18; label=<{title}>;")
    ids = {s.iri: f"s{i}" for i, s in enumerate(stream.steps, start=1)}
    for i, trigger in enumerate(stream.triggers, start=1):
        lines.append(
            f'  t{i} [label={dot_string(trigger)}, shape=cds, style=filled, fillcolor="#f4f4f4", color="#777777"];'
        )
    for i, outcome in enumerate(stream.outcomes, start=1):
        lines.append(
            f'  o{i} [label={dot_string(outcome)}, shape=doubleoctagon, style=filled, fillcolor="#f4f4f4",'
            ' color="#777777"];'
        )
    for step in stream.steps:
        key = local_name(step.activity or "")
        fill, stroke = COLOURS.get(key, OTHER)
        activity = stream.activity_labels.get(step.activity or "", "no activity")
        border = "#c0392b" if step.warnings else stroke
        rows = [
            f'<TR><TD BGCOLOR="{fill}"><FONT COLOR="{stroke}"><B>{step.position or "?"}  {h(activity)}</B></FONT>'
            "</TD></TR>",
            f'<TR><TD><FONT POINT-SIZE="13"><B>{h(step.label)}</B></FONT></TD></TR>',
        ]
        for name, items in (
            ("practices", step.practices),
            ("consumes", step.consumes),
            ("produces", step.produces),
            ("by", step.performers),
        ):
            if items:
                text = "<BR/>".join(h(line) for line in wrap(items, 34))
                rows.append(
                    f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="9" COLOR="#444444"><I>{name}:</I> '
                    f"{text}</FONT></TD></TR>"
                )
        for severity, message in step.warnings:
            text = "<BR/>".join(h(line) for line in textwrap.wrap(f"{SEVERITY_MARK.get(severity, '!')} {message}", 36))
            rows.append(f'<TR><TD BGCOLOR="#fdecea"><FONT POINT-SIZE="10" COLOR="#c0392b">{text}</FONT></TD></TR>')
        label = (
            f'<<TABLE BORDER="2" COLOR="{border}" CELLBORDER="0" CELLSPACING="0" CELLPADDING="5">{"".join(rows)}'
            "</TABLE>>"
        )
        lines.append(f"  {ids[step.iri]} [shape=plain, id={dot_string(local_name(step.iri))}, label={label}];")
    ranks = stream.ranks
    for rank in ranks:
        if len(rank) > 1:  # parallel steps: one column, side by side
            lines.append("  { rank=same; " + " ".join(ids[s.iri] + ";" for s in rank) + " }")
    if ranks:
        for i in range(1, len(stream.triggers) + 1):
            lines.extend(f'  t{i} -> {ids[s.iri]} [color="#777777"];' for s in ranks[0])
        for i in range(1, len(stream.outcomes) + 1):
            lines.extend(f'  {ids[s.iri]} -> o{i} [color="#777777"];' for s in ranks[-1])
    for handoff in stream.handoffs:
        text = "\n".join(handoff.artifacts)
        if handoff.warning:
            text = (text + "\n" if text else "") + "\u26a0 " + "\n".join(textwrap.wrap(handoff.warning, 28))
            style = 'color="#c0392b", fontcolor="#c0392b", style=dashed, penwidth=2'
        else:
            style = 'color="#444444", fontcolor="#333333"'
        lines.append(f"  {ids[handoff.source]} -> {ids[handoff.target]} [label={dot_string(text)}, {style}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
