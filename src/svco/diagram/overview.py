"""The value chain overview in DOT: six boxes where people know them, one arrow per pair of activities.

Laid out by Graphviz's ``neato`` with every node pinned: Plan above, Design and transition and Obtain/build
in the middle, Engage on the left facing demand, Deliver and support on the right handing out value, and
Improve below alongside all of them. External parties stand at the edge beside the activity they deal with.
Each arrow between two activities says how many artifact types they hand each other (its thickness
grows with them); its tooltip lists them. The full lists are in ``--detail`` and the docs' explorer.
"""

from __future__ import annotations

import textwrap

from svco.diagram.dot import dot_string, graph_header, h
from svco.diagram.model import COLOURS, OTHER, ValueChain, local_name, node_id

#: Where each activity is pinned (inches, y up), by local name.
POSITIONS = {
    "Plan": (0.0, 4.4),
    "DesignAndTransition": (-2.6, 2.0),
    "ObtainBuild": (2.6, 2.0),
    "Engage": (-5.0, -0.4),
    "DeliverAndSupport": (5.0, -0.4),
    "Improve": (0.0, -1.9),
}
#: Which way from its activity an external party is drawn (dx, dy in inches), by the activity's local name.
_OUTSIDE = {"Plan": (0.0, 1.5), "Engage": (-3.5, 0.7), "DeliverAndSupport": (3.5, 0.7)}
_LEGEND = (
    "Demand comes in on the left, value goes out on the right. An arrow joins two activities that hand each "
    "other artifacts; its number says how many kinds (thicker = more). svco diagram --detail, or the "
    "explorer of svco docs, lists them."
)


def overview_dot(chain: ValueChain) -> str:
    """DOT for the overview (lay out with ``neato -n``-style pinned positions; ``dot -Tsvg`` honours them)."""
    lines = graph_header("svco value chain", "TB")
    lines.append('  graph [layout=neato, splines=true, overlap=true, sep="+12", pad=0.3, size="14,9.8"];')
    legend = "<BR/>".join(h(line) for line in textwrap.wrap(_LEGEND, 110))
    lines.append(
        '  labelloc=t; fontsize=22; label=<<B>The ITIL 4 service value chain</B><BR/><FONT POINT-SIZE="14" '
        f'COLOR="#555555">{legend}</FONT>>;'
    )
    names = {a.iri: a.label for a in chain.activities}
    for activity in chain.activities:
        fill, stroke = COLOURS.get(activity.key, OTHER)
        x, y = POSITIONS.get(activity.key, (0.0, -3.5))
        label = (
            f'<<FONT POINT-SIZE="20" COLOR="{stroke}"><B>{h(activity.label)}</B></FONT><BR/>'
            f'<FONT POINT-SIZE="12" COLOR="#555555">{len(activity.practices)} practices</FONT>>'
        )
        lines.append(
            f'  {node_id(activity.iri)} [id={dot_string("chain-" + activity.key)}, class="activity", pos="{x},{y}!", '
            "shape=box, "
            f'style="rounded,filled", fillcolor="{fill}", color="{stroke}", penwidth=2.5, width=2.6, height=1.0, '
            f"margin=0.15, label={label}, tooltip={dot_string(activity.label)}];"
        )
    placed: dict[str, int] = {}
    for flow in chain.boundary():
        outgoing = flow.source in names
        activity, party = (flow.source, flow.target) if outgoing else (flow.target, flow.source)
        key = f"party_{node_id(party)}_{node_id(activity)}"
        if key not in placed:
            placed[key] = sum(1 for k in placed if k.endswith("_" + node_id(activity)))
            ax, ay = POSITIONS.get(local_name(activity), (0.0, -3.5))
            dx, dy = _OUTSIDE.get(local_name(activity), (0.0, -1.4))
            shift = placed[key] * 1.5
            x, y = (ax + dx, ay + dy - shift) if dx else (ax + dx + shift * 2, ay + dy)
            lines.append(
                f'  {key} [label={dot_string(chain.parties[party])}, pos="{x:.2f},{y:.2f}!", shape=box, '
                'style="rounded,dashed,filled", fillcolor="#f4f4f4", color="#888888", fontcolor="#333333", '
                "fontsize=16, width=1.9];"
            )
        text = "\n".join(textwrap.wrap("; ".join(flow.artifacts), 24))
        tail, head = (node_id(activity), key) if outgoing else (key, node_id(activity))
        lines.append(
            f'  {tail} -> {head} [color="#777777", fontcolor="#444444", fontsize=13, penwidth=1.6, '
            f"label={dot_string(text)}];"
        )
    for exchange in chain.exchanges():
        first, second = exchange.first, exchange.second
        if not exchange.forward:
            first, second = second, first
        both = exchange.forward and exchange.backward
        tooltip = "\n".join(
            f"{names[a]} \u2192 {names[b]}: {'; '.join(items)}"
            for a, b, items in ((first, second, exchange.forward), (second, first, exchange.backward))
            if items
        )
        width = 1.0 + 0.5 * exchange.count
        lines.append(
            f'  {node_id(first)} -> {node_id(second)} [id="edge-{local_name(first)}-{local_name(second)}", '
            'class="exchange", '
            f'dir={"both" if both else "forward"}, color="#5b6b7b", '
            f"penwidth={width:.1f}, arrowsize=0.7, label=<<B> {exchange.count} </B>>, fontsize=16, "
            f'fontcolor="#1f2328", tooltip={dot_string(tooltip)}, labeltooltip={dot_string(tooltip)}];'
        )
    lines.append("}")
    return "\n".join(lines) + "\n"
