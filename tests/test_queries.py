"""The query catalog and `svco query` / `svco queries` / `svco load --store` on the embedded store."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import textwrap

import pyoxigraph as ox
import pytest

from svco import query as q
from svco.catalog import catalog
from svco.cli import main
from svco.store import Store

from .conftest import DATA

MODEL = DATA / "queries" / "model.ttl"
LABELLED = DATA / "queries" / "labelled.rq"
CATALOG = sorted(catalog())
SVC = "https://w3id.org/svco#"
EX = "https://example.org/queries-test#"
INJECTION = 'Design "and" {transition} } ; DROP ALL ; { \' """'


@pytest.fixture(scope="module")
def model_store() -> Store:
    store = Store()
    store.load_reference()
    store.load([MODEL])
    return store


def run(store: Store, name: str, **params: str) -> q.Results:
    return q.run(q.StoreBackend(store), q.load_query(name), params)


def values(results: q.Results, *names: str) -> list[tuple[str, ...]]:
    return [tuple(row[n].value if n in row else "" for n in names) for row in results.rows]


def cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# ------------------------------------------------------------------------------------ the catalog itself
def test_catalog_has_the_required_queries():
    required = {
        "practices-supporting-outputs-consumed-by", "inputs-of", "outputs-of", "flows-between",
        "practices-for-activity", "activities-of-practice", "value-stream-steps", "value-streams-using-activity",
        "activity-coverage", "practice-usage", "handoffs-without-canonical-flow", "streams-missing-feedback",
        "stream-lead-time",
    }  # fmt: skip
    assert required <= set(CATALOG)


@pytest.mark.parametrize("name", CATALOG)
def test_every_query_is_documented_and_self_contained(name):
    named = catalog()[name]
    assert named.title != name and named.description, "a title and a description in the header"
    for prefix in ("svc:", "rdfs:", "skos:", "xsd:", "owl:"):
        if prefix in named.text.split("\n", 3)[-1]:
            assert f"PREFIX {prefix}" in named.text, f"{name} uses {prefix} without declaring it"
    for param in named.params:
        assert f"?{param.name}" in named.text
        assert param.type in q.ENTITY_TYPES or param.type in q.LITERAL_TYPES


@pytest.mark.parametrize("name", CATALOG)
def test_every_query_runs_with_its_defaults(model_store, name):
    results = run(model_store, name)
    assert results.variables
    assert results.rows, f"{name} finds nothing in the test model"


# ---------------------------------------------------------------------------------------- query results
def test_practices_supporting_outputs_consumed_by_design_and_transition(reference_store):
    results = run(reference_store, "practices-supporting-outputs-consumed-by")
    rows = set(values(results, "practice", "artifact", "producer"))
    assert (SVC + "ServiceDesk", SVC + "ServicePerformanceInformation", SVC + "DeliverAndSupport") in rows
    assert {r[2] for r in rows} <= {SVC + a for a in ("Plan", "Improve", "Engage", "ObtainBuild", "DeliverAndSupport")}
    assert results.rows == run(reference_store, "practices-supporting-outputs-consumed-by",
                               activity="Design and transition").rows  # fmt: skip


def test_flows_between_and_inputs_outputs(reference_store):
    flows = values(run(reference_store, "flows-between", **{"from": "svc:Plan", "to": "Design and transition"}),
                   "artifact")  # fmt: skip
    assert (SVC + "PortfolioDecisions",) in flows
    inputs = run(reference_store, "inputs-of", activity="engage")
    external = [r for r in inputs.rows if r["external"].value == "yes"]
    assert SVC + "Customers" in {r["source"].value for r in external}
    assert all(r["sharedPractices"].value == "0" for r in external)
    outputs = run(reference_store, "outputs-of", activity="Deliver and support")
    assert (SVC + "ServicesDelivered", SVC + "Customers", "yes") in values(outputs, "artifact", "target", "external")


def test_practices_and_activities(reference_store):
    practices = values(
        run(reference_store, "practices-for-activity", activity="Obtain/build"), "practice", "categoryLabel"
    )
    assert (SVC + "SoftwareDevelopmentAndManagement", "Technical management practice") in practices
    activities = values(run(reference_store, "activities-of-practice", practice="Incident management"), "activity")
    assert (SVC + "DeliverAndSupport",) in activities


def test_value_stream_steps_in_order(model_store):
    results = run(model_store, "value-stream-steps", stream="Onboard a customer")
    assert [r[0] for r in values(results, "position")] == ["1", "2", "3", "4", "5"]
    first = results.rows[0]
    assert first["activity"].value == SVC + "Engage"
    assert sorted(first["practices"].value.split("; ")) == ["Business analysis", "Relationship management"]
    assert first["produces"].value == "Product and service requirements"
    # positions written as "1"^^xsd:positiveInteger come out as integers too
    outage = run(model_store, "value-stream-steps", stream=EX + "outage")
    assert values(outage, "position") == [("1",), ("2",)]


def test_value_streams_using_activity(model_store):
    rows = values(run(model_store, "value-streams-using-activity", activity="plan"), "organization", "stream")
    assert sorted(rows) == [(EX + "acme", EX + "outage"), (EX + "beta", EX + "planning")]


def test_activity_coverage(model_store):
    rows = values(run(model_store, "activity-coverage", organization='Beta "B", Ltd'), "activity", "status")
    assert dict(rows) == {
        SVC + "Plan": "covered", SVC + "Engage": "no practice in use", SVC + "DesignAndTransition": "never used",
        SVC + "ObtainBuild": "never used", SVC + "DeliverAndSupport": "never used", SVC + "Improve": "never used",
    }  # fmt: skip


def test_practice_usage(model_store):
    rows = values(run(model_store, "practice-usage"), "practice", "activity", "supported", "steps")
    assert (SVC + "IncidentManagement", SVC + "Plan", "no", "1") in rows
    assert (SVC + "IncidentManagement", SVC + "DeliverAndSupport", "yes", "1") in rows
    acme = values(run(model_store, "practice-usage", organization="acme"), "practice")
    assert (SVC + "StrategyManagement",) not in acme


def test_handoffs_and_feedback(model_store):
    handoffs = values(run(model_store, "handoffs-without-canonical-flow"), "stream", "fromActivity", "toActivity")
    assert handoffs == [(EX + "outage", SVC + "DeliverAndSupport", SVC + "Plan")]
    missing = values(run(model_store, "streams-missing-feedback"), "stream")
    assert missing == [(EX + "outage",), (EX + "planning",)]


def test_stream_lead_time(model_store):
    results = run(model_store, "stream-lead-time")
    by_stream = {r["stream"].value: r for r in results.rows}
    onboarding = by_stream[EX + "onboarding"]
    # process 4h + 1d2h + 7h30m + 1h + 2h; wait 1d + 2d + 48h + 90m + 0s
    assert float(onboarding["processHours"].value) == 40.5
    assert float(onboarding["waitHours"].value) == 121.5
    assert float(onboarding["leadHours"].value) == 162
    assert float(onboarding["flowEfficiency"].value) == 25
    assert onboarding["bottleneck"].value == EX + "on2", "the earlier of two steps waiting 48 hours"
    assert float(onboarding["bottleneckWaitHours"].value) == 48
    assert EX + "planning" not in by_stream, "a stream with no times has no lead time"


# -------------------------------------------------------------------------------------- parameter values
@pytest.mark.parametrize(
    "value",
    ["svc:DesignAndTransition", f"<{SVC}DesignAndTransition>", f"{SVC}DesignAndTransition",
     "Design and transition", "DESIGN AND TRANSITION", "  design and transition ", "Design & Transition",
     "DesignAndTransition"],
)  # fmt: skip
def test_a_value_may_be_an_iri_curie_label_or_alt_label(reference_store, value):
    param = q.load_query("inputs-of").param("activity")
    assert q.resolve_value(q.StoreBackend(reference_store), param, value) == ox.NamedNode(SVC + "DesignAndTransition")


def test_unknown_label_lists_close_matches(capsys):
    code, _, err = cli(capsys, "query", "inputs-of", "--param", "activity=Design and transitoin")
    assert code == 2
    assert "no activity is labelled 'Design and transitoin'" in err
    assert "did you mean 'Design and transition'" in err
    assert "Traceback" not in err


def test_unknown_curie_is_an_error_not_an_empty_answer(capsys):
    code, _, err = cli(capsys, "query", "inputs-of", "-p", "activity=svc:DesignAndTransitoin")
    assert code == 2
    assert "svc:DesignAndTransition" in err


@pytest.mark.parametrize("args", [
    ["query", "inputs-of", "-p", "activity"],
    ["query", "inputs-of", "-p", "colour=blue"],
    ["query", "no-such-query"],
    ["query"],
    ["query", "--sparql", "SELECT ?x WHERE { ?x ?y }"],
    ["query", "--sparql", "SELECT * WHERE { ?s ?p ?o }", "-p", "x=y"],
    ["query", "inputs-of", "--graph", "https://example.org/g"],
    ["query", "inputs-of", str(DATA / "broken" / "syntax-error.ttl")],
])  # fmt: skip
def test_bad_usage_is_exit_2_without_traceback(capsys, args):
    code, _, err = cli(capsys, *args)
    assert code == 2
    assert err.startswith(("svco: error:", "Error:")) and "Traceback" not in err
    assert len(err.strip().splitlines()) <= 2


def test_injection_through_a_label_is_harmless(tmp_path, capsys):
    store_path = tmp_path / "store"
    assert main(["load", "--store", str(store_path), str(MODEL)]) == 0
    before = len(Store(store_path, read_only=True))
    capsys.readouterr()
    code, _, err = cli(capsys, "query", "inputs-of", "--store", str(store_path), "-p", f"activity={INJECTION}")
    assert code == 2 and "no activity is labelled" in err
    # as a string parameter the same text is bound as one literal: it matches nothing and changes nothing
    code, out, err = cli(capsys, "query", str(LABELLED), "--store", str(store_path), "-p", f"label={INJECTION}",
                         "--format", "json")  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["results"]["bindings"] == []
    store = Store(store_path, read_only=True)
    assert len(store) == before
    assert store.has_reference


def test_a_string_parameter_is_one_literal(reference_store):
    named = q.load_query(str(LABELLED))
    assert values(q.run(q.StoreBackend(reference_store), named, {"label": "Plan"}), "thing") == [(SVC + "Plan",)]
    assert q.run(q.StoreBackend(reference_store), named, {"label": 'Plan" || "x'}).rows == []


# -------------------------------------------------------------------------------------------- the command
def test_queries_lists_the_catalog(capsys):
    code, out, _ = cli(capsys, "queries")
    assert code == 0
    for name in CATALOG:
        assert f"\n{name}\n" in f"\n{out}"
    assert "--param activity=<activity> (default svc:DesignAndTransition)" in out
    code, out, _ = cli(capsys, "queries", "--format", "json")
    doc = {entry["name"]: entry for entry in json.loads(out)}
    assert doc["flows-between"]["params"][0] == {
        "name": "from", "type": "activity", "default": "svc:Plan", "doc": "the producing activity"
    }  # fmt: skip


def test_format_json_is_sparql_results_json(capsys):
    code, out, _ = cli(capsys, "query", "activity-coverage", str(MODEL), "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["head"]["vars"][:2] == ["organization", "organizationLabel"]
    first = doc["results"]["bindings"][0]
    assert first["organization"] == {"type": "uri", "value": EX + "acme"}
    assert first["steps"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"
    assert first["activityLabel"] == {"type": "literal", "value": "Deliver and support", "xml:lang": "en"}


def test_format_csv_quotes_and_markdown_escapes(capsys):
    code, out, _ = cli(capsys, "query", "streams-missing-feedback", str(MODEL), "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["organization", "organizationLabel", "stream", "streamLabel"]
    assert [EX + "beta", 'Beta "B", Ltd', EX + "planning", "Plan the quarter"] in rows
    code, out, _ = cli(capsys, "query", "streams-missing-feedback", str(MODEL), "--format", "markdown")
    assert out.splitlines()[0] == "| organization | organizationLabel | stream | streamLabel |"
    assert out.splitlines()[1] == "|---|---|---|---|"


def test_format_table(capsys):
    code, out, _ = cli(capsys, "query", "flows-between", "-p", "from=Plan", "-p", "to=Engage")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["flow", "artifactLabel"]  # artifact is a secondary column
    assert "svc:Flow_Plan_Engage_ProductAndServicePortfolio" in out
    assert lines[-1] == f"{len(lines) - 3} rows (not shown: artifact; see --format csv)"


def test_rich_table():
    results = q.Results(variables=["a", "b"], rows=[{"a": ox.NamedNode(SVC + "Plan"), "b": ox.Literal("x")}])
    text = q.format_results(results, "table", rich=True, width=60)
    assert "svc:Plan" in text and "1 row" in text


def test_output_file(tmp_path, capsys):
    target = tmp_path / "out" / "flows.csv"
    assert main(["query", "flows-between", "--format", "csv", "--output", str(target)]) == 0
    assert capsys.readouterr().out == ""
    assert target.read_bytes().startswith(b"flow,artifact,artifactLabel\r\n")
    assert [p.name for p in target.parent.iterdir()] == ["flows.csv"], "no temporary file left behind"


def test_ad_hoc_sparql(capsys):
    code, out, _ = cli(capsys, "query", "--sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?a a svc:ValueChainActivity }",
                       "--format", "csv")  # fmt: skip
    assert (code, out) == (0, "n\r\n6\r\n")
    code, out, _ = cli(capsys, "query", "--sparql", "ASK { svc:Plan a svc:ValueChainActivity }", "--format", "json")
    assert json.loads(out)["boolean"] is True
    code, out, _ = cli(capsys, "query", "--sparql", "CONSTRUCT { svc:Plan ?p ?o } WHERE { svc:Plan ?p ?o }")
    assert code == 0 and "svc:Plan" in out
    code, out, _ = cli(capsys, "query", str(MODEL), "--sparql", "SELECT ?s WHERE { ?s a svc:Organization }",
                       "--format", "csv")  # fmt: skip
    assert sorted(out.split()[1:]) == [EX + "acme", EX + "beta"]


def test_a_query_file(tmp_path, capsys):
    path = tmp_path / "mine.rq"
    path.write_text(
        textwrap.dedent("""\
        # title: Mine
        # param: activity (activity) default svc:Plan: an activity
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?label WHERE { ?activity rdfs:label ?label }
        """)
    )
    code, out, _ = cli(capsys, "query", str(path), "-p", "activity=Improve", "--format", "csv")
    assert (code, out) == (0, "label\r\nImprove\r\n")


# ------------------------------------------------------------------------------------- persistent store
def test_load_then_query_a_persistent_store(tmp_path, capsys):
    store_path = tmp_path / "store"
    code, out, _ = cli(capsys, "load", "--store", str(store_path), str(MODEL))
    assert code == 0 and "107 triples" in out
    code, out, _ = cli(capsys, "query", "handoffs-without-canonical-flow", "--store", str(store_path),
                       "--format", "csv")  # fmt: skip
    assert code == 0 and EX + "outage" in out
    # loading again replaces the model's graph instead of doubling it
    assert main(["load", "--store", str(store_path), str(MODEL)]) == 0
    assert len(Store(store_path, read_only=True)) == len(Store(store_path, read_only=True))
    store = Store(store_path, read_only=True)
    assert store.graph_size(MODEL.resolve().as_uri()) == 107


def test_query_store_errors(tmp_path, capsys):
    code, _, err = cli(capsys, "query", "inputs-of", "--store", str(tmp_path / "nothing"))
    assert code == 2 and "no store here" in err
    code, _, err = cli(capsys, "query", "inputs-of", str(MODEL), "--store", str(tmp_path / "nothing"))
    assert code == 2 and "svco load --store" in err
    code, _, err = cli(capsys, "load", str(MODEL))
    assert code == 2 and "--store" in err


HOLD_LOCK = """
import sys, time
from svco.store import Store
store = Store(sys.argv[1])
print("locked", flush=True)
time.sleep(60)
"""


def test_a_second_writer_is_told_the_store_is_locked(tmp_path, capsys):
    store_path = tmp_path / "store"
    assert main(["load", "--store", str(store_path)]) == 0
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(store_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        capsys.readouterr()
        code, _, err = cli(capsys, "load", "--store", str(store_path), str(MODEL))
        assert code == 2
        assert "is locked by another process" in err and "Traceback" not in err
        # readers are not blocked by the writer
        code, out, _ = cli(capsys, "query", "flows-between", "--store", str(store_path), "--format", "csv")
        assert code == 0 and "ProductAndServicePortfolio" in out
    finally:
        holder.kill()
        holder.wait()
