"""The data behind the docs' explorer: what the page's script shows when an activity, an arrow or a value
stream is picked, as one JSON document embedded in the page (``<script type="application/json">``), so the
page works from ``file://`` with no server and no network.

- ``activities``: key (the IRI fragment, also the anchor on the page), label, colours, purpose, and the
  practices that support it with how much: how many of the six activities each supports (a specialist
  or a generalist) and how many steps of the loaded value streams use it in that activity;
- ``flows``: every canonical flow with its ends (an activity key, or an external party's label), the
  artifact type and the seed documents' wording (``svc:seedStatement``);
- ``streams``: every value stream of the loaded models with its steps by position, hand-offs and warnings
  (read by :func:`svco.diagram.value_stream`, so the explorer says what ``svco diagram STREAM`` draws).
"""

from __future__ import annotations

import json

from svco.diagram import COLOURS, ValueChain, local_name, value_stream, view
from svco.diagram.model import OTHER, validator_results
from svco.resources import NAMESPACE
from svco.store import Store


def _v(row: dict, name: str) -> str:
    term = row.get(name)
    return term.value if term is not None else ""


def _key(iri: str) -> str:
    """An activity's key: its IRI fragment for svco's activities, else the whole IRI."""
    return iri[len(NAMESPACE) :] if iri.startswith(NAMESPACE) else iri


def explorer_data(store: Store, chain: ValueChain) -> dict:
    """What the explorer shows, read from ``store`` (reference ontology and any models)."""
    names = {a.iri: a.label for a in chain.activities}
    supported: dict[str, set[str]] = {}
    practice_label: dict[str, str] = {}
    for row in store.rows(view("practices")):
        practice = _v(row, "practice")
        practice_label[practice] = _v(row, "label") or local_name(practice)
        if _v(row, "activity"):
            supported.setdefault(practice, set()).add(_v(row, "activity"))
    use = {(_v(r, "practice"), _v(r, "activity")): int(_v(r, "steps") or 0) for r in store.rows(view("practice-use"))}
    activities = []
    for activity in chain.activities:
        fill, stroke = COLOURS.get(activity.key, OTHER)
        practices = [
            {
                "label": practice_label[p],
                "anchor": _key(p),
                "activities": len(supported[p]),
                "steps": use.get((p, activity.iri), 0),
            }
            for p in supported
            if activity.iri in supported[p]
        ]
        practices.sort(key=lambda p: (-p["steps"], p["activities"], p["label"].casefold()))
        activities.append(
            {"key": _key(activity.iri), "label": activity.label, "fill": fill, "stroke": stroke, "practices": practices}
        )
    seeds = {_v(r, "flow"): sorted(s for s in _v(r, "seeds").split("|") if s) for r in store.rows(view("flow-seeds"))}
    flows = []
    for row in store.rows(view("flows")):
        flow, party = _v(row, "flow"), _v(row, "partyLabel") or local_name(_v(row, "party"))
        source, target = _v(row, "from"), _v(row, "to")
        flows.append(
            {
                "anchor": _key(flow),
                "from": _key(source) if source in names else None,
                "to": _key(target) if target in names else None,
                "party": party if not (source and target) else None,
                "artifact": _v(row, "artifactLabel") or local_name(_v(row, "artifact")),
                "artifactAnchor": _key(_v(row, "artifact")),
                "seeds": seeds.get(flow, []),
            }
        )
    return {"activities": activities, "flows": flows, "streams": _streams(store, chain)}


def _streams(store: Store, chain: ValueChain) -> list[dict]:
    """Every value stream in the store, as the explorer overlays it on the chain (validated once for all)."""
    found = []
    rows = store.rows(view("streams"))
    results = validator_results(store) if rows else None
    for row in rows:
        stream = value_stream(store, _v(row, "stream"), chain=chain, results=results)
        index = {s.iri: i for i, s in enumerate(stream.steps)}
        found.append(
            {
                "iri": stream.iri,
                "label": stream.label,
                "triggers": stream.triggers,
                "outcomes": stream.outcomes,
                "warnings": [list(w) for w in stream.warnings],
                "steps": [
                    {
                        "label": s.label,
                        "position": s.position,
                        "activity": _key(s.activity) if s.activity else None,
                        "practices": s.practices,
                        "warnings": [list(w) for w in s.warnings],
                    }
                    for s in stream.steps
                ],
                "handoffs": [
                    {
                        "from": index[h.source],
                        "to": index[h.target],
                        "artifacts": h.artifacts,
                        "warning": h.warning,
                    }
                    for h in stream.handoffs
                ],
            }
        )
    return found


def explorer_json(data: dict) -> str:
    """``data`` as JSON safe to embed in ``<script type="application/json">`` (no ``</script>`` can end it)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
