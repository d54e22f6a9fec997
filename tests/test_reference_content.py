"""The reference content: six activities, 34 practices in their categories, seed 001's pairings."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from svco.namespace import SVC

ACTIVITIES = {
    SVC.Plan: "Plan",
    SVC.Improve: "Improve",
    SVC.Engage: "Engage",
    SVC.DesignAndTransition: "Design and transition",
    SVC.ObtainBuild: "Obtain/build",
    SVC.DeliverAndSupport: "Deliver and support",
}

GENERAL = [
    "Architecture management", "Continual improvement", "Information security management",
    "Knowledge management", "Measurement and reporting", "Organizational change management",
    "Portfolio management", "Project management", "Relationship management", "Risk management",
    "Service financial management", "Strategy management", "Supplier management",
    "Workforce and talent management",
]  # fmt: skip
SERVICE = [
    "Availability management", "Business analysis", "Capacity and performance management",
    "Change enablement", "Incident management", "IT asset management", "Monitoring and event management",
    "Problem management", "Release management", "Service catalogue management",
    "Service configuration management", "Service continuity management", "Service design", "Service desk",
    "Service level management", "Service request management", "Service validation and testing",
]  # fmt: skip
TECHNICAL = ["Deployment management", "Infrastructure and platform management", "Software development and management"]

# Seed 001, "Practices Supporting ...", as the seed writes the names.
SEED_001_PAIRINGS = {
    "Plan": ["Strategy management", "Portfolio management", "Architecture management", "Financial management",
             "Risk management"],
    "Improve": ["Continual improvement", "Measurement and reporting", "Organizational change management"],
    "Engage": ["Relationship management", "Service desk", "Service catalog management", "Supplier management"],
    "Design and transition": ["Service design", "Change enablement", "Release management",
                              "Service validation and testing", "Knowledge management"],
    "Obtain/build": ["Software development and management", "Infrastructure and platform management",
                     "Deployment management", "Supplier management"],
    "Deliver and support": ["Incident management", "Service desk", "Service request management",
                            "Problem management", "Monitoring and event management", "IT asset management"],
}  # fmt: skip


def _rows(store, query, **bindings):
    return [{k: v.value for k, v in row.items()} for row in store.rows(query, bindings)]


def test_exactly_six_activities_with_their_labels_and_purposes(reference_store):
    rows = _rows(
        reference_store,
        """SELECT ?a ?label ?purpose WHERE {
             ?a a svc:ValueChainActivity ; rdfs:label ?label ; svc:purpose ?purpose }""",
    )
    assert {r["a"]: r["label"] for r in rows} == {str(k): v for k, v in ACTIVITIES.items()}
    assert len(rows) == 6, "each activity has exactly one label and one purpose"


@pytest.mark.parametrize("activity", list(ACTIVITIES))
def test_activity_has_objectives_decisions_and_signal_words(reference_store, activity):
    for prop in ("keyObjective", "keyDecision", "signalWord"):
        rows = _rows(reference_store, f"SELECT ?v WHERE {{ ?a svc:{prop} ?v }}", a=ox.NamedNode(str(activity)))
        assert rows, f"{activity} has no svc:{prop}"


def test_signal_words_of_seed_004(reference_store):
    rows = _rows(reference_store, "SELECT ?word ?label WHERE { ?a svc:signalWord ?word ; rdfs:label ?label }")
    words = {(r["word"], r["label"]) for r in rows}
    for word, label in [
        ("strategy", "Plan"), ("roadmap", "Plan"), ("portfolio", "Plan"), ("future improvement", "Improve"),
        ("relationships", "Engage"), ("design", "Design and transition"), ("release", "Design and transition"),
        ("build", "Obtain/build"), ("procure", "Obtain/build"), ("operate", "Deliver and support"),
        ("fix", "Deliver and support"),
    ]:  # fmt: skip
        assert (word, label) in words


@pytest.mark.parametrize(
    ("category", "names"),
    [("GeneralManagementPractice", GENERAL), ("ServiceManagementPractice", SERVICE),
     ("TechnicalManagementPractice", TECHNICAL)],
)  # fmt: skip
def test_practices_by_category(reference_store, category, names):
    rows = _rows(reference_store, f"SELECT ?label WHERE {{ ?p a svc:{category} ; rdfs:label ?label }}")
    assert sorted(r["label"] for r in rows) == sorted(names)


def test_34_practices_in_all(reference_store):
    rows = _rows(reference_store, "SELECT DISTINCT ?p WHERE { ?p a/rdfs:subClassOf svc:Practice }")
    assert len(rows) == 14 + 17 + 3 == 34


@pytest.mark.parametrize("activity", list(SEED_001_PAIRINGS))
def test_every_seed_001_pairing(reference_store, activity):
    rows = _rows(
        reference_store,
        """SELECT ?name WHERE {
             ?a rdfs:label ?activity .
             ?p svc:supportsActivity ?a .
             { ?p rdfs:label ?name } UNION { ?p skos:altLabel ?name }
           }""",
        activity=ox.Literal(activity, language="en"),
    )
    supported = {r["name"] for r in rows}
    missing = [name for name in SEED_001_PAIRINGS[activity] if name not in supported]
    assert not missing, f"{activity} lacks {missing}"


def test_seed_spellings_kept_as_alt_labels(reference_store):
    rows = _rows(
        reference_store,
        "SELECT ?label ?alt WHERE { ?p skos:altLabel ?alt ; rdfs:label ?label ; a/rdfs:subClassOf svc:Practice }",
    )
    pairs = {(r["alt"], r["label"]) for r in rows}
    assert ("Financial management", "Service financial management") in pairs
    assert ("Service catalog management", "Service catalogue management") in pairs


def test_every_practice_supports_an_activity_and_cites_its_source(reference_store):
    rows = _rows(
        reference_store,
        """SELECT ?p WHERE { ?p a/rdfs:subClassOf svc:Practice .
             FILTER NOT EXISTS { ?p svc:supportsActivity ?a . ?p dcterms:source ?s } }""",
    )
    assert rows == []


def test_every_flow_is_well_formed(reference_store):
    """One artifact; both ends are activities, or the missing end is named as an external party."""
    bad = _rows(
        reference_store,
        """SELECT ?f WHERE { ?f a svc:Flow .
             OPTIONAL { ?f svc:fromActivity ?from } OPTIONAL { ?f svc:toActivity ?to }
             OPTIONAL { ?f svc:externalParty ?party }
             { SELECT ?f (COUNT(?art) AS ?n) WHERE { ?f a svc:Flow . OPTIONAL { ?f svc:carries ?art } } GROUP BY ?f }
             FILTER(?n != 1 || (!BOUND(?from) && !BOUND(?to)) || ((!BOUND(?from) || !BOUND(?to)) && !BOUND(?party))
                    || (BOUND(?from) && BOUND(?to) && BOUND(?party)) || (BOUND(?from) && ?from = ?to))
           }""",
    )
    assert bad == []
