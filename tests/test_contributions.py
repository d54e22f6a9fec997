"""Qualified practice contributions, chief outputs and broadcast flows in the reference content (issue 10)."""

from __future__ import annotations

import re

import pytest

from svco.namespace import SVC
from tests.test_reference_content import SEED_001_PAIRINGS


def _rows(store, query: str, **bindings) -> list[dict[str, str]]:
    return [{k: v.value for k, v in row.items()} for row in store.rows(query, bindings)]


def test_key_contributions_are_exactly_seed_001s_lists(reference_store):
    rows = _rows(
        reference_store,
        """SELECT ?activity ?name WHERE {
             ?p svc:hasContribution ?c .
             ?c svc:contributionLevel svc:KeyContribution ; svc:contributesTo ?a .
             ?a rdfs:label ?activity .
             { ?p rdfs:label ?name } UNION { ?p skos:altLabel ?name }
           }""",
    )
    got = {(r["activity"], r["name"]) for r in rows}
    expected = {(a, n) for a, names in SEED_001_PAIRINGS.items() for n in names}
    assert expected <= got
    key_pairs = _rows(
        reference_store,
        "SELECT ?c WHERE { ?c svc:contributionLevel svc:KeyContribution }",
    )
    assert len(key_pairs) == len(expected) == 27


def test_supports_activity_is_the_shortcut_of_the_contributions(reference_store):
    """Every contribution implies svc:supportsActivity (the property chain) and every shortcut has its contribution."""
    contributions = _rows(reference_store, "SELECT ?p ?a WHERE { ?p svc:hasContribution/svc:contributesTo ?a }")
    shortcuts = _rows(reference_store, "SELECT ?p ?a WHERE { ?p svc:supportsActivity ?a }")
    assert {(r["p"], r["a"]) for r in contributions} == {(r["p"], r["a"]) for r in shortcuts}
    assert len(shortcuts) == 150


def test_the_chain_axiom_states_the_shortcut(reference_store):
    rows = _rows(
        reference_store,
        "SELECT ?first ?second WHERE { svc:supportsActivity owl:propertyChainAxiom (?first ?second) }",
    )
    assert rows == [{"first": str(SVC.hasContribution), "second": str(SVC.contributesTo)}]


def test_every_contribution_has_one_practice_activity_level_and_a_source(reference_store):
    bad = _rows(
        reference_store,
        """SELECT ?c WHERE {
             ?c a svc:PracticeContribution .
             OPTIONAL { ?p1 svc:hasContribution ?c } OPTIONAL { ?c svc:contributesTo ?a }
             OPTIONAL { ?c svc:contributionLevel ?l } OPTIONAL { ?c dcterms:source ?s }
           } GROUP BY ?c
           HAVING (COUNT(DISTINCT ?p1) != 1 || COUNT(DISTINCT ?a) != 1 || COUNT(DISTINCT ?l) != 1 || COUNT(?s) = 0)""",
    )
    assert bad == []
    sources = _rows(
        reference_store,
        "SELECT ?level ?s WHERE { ?c svc:contributionLevel ?level ; dcterms:source ?s }",
    )
    for r in sources:
        pattern = r"^Seed 00[01] l\.\d+: " if r["level"] == str(SVC.KeyContribution) else r"^Reading: "
        assert re.match(pattern, r["s"]), r


def test_chief_outputs_cite_the_seed(reference_store):
    rows = _rows(
        reference_store,
        """SELECT ?p ?artifactLabel ?comment WHERE {
             ?p svc:chieflyProduces ?artifact . ?artifact rdfs:label ?artifactLabel .
             OPTIONAL { ?p rdfs:comment ?comment
                        FILTER(STRSTARTS(?comment, CONCAT("Chiefly produces ", ?artifactLabel))) }
           }""",
    )
    assert len({r["p"] for r in rows}) >= 15
    assert all(re.search(r"seed 00\d l\.\d+", r.get("comment", "")) for r in rows), rows


DIRECTED = """SELECT DISTINCT ?from ?to WHERE {
  ?f svc:fromActivity ?from ; svc:toActivity ?to . FILTER NOT EXISTS { ?f a svc:BroadcastFlow } }"""


@pytest.mark.parametrize(
    ("source", "target", "directed"),
    [(SVC.DeliverAndSupport, SVC.Plan, True), (SVC.Plan, SVC.DeliverAndSupport, False), (SVC.Plan, SVC.Improve, False)],
)
def test_directed_hand_offs(reference_store, source, target, directed):
    pairs = {(r["from"], r["to"]) for r in _rows(reference_store, DIRECTED)}
    assert ((str(source), str(target)) in pairs) is directed


def test_broadcast_flows_are_those_no_seed_line_directs(reference_store):
    """A flow is broadcast exactly when none of its seed statements names both ends (an output "for"/"to" an
    activity, or an input "from" one, other than "all value chain activities"). Seed 002's flows only: the one
    flow seed 001 asks for (Deliver and support to Plan) quotes a "don't", and is directed."""
    rows = _rows(
        reference_store,
        """SELECT ?f ?s ?broadcast WHERE {
             ?f svc:fromActivity ?a ; svc:toActivity ?b ; svc:seedStatement ?s ;
               dcterms:source <https://w3id.org/svco/source/seed-002> .
             BIND(EXISTS { ?f a svc:BroadcastFlow } AS ?broadcast) }""",
    )
    directed: dict[str, bool] = {}
    broadcast: dict[str, bool] = {}
    for r in rows:
        head, _, body = r["s"].partition(": ")
        named = "all value chain" not in body and (
            (head.endswith(" output") and re.search(r"\b(for|to)\b", body) is not None)
            or (head.endswith(" input") and re.search(r"\bfrom\b", body) is not None)
        )
        directed[r["f"]] = directed.get(r["f"], False) or named
        broadcast[r["f"]] = r["broadcast"] == "true"
    assert {f for f, d in directed.items() if not d} == {f for f, b in broadcast.items() if b}
    assert sum(broadcast.values()) == 14


def test_broadcast_flows_are_flows(reference_store):
    query = "SELECT ?f WHERE { ?f a svc:BroadcastFlow FILTER NOT EXISTS { ?f a svc:Flow } }"
    assert _rows(reference_store, query) == []
