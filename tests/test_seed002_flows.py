"""Seed 002, line by line: every example input and output is a flow with the right ends and artifact.

The table is written from the seed text. Activities: P Plan, I Improve, E Engage, DT Design and transition,
OB Obtain/build, DS Deliver and support; external parties by name. Readings the ontology takes (recorded in
its skos:editorialNote annotations) are marked "reading:" here too.
"""

from __future__ import annotations

import pytest

P, I, E, DT, OB, DS = "Plan", "Improve", "Engage", "DesignAndTransition", "ObtainBuild", "DeliverAndSupport"  # noqa: E741
ALL = [P, I, E, DT, OB, DS]


def others(activity):
    return [a for a in ALL if a != activity]


# (activity whose list it is, the seed line, expected flows as (from, to, artifact type))
SEED_002 = [
    # ---- Plan: example inputs
    (P, "Policies, requirements, and constraint details", [("GoverningBody", P, "PoliciesRequirementsAndConstraints")]),
    (P, "Demands and opportunities from Engage", [(E, P, "DemandAndOpportunities")]),
    (P, "Third-party service component information from Engage",
     [(E, P, "ThirdPartyServiceComponentInformation")]),
    # reading: what Obtain/build sends is service component information
    (P, "New and changed products and services information from Design and transition and Obtain/Build",
     [(DT, P, "NewAndChangedProductsAndServicesInformation"), (OB, P, "NewAndChangedServiceComponentInformation")]),
    (P, "Value chain performance and improvement information from Improve",
     [(I, P, "ValueChainPerformanceInformation"), (I, P, "ImprovementInitiatives"),
      (I, P, "ImprovementStatusReports")]),
    # ---- Plan: example outputs
    (P, "Strategic, tactical, and operational plans",  # reading: to every other activity
     [(P, x, "StrategicTacticalAndOperationalPlans") for x in others(P)]),
    (P, "A product and service portfolio", [(P, E, "ProductAndServicePortfolio")]),
    (P, "Contract and agreement requirements for Engage", [(P, E, "ContractAndAgreementRequirements")]),
    (P, "Portfolio decisions for Design and transition", [(P, DT, "PortfolioDecisions")]),
    (P, "Architectures and policies for Design and transition", [(P, DT, "ArchitecturesAndPolicies")]),
    (P, "Continual improvement opportunities", [(P, I, "ImprovementOpportunities")]),
    # ---- Engage: example inputs
    (E, "High-level demand data", [("Customers", E, "HighLevelDemandData")]),
    (E, "Product and service portfolio from Plan", [(P, E, "ProductAndServicePortfolio")]),
    (E, "Requirements for services and products from customers", [("Customers", E, "ProductAndServiceRequirements")]),
    (E, "Contract and agreement requirements",
     [(x, E, "ContractAndAgreementRequirements") for x in others(E)]),
    (E, "New and changed products and services information from Design and transition and Obtain/Build",
     [(DT, E, "NewAndChangedProductsAndServicesInformation"), (OB, E, "NewAndChangedServiceComponentInformation")]),
    (E, "Support task and performance information from Deliver and support",
     [(DS, E, "UserSupportTaskCompletionInformation"), (DS, E, "ProductAndServicePerformanceInformation")]),
    (E, "Third-party service component information from suppliers and partners",
     [("SuppliersAndPartners", E, "ThirdPartyServiceComponentInformation")]),
    (E, "Improvement initiatives", [(I, E, "ImprovementInitiatives")]),
    # ---- Engage: example outputs
    (E, "Demand and opportunities for Plan", [(E, P, "DemandAndOpportunities")]),
    (E, "Requirements for Design and transition", [(E, DT, "ProductAndServiceRequirements")]),
    (E, "Support tasks for Deliver and support", [(E, DS, "UserSupportTasks")]),
    (E, "Change or project requests for Obtain/Build", [(E, OB, "ChangeOrProjectInitiationRequests")]),
    (E, "Contracts and agreements with internal and external suppliers for Design and transition and Obtain/Build",
     [(E, DT, "ContractsAndAgreements"), (E, OB, "ContractsAndAgreements")]),
    (E, "Third-party service component information",
     [(E, x, "ThirdPartyServiceComponentInformation") for x in others(E)]),
    (E, "Improvement opportunities", [(E, I, "ImprovementOpportunities")]),
    (E, "Service performance reports for customers", [(E, "Customers", "ServicePerformanceReports")]),
    # ---- Design and transition: example inputs
    (DT, "Portfolio decisions and architectures and policies from Plan",
     [(P, DT, "PortfolioDecisions"), (P, DT, "ArchitecturesAndPolicies")]),
    (DT, "Product and service requirements, knowledge and information about third-party service components, and "
         "contracts and agreements with external and internal suppliers from Engage",
     [(E, DT, "ProductAndServiceRequirements"), (E, DT, "ThirdPartyServiceComponentInformation"),
      (E, DT, "ContractsAndAgreements")]),
    (DT, "Service performance information from Deliver and support, and Improve",
     [(DS, DT, "ServicePerformanceInformation"), (I, DT, "ServicePerformanceInformation")]),
    (DT, "Service components and new and changed products and services information from Obtain/Build",
     [(OB, DT, "ServiceComponents"), (OB, DT, "NewAndChangedServiceComponentInformation")]),
    (DT, "Improvement initiatives and improvement status reports from Improve",
     [(I, DT, "ImprovementInitiatives"), (I, DT, "ImprovementStatusReports")]),
    # ---- Design and transition: example outputs (the seed's heading says "inputs"; reading: outputs)
    (DT, "Contract and agreement requirements for Engage", [(DT, E, "ContractAndAgreementRequirements")]),
    (DT, "Requirements and specifications for Obtain/Build", [(DT, OB, "RequirementsAndSpecifications")]),
    (DT, "New and changed products and services for Deliver and support",
     [(DT, DS, "NewAndChangedProductsAndServices")]),
    (DT, "Performance information and improvement opportunities for Improve",
     [(DT, I, "PerformanceInformation"), (DT, I, "ImprovementOpportunities")]),
    (DT, "New and changed products and services information to all value chain activities",
     [(DT, x, "NewAndChangedProductsAndServicesInformation") for x in others(DT)]),
    # ---- Obtain/build: example inputs
    (OB, "Architectures and policies from Plan", [(P, OB, "ArchitecturesAndPolicies")]),
    (OB, "Change or project initiation requests from Engage and Deliver and support",
     [(E, OB, "ChangeOrProjectInitiationRequests"), (DS, OB, "ChangeOrProjectInitiationRequests")]),
    (OB, "Third-party service component information and contracts and agreements with external and internal "
         "suppliers from Engage",
     [(E, OB, "ThirdPartyServiceComponentInformation"), (E, OB, "ContractsAndAgreements")]),
    (OB, "Requirements and specifications from Design and transition", [(DT, OB, "RequirementsAndSpecifications")]),
    (OB, "Improvement initiatives and improvement status reports from Improve",
     [(I, OB, "ImprovementInitiatives"), (I, OB, "ImprovementStatusReports")]),
    (OB, "New and changed products and services information from Design and transition",
     [(DT, OB, "NewAndChangedProductsAndServicesInformation")]),
    # ---- Obtain/build: example outputs
    (OB, "Contract and agreement requirements for Engage", [(OB, E, "ContractAndAgreementRequirements")]),
    (OB, "Service components for Design and transition", [(OB, DT, "ServiceComponents")]),
    (OB, "Service components for Deliver and support", [(OB, DS, "ServiceComponents")]),
    (OB, "Performance information and improvement opportunities for Improve",
     [(OB, I, "PerformanceInformation"), (OB, I, "ImprovementOpportunities")]),
    (OB, "New and changed service component information to all value chain activities",
     [(OB, x, "NewAndChangedServiceComponentInformation") for x in others(OB)]),
    # ---- Deliver and support: example inputs
    (DS, "User support tasks and third-party service component information from Engage",
     [(E, DS, "UserSupportTasks"), (E, DS, "ThirdPartyServiceComponentInformation")]),
    # reading: "for" Design and transition means "from" it
    (DS, "New and changed products and services for Design and transition",
     [(DT, DS, "NewAndChangedProductsAndServices")]),
    (DS, "New and changed service components and services information from Design and transition and Obtain/Build",
     [(DT, DS, "NewAndChangedProductsAndServicesInformation"), (OB, DS, "NewAndChangedServiceComponentInformation")]),
    (DS, "Service components from Obtain/Build", [(OB, DS, "ServiceComponents")]),
    (DS, "Improvement initiatives and improvement status reports from Improve",
     [(I, DS, "ImprovementInitiatives"), (I, DS, "ImprovementStatusReports")]),
    # ---- Deliver and support: example outputs (the seed's heading says "inputs"; reading: outputs)
    (DS, "Services delivered to customers and users",
     [(DS, "Customers", "ServicesDelivered"), (DS, "Users", "ServicesDelivered")]),
    (DS, "User support task completion information for Engage", [(DS, E, "UserSupportTaskCompletionInformation")]),
    (DS, "Contract and agreement requirements for Engage", [(DS, E, "ContractAndAgreementRequirements")]),
    (DS, "Product and service performance information for Engage and Improve",
     [(DS, E, "ProductAndServicePerformanceInformation"), (DS, I, "ProductAndServicePerformanceInformation")]),
    (DS, "Change requests for Obtain/Build", [(DS, OB, "ChangeOrProjectInitiationRequests")]),
    (DS, "Improvement opportunities for Improve", [(DS, I, "ImprovementOpportunities")]),
    # ---- Improve: example inputs
    (I, "Stakeholders' feedback and third-party service component information from Engage",
     [(E, I, "StakeholderFeedback"), (E, I, "ThirdPartyServiceComponentInformation")]),
    (I, "New and changed products and services information from Design and transition and Obtain/Build",
     [(DT, I, "NewAndChangedProductsAndServicesInformation"), (OB, I, "NewAndChangedServiceComponentInformation")]),
    (I, "Product and service performance information from Deliver and support",
     [(DS, I, "ProductAndServicePerformanceInformation")]),
    (I, "Performance information and improvement opportunities provided by all value chain activities",
     [(x, I, art) for x in others(I) for art in ("PerformanceInformation", "ImprovementOpportunities")]),
    # ---- Improve: example outputs
    (I, "Improvement initiatives and improvement status reports for all value chain activities",
     [(I, x, art) for x in others(I) for art in ("ImprovementInitiatives", "ImprovementStatusReports")]),
    (I, "Value chain performance information for Plan", [(I, P, "ValueChainPerformanceInformation")]),
    (I, "Contract and agreement requirements for Engage", [(I, E, "ContractAndAgreementRequirements")]),
    (I, "Service performance information for Design and transition", [(I, DT, "ServicePerformanceInformation")]),
]  # fmt: skip

FLOWS = """
SELECT ?from ?to ?artifact WHERE {
  ?flow a svc:Flow ; svc:carries ?artifact .
  OPTIONAL { ?flow svc:fromActivity ?fromActivity }
  OPTIONAL { ?flow svc:toActivity ?toActivity }
  OPTIONAL { ?flow svc:externalParty ?party }
  BIND(COALESCE(?fromActivity, ?party) AS ?from)
  BIND(COALESCE(?toActivity, ?party) AS ?to)
}"""


@pytest.fixture(scope="module")
def flows(reference_store):
    local = lambda term: term.value.rsplit("#", 1)[-1]  # noqa: E731
    return {(local(r["from"]), local(r["to"]), local(r["artifact"])) for r in reference_store.select(FLOWS)}


IDS = [f"{a}: {text[:60]}" for a, text, _ in SEED_002]


@pytest.mark.parametrize(("activity", "line", "expected"), SEED_002, ids=IDS)
def test_seed_line_is_a_flow(flows, activity, line, expected):
    missing = [f for f in expected if f not in flows]
    assert not missing, f"{activity}: {line!r} has no flow {missing}"


# Seed 001's per-activity Inputs/Outputs lines (and seed 004 l.29) name artifact types seed 002 does not; a flow
# is recorded only where the seed names the activity at the other end, or the ontology states its reading.
SEED_001 = [
    (DS, "l.128 Inputs: User requests, incidents", [("Users", DS, "UserRequests"), ("Users", DS, "Incidents")]),
    (
        I,
        "l.42 Inputs: audit findings, incidents",  # reading: incidents from Deliver and support, audits from governance
        [(DS, I, "Incidents"), ("GoverningBody", I, "AuditFindings")],
    ),
    (E, "l.63 Inputs: service requests", [("Users", E, "ServiceRequests")]),
    (E, "l.64 Outputs: demand forecasts", [(E, P, "DemandForecasts")]),  # reading: Plan forecasts demand (000 l.3)
    (DS, "l.129 Outputs: health reports", [(DS, I, "HealthReports")]),  # reading: operational data -> Improve (l.149)
    (DT, "l.84 Inputs: budget constraints; seed 004 l.29 Plan outputs: budgets", [(P, DT, "Budgets")]),
]


@pytest.mark.parametrize(("activity", "line", "expected"), SEED_001, ids=[f"{a}: {t}" for a, t, _ in SEED_001])
def test_seed_001_line_is_a_flow(flows, activity, line, expected):
    missing = [f for f in expected if f not in flows]
    assert not missing, f"{activity}: {line!r} has no flow {missing}"


def test_no_flow_beyond_the_seeds(flows):
    """Every canonical flow comes from a seed line: seed 002's lists, seed 001's Inputs/Outputs lines, or seed
    001's feedback rule (l.184, l.193: Deliver and support insights must reach Plan)."""
    expected = {f for _, _, fs in SEED_002 + SEED_001 for f in fs} | {(DS, P, "PerformanceInformation")}
    assert flows == expected


def test_every_flow_quotes_its_seed_lines(reference_store):
    rows = reference_store.select("SELECT ?f WHERE { ?f a svc:Flow FILTER NOT EXISTS { ?f svc:seedStatement ?s } }")
    assert rows == []
