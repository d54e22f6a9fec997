"""Pictures of the value chain and of value streams: Mermaid text, Graphviz DOT, and SVG through Graphviz.

- :func:`value_chain` reads the six activities, the practices that support each and the canonical flows
  (grouped per pair of activities, one labelled edge a pair and direction, so 74 flows stay readable);
- :func:`value_stream` reads one stream: its steps in order, the activity of each, the hand-offs between
  them, its triggers and outcomes, and the warnings about it (from ``svco.validate.validate_store`` when
  that exists, else from the hand-off check ``views/handoff-warnings.rq``);
- :func:`to_mermaid`, :func:`to_dot` and :func:`render_svg` draw either.

The SPARQL behind it is in ``svco/views/*.rq``. SVG needs Graphviz's ``dot`` (Debian ``graphviz``).
"""

from __future__ import annotations

import html
import itertools
import re
import shutil
import subprocess
import textwrap
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

import pyoxigraph as ox

from svco.errors import SvcoError, UsageError
from svco.resources import NAMESPACE
from svco.store import PREFIXES, Store

#: Formats :func:`render` produces.
FORMATS = ("mermaid", "dot", "svg")

#: The activities in the order the diagrams place them (ITIL's picture: Plan on top, Improve below,
#: Engage to Deliver and support in the middle), and a colour for each (fill, border).
ORDER = ("Plan", "Engage", "DesignAndTransition", "ObtainBuild", "DeliverAndSupport", "Improve")
COLOURS = {
    "Plan": ("#dbe7f3", "#2f5f8f"),
    "Engage": ("#fde3c8", "#a65a0b"),
    "DesignAndTransition": ("#eadcf0", "#6d3f86"),
    "ObtainBuild": ("#f7efc6", "#7d6a08"),
    "DeliverAndSupport": ("#f8d7d8", "#9b2226"),
    "Improve": ("#d9eed6", "#2e6b28"),
}
_OTHER = ("#eeeeee", "#555555")
_SEVERITY_MARK = {"Violation": "\u2716", "Warning": "\u26a0", "Info": "\u2139"}
_FONT = "Helvetica"


class GraphvizError(SvcoError):
    """Graphviz (``dot``) is missing or failed to draw a diagram."""


# ------------------------------------------------------------------------------------------------ model
@dataclass
class Activity:
    """A value chain activity with its label and the labels of the practices that support it."""

    iri: str
    label: str
    practices: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        """The local name (``Plan``), used as node id."""
        return local_name(self.iri)


@dataclass
class FlowGroup:
    """The canonical flows from one activity (or external party) to another, as one edge."""

    source: str
    target: str
    artifacts: list[str]


@dataclass
class ValueChain:
    """What the value chain diagram draws."""

    activities: list[Activity]
    flows: list[FlowGroup]
    parties: dict[str, str]


@dataclass
class Step:
    """A value stream step, with what the diagram shows of it and the warnings about it."""

    iri: str
    position: int | None
    label: str
    activity: str | None
    practices: list[str] = field(default_factory=list)
    consumes: list[str] = field(default_factory=list)
    produces: list[str] = field(default_factory=list)
    performers: list[str] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class HandOff:
    """From one step to the next: the artifacts handed over, and whether the value chain foresees it."""

    source: str
    target: str
    artifacts: list[str]
    canonical: bool
    warning: str | None = None


@dataclass
class ValueStream:
    """What the value stream diagram draws."""

    iri: str
    label: str
    steps: list[Step]
    handoffs: list[HandOff]
    triggers: list[str]
    outcomes: list[str]
    warnings: list[tuple[str, str]] = field(default_factory=list)
    activity_labels: dict[str, str] = field(default_factory=dict)


# ------------------------------------------------------------------------------------------------ reading
@cache
def view(name: str) -> str:
    """The text of ``svco/views/NAME.rq``."""
    return (files("svco") / "views" / f"{name}.rq").read_text(encoding="utf-8")


def local_name(iri: str) -> str:
    """The part of an IRI after its last ``#`` or ``/``."""
    return re.split(r"[#/]", iri.rstrip("#/"))[-1] or iri


def _value(row: dict, name: str, default: str = "") -> str:
    term = row.get(name)
    return term.value if term is not None else default


def _split(row: dict, name: str) -> list[str]:
    return sorted(v for v in _value(row, name).split("|") if v)


def _activity_sort_key(iri: str) -> tuple[int, str]:
    name = local_name(iri)
    return (ORDER.index(name), name) if iri.startswith(NAMESPACE) and name in ORDER else (len(ORDER), iri)


def value_chain(store: Store) -> ValueChain:
    """Read the activities, their practices and the canonical flows (grouped per ordered pair) from ``store``."""
    activities = {
        _value(r, "activity"): Activity(_value(r, "activity"), _value(r, "label") or local_name(_value(r, "activity")))
        for r in store.rows(view("activities"))
    }
    for row in store.rows(view("practices")):
        activity = activities.get(_value(row, "activity"))
        label = _value(row, "label") or local_name(_value(row, "practice"))
        if activity is not None and label not in activity.practices:
            activity.practices.append(label)
    for activity in activities.values():
        activity.practices.sort()
    groups: dict[tuple[str, str], list[str]] = {}
    parties: dict[str, str] = {}
    for row in store.rows(view("flows")):
        party = _value(row, "party")
        if party:
            parties[party] = _value(row, "partyLabel") or local_name(party)
        source = _value(row, "from") or party
        target = _value(row, "to") or party
        if not source or not target:
            continue
        artifact = _value(row, "artifactLabel") or local_name(_value(row, "artifact"))
        artifacts = groups.setdefault((source, target), [])
        if artifact not in artifacts:
            artifacts.append(artifact)
    ordered = sorted(activities.values(), key=lambda a: _activity_sort_key(a.iri))
    flows = [FlowGroup(s, t, sorted(a)) for (s, t), a in sorted(groups.items())]
    return ValueChain(ordered, flows, parties)


def find_stream(store: Store, reference: str) -> tuple[str, str]:
    """The IRI and label of the value stream ``reference`` names: an IRI, a CURIE, or a label.

    A CURIE's prefix is matched against svco's prefixes, and otherwise the stream is found by its local
    name. Raises :class:`UsageError` when no stream or several match (listing the streams there are).
    """
    streams = [(_value(r, "stream"), _value(r, "label")) for r in store.rows(view("streams"))]
    ref = reference.strip().strip("<>")
    matches: list[tuple[str, str]] = [s for s in streams if s[0] == ref]
    if not matches and re.fullmatch(r"[A-Za-z][\w.-]*:[^/]\S*", ref):
        prefix, local = ref.split(":", 1)
        if prefix in PREFIXES:
            matches = [s for s in streams if s[0] == PREFIXES[prefix] + local]
        else:
            matches = [s for s in streams if local_name(s[0]) == local]
    if not matches:
        matches = [s for s in streams if s[1].casefold() == ref.casefold()]
    unique = sorted(set(matches))
    if len(unique) == 1:
        return unique[0]
    known = "; ".join(f"{label or local_name(iri)} <{iri}>" for iri, label in sorted(set(streams))[:10])
    if not unique:
        raise UsageError(
            f"no value stream {reference!r} in the models",
            hint=f"name one by IRI, CURIE or label: {known}" if streams else "give the model files that define it",
        )
    raise UsageError(
        f"{reference!r} names {len(unique)} value streams",
        hint="name it by its IRI: " + "; ".join(i for i, _ in unique),
    )


def _validator_warnings(store: Store) -> list | None:
    """The results of ``svco.validate.validate_store``, or None when that API is not there (yet)."""
    try:
        from svco.validate import validate_store  # type: ignore[import-not-found]
    except ImportError:
        return None
    return list(validate_store(store).results)


def value_stream(store: Store, reference: str) -> ValueStream:
    """Read the value stream ``reference`` names (see :func:`find_stream`) with its steps, hand-offs and warnings.

    Raises :class:`UsageError` when the stream is not found.
    """
    iri, label = find_stream(store, reference)
    binding = {"stream": ox.NamedNode(iri)}
    steps = []
    for row in store.rows(view("stream-steps"), binding):
        position = _value(row, "position")
        steps.append(
            Step(
                iri=_value(row, "step"),
                position=int(position) if position.lstrip("-").isdigit() else None,
                label=_value(row, "label") or local_name(_value(row, "step")),
                activity=_value(row, "activity") or None,
                practices=_split(row, "practices"),
                consumes=_split(row, "consumes"),
                produces=_split(row, "produces"),
                performers=_split(row, "performers"),
            )
        )
    steps.sort(key=lambda s: (s.position is None, s.position or 0, s.iri))
    chain = value_chain(store)
    labels = {a.iri: a.label for a in chain.activities}
    canonical = {(f.source, f.target): f.artifacts for f in chain.flows}
    handoffs = []
    for before, after in itertools.pairwise(steps):
        handed = sorted(set(before.produces) & set(after.consumes))
        same = before.activity == after.activity
        known = canonical.get((before.activity or "", after.activity or ""))
        handoffs.append(HandOff(before.iri, after.iri, handed, canonical=same or known is not None))
    stream = ValueStream(iri, label or local_name(iri), steps, handoffs, [], [], activity_labels=labels)
    for row in store.rows(view("stream-ends"), binding):
        text = _value(row, "label") or local_name(_value(row, "node"))
        (stream.triggers if _value(row, "kind") == "trigger" else stream.outcomes).append(text)
    _attach_warnings(store, stream)
    return stream


def _attach_warnings(store: Store, stream: ValueStream) -> None:
    by_step = {s.iri: s for s in stream.steps}
    results = _validator_warnings(store)
    if results is None:
        labels = stream.activity_labels
        for row in store.rows(view("handoff-warnings"), {"stream": ox.NamedNode(stream.iri)}):
            source, target = _value(row, "from"), _value(row, "to")
            message = (
                f"no canonical flow from {labels.get(source, local_name(source))} "
                f"to {labels.get(target, local_name(target))}"
            )
            step = by_step.get(_value(row, "next"))
            if step is not None:
                step.warnings.append(("Warning", message))
            for handoff in stream.handoffs:
                if handoff.source == _value(row, "step") and handoff.target == _value(row, "next"):
                    handoff.warning = message
        return
    for result in results:
        if result.stream not in (None, stream.iri) and result.focus not in by_step:
            continue
        step = by_step.get(result.step or "") or by_step.get(result.focus)
        if step is not None:
            step.warnings.append((result.severity, result.message))
        elif result.stream == stream.iri or result.focus == stream.iri:
            stream.warnings.append((result.severity, result.message))
    labels = stream.activity_labels
    activity_of = {s.iri: s.activity or "" for s in stream.steps}
    for handoff in stream.handoffs:
        if not handoff.canonical:
            source, target = activity_of[handoff.source], activity_of[handoff.target]
            names = labels.get(source, local_name(source)), labels.get(target, local_name(target))
            handoff.warning = f"no canonical flow from {names[0]} to {names[1]}"


# ------------------------------------------------------------------------------------------------ mermaid
def _mermaid_text(text: str) -> str:
    return html.escape(text, quote=False).replace('"', "#quot;")


def _wrap(items: list[str], width: int) -> list[str]:
    return textwrap.wrap(", ".join(items), width=width, break_on_hyphens=False) if items else []


def _node_id(iri: str) -> str:
    return re.sub(r"\W", "_", local_name(iri)) or "n"


def to_mermaid(diagram: ValueChain | ValueStream) -> str:
    """Mermaid flowchart text (renders on GitHub and in Markdown viewers)."""
    lines = ["flowchart TB" if isinstance(diagram, ValueChain) else "flowchart LR"]
    if isinstance(diagram, ValueChain):
        ids = {a.iri: _node_id(a.iri) for a in diagram.activities}
        for activity in diagram.activities:
            practices = "<br/>".join(_mermaid_text(line) for line in _wrap(activity.practices, 48))
            lines.append(
                f'    {ids[activity.iri]}["<b>{_mermaid_text(activity.label)}</b><br/><small>{practices}</small>"]'
            )
        for iri, label in sorted(diagram.parties.items()):
            ids[iri] = "ext_" + _node_id(iri)
            lines.append(f'    {ids[iri]}(["{_mermaid_text(label)}"])')
        for flow in diagram.flows:
            text = "<br/>".join(_mermaid_text(a) for a in flow.artifacts)
            lines.append(f'    {ids[flow.source]} -->|"{text}"| {ids[flow.target]}')
        for activity in diagram.activities:
            fill, stroke = COLOURS.get(activity.key, _OTHER)
            lines.append(f"    style {ids[activity.iri]} fill:{fill},stroke:{stroke},stroke-width:2px")
        for iri in diagram.parties:
            lines.append(f"    style {ids[iri]} fill:#f4f4f4,stroke:#888,stroke-dasharray: 4 3")
        return "\n".join(lines) + "\n"
    stream = diagram
    lines.insert(0, f"---\ntitle: {_mermaid_text(stream.label)}\n---")
    ids = {s.iri: f"s{i}" for i, s in enumerate(stream.steps, start=1)}
    for i, trigger in enumerate(stream.triggers, start=1):
        lines.append(f'    t{i}(["{_mermaid_text(trigger)}"])')
    for step in stream.steps:
        parts = [f"<b>{step.position or '?'}. {_mermaid_text(step.label)}</b>"]
        parts.append(f"<i>{_mermaid_text(stream.activity_labels.get(step.activity or '', 'no activity'))}</i>")
        if step.practices:
            parts.append("<small>practices: " + _mermaid_text(", ".join(step.practices)) + "</small>")
        for severity, message in step.warnings:
            parts.append(f"{_SEVERITY_MARK.get(severity, '!')} {_mermaid_text(message)}")
        lines.append(f'    {ids[step.iri]}["{"<br/>".join(parts)}"]')
    for i, outcome in enumerate(stream.outcomes, start=1):
        lines.append(f'    o{i}(["{_mermaid_text(outcome)}"])')
    if stream.steps:
        for i in range(1, len(stream.triggers) + 1):
            lines.append(f"    t{i} --> {ids[stream.steps[0].iri]}")
    for number, handoff in enumerate(stream.handoffs):
        label = "<br/>".join(_mermaid_text(a) for a in handoff.artifacts)
        if handoff.warning:
            label = (label + "<br/>" if label else "") + "\u26a0 " + _mermaid_text(handoff.warning)
        arrow = "-.->" if handoff.warning else "-->"
        text = f'|"{label}"|' if label else ""
        lines.append(f"    {ids[handoff.source]} {arrow}{text} {ids[handoff.target]}")
        if handoff.warning:
            lines.append(f"    linkStyle {len(stream.triggers) + number} stroke:#c0392b,stroke-width:2px")
    if stream.steps:
        for i in range(1, len(stream.outcomes) + 1):
            lines.append(f"    {ids[stream.steps[-1].iri]} --> o{i}")
    for step in stream.steps:
        fill, stroke = COLOURS.get(local_name(step.activity or ""), _OTHER)
        if step.warnings:
            stroke = "#c0392b"
        lines.append(f"    style {ids[step.iri]} fill:{fill},stroke:{stroke},stroke-width:2px")
    for i, (severity, message) in enumerate(stream.warnings, start=1):
        text = "<br/>".join(_mermaid_text(line) for line in textwrap.wrap(message, 60))
        lines.append(f'    w{i}["{_SEVERITY_MARK.get(severity, "!")} {severity}: {text}"]')
        lines.append(f"    style w{i} fill:#fdecea,stroke:#c0392b,color:#c0392b")
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------------------------ DOT
def _dot_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _h(text: str) -> str:
    return html.escape(text, quote=True)


def _graph_header(name: str, rankdir: str) -> list[str]:
    return [
        f"digraph {_dot_string(name)} {{",
        f'  graph [rankdir={rankdir}, fontname="{_FONT}", bgcolor="white", pad=0.3, nodesep=0.6, ranksep=0.9,'
        " splines=true, outputorder=edgesfirst];",
        f'  node [fontname="{_FONT}", fontsize=12];',
        f'  edge [fontname="{_FONT}", fontsize=10, arrowsize=0.8, penwidth=1.3];',
    ]


def to_dot(diagram: ValueChain | ValueStream) -> str:
    """Graphviz DOT text for the value chain or a value stream."""
    if isinstance(diagram, ValueChain):
        return _chain_dot(diagram)
    return _stream_dot(diagram)


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
    fill, stroke = COLOURS.get(activity.key, _OTHER)
    rows = [
        f'<TR><TD BGCOLOR="{fill}"><FONT POINT-SIZE="18" COLOR="{stroke}"><B>{_h(activity.label)}</B></FONT></TD></TR>'
    ]
    for flow in sorted(outgoing, key=lambda f: _activity_sort_key(f.target)):
        rows.append(
            f'<TR><TD PORT="{_node_id(flow.target)}" ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="11" COLOR="{stroke}">'
            f"<B>to {_h(names.get(flow.target, local_name(flow.target)))}:</B> "
            + "<BR/>".join(_h(line) for line in _wrap_flow(flow.artifacts, 60))
            + ""
            "</FONT></TD></TR>"
        )
    practices = "<BR/>".join(_h(line) for line in _wrap(activity.practices, 70))
    rows.append(
        f'<TR><TD BGCOLOR="#f6f6f6"><FONT POINT-SIZE="9" COLOR="#555555"><I>{len(activity.practices)} practices:'
        f"</I><BR/>{practices}</FONT></TD></TR>"
    )
    x, y = CHAIN_POSITIONS.get(activity.key, (0.0, 0.0))
    return (
        f'  {_node_id(activity.iri)} [shape=plain, id={_dot_string(activity.key)}, pos="{x},{y}!", label=<<TABLE'
        f' BORDER="2" COLOR="{stroke}" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3" BGCOLOR="white">{"".join(rows)}'
        "</TABLE>>];"
    )


def _chain_dot(chain: ValueChain) -> str:
    """The value chain laid out by neato with the activities pinned where ITIL's picture has them; each
    canonical flow group is an edge from the row naming its artifacts to the receiving activity."""
    lines = _graph_header("svco value chain", "TB")
    lines.append('  graph [layout=neato, overlap=true, splines=true, esep="+8"];')
    lines.append(
        '  labelloc=t; fontsize=24; label=<<B>The ITIL 4 service value chain</B><BR/><FONT POINT-SIZE="13">'
        "each row names what an activity hands to another; the arrow from that row leads there"
        " (arrow colour: the activity handing over)</FONT>>;"
    )
    names = {a.iri: a.label for a in chain.activities} | chain.parties
    ids = {a.iri: _node_id(a.iri) for a in chain.activities}
    for iri, label in sorted(chain.parties.items()):
        ids[iri] = "ext_" + _node_id(iri)
        x, y = CHAIN_POSITIONS.get(local_name(iri), (0.0, -12.0))
        lines.append(
            f'  {ids[iri]} [label={_dot_string(label)}, pos="{x},{y}!", shape=box, style="rounded,dashed,filled",'
            ' fillcolor="#f4f4f4", color="#888888", fontcolor="#444444", fontsize=14];'
        )
    activity_iris = {a.iri for a in chain.activities}
    for activity in chain.activities:
        outgoing = [f for f in chain.flows if f.source == activity.iri]
        lines.append(_chain_node(activity, outgoing, names))
    for flow in chain.flows:
        colour = COLOURS.get(local_name(flow.source), _OTHER)[1] if flow.source in activity_iris else "#888888"
        tail = f"{ids[flow.source]}:{_node_id(flow.target)}" if flow.source in activity_iris else ids[flow.source]
        if flow.source in activity_iris:
            tooltip = ""
        else:
            tooltip = f', label={_dot_string(chr(10).join(flow.artifacts))}, fontcolor="#666666"'
        lines.append(f'  {tail} -> {ids[flow.target]} [color="{colour}"{tooltip}];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def _stream_dot(stream: ValueStream) -> str:
    lines = _graph_header(stream.label, "LR")
    title = f"<B>{_h(stream.label)}</B>"
    if stream.warnings:
        notes = ""
        for severity, message in stream.warnings:
            wrapped = textwrap.wrap(f"{_SEVERITY_MARK.get(severity, '!')} {message}", 110)
            notes += '<BR/><FONT COLOR="#c0392b">' + "<BR/>".join(_h(x) for x in wrapped) + "</FONT>"
        title += f'<FONT POINT-SIZE="11">{notes}</FONT>'
    lines.append(f"  labelloc=t; fontsize=18; label=<{title}>;")
    ids = {s.iri: f"s{i}" for i, s in enumerate(stream.steps, start=1)}
    for i, trigger in enumerate(stream.triggers, start=1):
        lines.append(
            f'  t{i} [label={_dot_string(trigger)}, shape=cds, style=filled, fillcolor="#f4f4f4", color="#777777"];'
        )
    for i, outcome in enumerate(stream.outcomes, start=1):
        lines.append(
            f'  o{i} [label={_dot_string(outcome)}, shape=doubleoctagon, style=filled, fillcolor="#f4f4f4",'
            ' color="#777777"];'
        )
    for step in stream.steps:
        key = local_name(step.activity or "")
        fill, stroke = COLOURS.get(key, _OTHER)
        activity = stream.activity_labels.get(step.activity or "", "no activity")
        border = "#c0392b" if step.warnings else stroke
        rows = [
            f'<TR><TD BGCOLOR="{fill}"><FONT COLOR="{stroke}"><B>{step.position or "?"}  {_h(activity)}</B></FONT>'
            "</TD></TR>",
            f'<TR><TD><FONT POINT-SIZE="13"><B>{_h(step.label)}</B></FONT></TD></TR>',
        ]
        for name, items in (
            ("practices", step.practices),
            ("consumes", step.consumes),
            ("produces", step.produces),
            ("by", step.performers),
        ):
            if items:
                text = "<BR/>".join(_h(line) for line in _wrap(items, 34))
                rows.append(
                    f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="9" COLOR="#444444"><I>{name}:</I> '
                    f"{text}</FONT></TD></TR>"
                )
        for severity, message in step.warnings:
            text = "<BR/>".join(
                _h(line) for line in textwrap.wrap(f"{_SEVERITY_MARK.get(severity, '!')} {message}", 36)
            )
            rows.append(f'<TR><TD BGCOLOR="#fdecea"><FONT POINT-SIZE="10" COLOR="#c0392b">{text}</FONT></TD></TR>')
        label = (
            f'<<TABLE BORDER="2" COLOR="{border}" CELLBORDER="0" CELLSPACING="0" CELLPADDING="5">{"".join(rows)}'
            "</TABLE>>"
        )
        lines.append(f"  {ids[step.iri]} [shape=plain, id={_dot_string(local_name(step.iri))}, label={label}];")
    if stream.steps:
        first, last = ids[stream.steps[0].iri], ids[stream.steps[-1].iri]
        for i in range(1, len(stream.triggers) + 1):
            lines.append(f'  t{i} -> {first} [color="#777777"];')
        for i in range(1, len(stream.outcomes) + 1):
            lines.append(f'  {last} -> o{i} [color="#777777"];')
    for handoff in stream.handoffs:
        text = "\n".join(handoff.artifacts)
        if handoff.warning:
            text = (text + "\n" if text else "") + "\u26a0 " + "\n".join(textwrap.wrap(handoff.warning, 28))
            style = 'color="#c0392b", fontcolor="#c0392b", style=dashed, penwidth=2'
        else:
            style = 'color="#444444", fontcolor="#333333"'
        lines.append(f"  {ids[handoff.source]} -> {ids[handoff.target]} [label={_dot_string(text)}, {style}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------------------------ SVG
def dot_executable() -> str:
    """Graphviz's ``dot``; :class:`GraphvizError` if it is not installed."""
    dot = shutil.which("dot")
    if not dot:
        raise GraphvizError(
            "Graphviz is not installed (no `dot` on the PATH)",
            hint="apt-get install graphviz, or use --format mermaid or dot",
        )
    return dot


def render_svg(dot_text: str, fmt: str = "svg") -> bytes:
    """Lay out DOT text with Graphviz and return the picture (``svg``, or ``png`` for a quick look).

    Raises :class:`GraphvizError` when Graphviz is missing or fails.
    """
    try:
        done = subprocess.run(
            [dot_executable(), f"-T{fmt}"], input=dot_text.encode("utf-8"), capture_output=True, timeout=120
        )
    except subprocess.TimeoutExpired:
        raise GraphvizError("Graphviz took more than 120 s to draw the diagram") from None
    if done.returncode != 0:
        raise GraphvizError(f"Graphviz failed: {done.stderr.decode('utf-8', 'replace').strip()[:500]}")
    return done.stdout


def render(store: Store, stream: str | None = None, fmt: str = "mermaid") -> bytes:
    """The value chain (or the value stream ``stream`` names) as Mermaid, DOT or SVG bytes.

    Raises :class:`UsageError` for an unknown format or stream, :class:`GraphvizError` for SVG without Graphviz.
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown diagram format {fmt!r}", hint=f"use one of: {', '.join(FORMATS)}")
    diagram: ValueChain | ValueStream = value_stream(store, stream) if stream else value_chain(store)
    if fmt == "mermaid":
        return to_mermaid(diagram).encode("utf-8")
    dot_text = to_dot(diagram)
    return dot_text.encode("utf-8") if fmt == "dot" else render_svg(dot_text)
