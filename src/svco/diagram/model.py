"""What the diagrams draw, read from the store: the value chain and one value stream.

- :func:`value_chain` reads the six activities, the practices that support each and the canonical flows
  (grouped per ordered pair of activities or external party);
- :func:`value_stream` reads one stream: its steps by position (steps that run in parallel share a
  position), the activity of each, the hand-offs from every step of one position to every step of the
  next, its triggers and outcomes, and the warnings about it (from ``svco.validate.validate_store``, or
  the hand-off check ``views/handoff-warnings.rq`` when that is not available).

The SPARQL behind it is in ``svco/views/*.rq``.
"""

from __future__ import annotations

import itertools
import re
import textwrap
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

import pyoxigraph as ox

from svco.errors import UsageError
from svco.resources import NAMESPACE
from svco.store import PREFIXES, Store

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
OTHER = ("#eeeeee", "#555555")
SEVERITY_MARK = {"Violation": "\u2716", "Warning": "\u26a0", "Info": "\u2139"}


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
class Exchange:
    """What two activities hand each other: one arrow of the overview, with the artifacts each way."""

    first: str
    second: str
    forward: list[str]
    backward: list[str]

    @property
    def count(self) -> int:
        """How many artifact types pass between the two, either way."""
        return len(set(self.forward) | set(self.backward))


@dataclass
class ValueChain:
    """What the value chain diagram draws."""

    activities: list[Activity]
    flows: list[FlowGroup]
    parties: dict[str, str]

    def exchanges(self) -> list[Exchange]:
        """One :class:`Exchange` per pair of activities that hand each other anything, in the diagram order."""
        groups = {(f.source, f.target): f.artifacts for f in self.flows}
        found = []
        for first, second in itertools.combinations([a.iri for a in self.activities], 2):
            forward, backward = groups.get((first, second), []), groups.get((second, first), [])
            if forward or backward:
                found.append(Exchange(first, second, forward, backward))
        return found

    def boundary(self) -> list[FlowGroup]:
        """The flow groups that cross the value chain's edge (from or to an external party)."""
        return [f for f in self.flows if f.source in self.parties or f.target in self.parties]


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

    @property
    def ranks(self) -> list[list[Step]]:
        """The steps grouped by position, in order: one list per position, parallel steps side by side."""
        return [list(group) for _, group in itertools.groupby(self.steps, key=lambda s: s.position)]


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


def activity_sort_key(iri: str) -> tuple[int, str]:
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
    ordered = sorted(activities.values(), key=lambda a: activity_sort_key(a.iri))
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


def validator_results(store: Store) -> list | None:
    """The results of ``svco.validate.validate_store``, or None when that API is not there (yet)."""
    try:
        from svco.validate import validate_store  # type: ignore[import-not-found]
    except ImportError:
        return None
    return list(validate_store(store).results)


def value_stream(
    store: Store, reference: str, *, chain: ValueChain | None = None, results: list | None = None
) -> ValueStream:
    """Read the value stream ``reference`` names (see :func:`find_stream`) with its steps, hand-offs and warnings.

    ``chain`` (from :func:`value_chain`) and ``results`` (from :func:`validator_results`) may be passed
    when several streams of one store are read, so they are computed once. Raises :class:`UsageError`
    when the stream is not found.
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
    chain = chain or value_chain(store)
    labels = {a.iri: a.label for a in chain.activities}
    canonical = {(f.source, f.target): f.artifacts for f in chain.flows}
    stream = ValueStream(iri, label or local_name(iri), steps, [], [], [], activity_labels=labels)
    for earlier, later in itertools.pairwise(stream.ranks):
        for before, after in itertools.product(earlier, later):
            handed = sorted(set(before.produces) & set(after.consumes))
            same = before.activity == after.activity
            known = canonical.get((before.activity or "", after.activity or ""))
            stream.handoffs.append(HandOff(before.iri, after.iri, handed, canonical=same or known is not None))
    for row in store.rows(view("stream-ends"), binding):
        text = _value(row, "label") or local_name(_value(row, "node"))
        (stream.triggers if _value(row, "kind") == "trigger" else stream.outcomes).append(text)
    _attach_warnings(store, stream, results if results is not None else validator_results(store))
    return stream


def _attach_warnings(store: Store, stream: ValueStream, results: list | None) -> None:
    """Put the validator's results (or, without the validator, the hand-off check's) on the stream's steps."""
    by_step = {s.iri: s for s in stream.steps}
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


def wrap(items: list[str], width: int) -> list[str]:
    """``items`` joined by commas and wrapped to ``width`` columns."""
    return textwrap.wrap(", ".join(items), width=width, break_on_hyphens=False) if items else []


def node_id(iri: str) -> str:
    """A node id for DOT and Mermaid: the IRI's local name with non-word characters replaced."""
    return re.sub(r"\W", "_", local_name(iri)) or "n"
