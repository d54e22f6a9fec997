"""The whole catalog on two real SPARQL servers (Oxigraph server, Virtuoso) gives the embedded store's rows.

The servers are started once a session by the fixtures of ``tests/servers.py``; the data goes in through
`svco load --endpoint` (Graph Store Protocol), then every catalog query runs through `--endpoint`.
"""

from __future__ import annotations

import importlib.util
import json
import socket
import threading
from pathlib import Path

import pytest

from svco import query as q
from svco.catalog import catalog
from svco.cli import main
from svco.remote import Endpoint
from svco.store import Store

from . import servers
from .conftest import DATA
from .servers import Server, free_port

# the session fixtures that start the servers
oxigraph_server = servers.oxigraph_server
virtuoso_server = servers.virtuoso_server

MODEL = DATA / "queries" / "model.ttl"
BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
SERVERS = ["oxigraph_server", "virtuoso_server"]
CATALOG = sorted(catalog())

#: Parameter values beyond the defaults, each as labels, to run on every server too.
VARIANTS = [
    ("flows-between", {"from": "Improve", "to": "design & transition"}),
    ("inputs-of", {"activity": "Engage"}),
    ("outputs-of", {"activity": "Deliver and support"}),
    ("value-stream-steps", {"stream": "Onboard a customer"}),
    ("value-streams-using-activity", {"activity": "Plan"}),
    ("activity-coverage", {"organization": "Acme"}),
    ("practice-usage", {"organization": "Organisation 1"}),
    ("activities-of-practice", {"practice": "Service desk"}),
]


@pytest.fixture(scope="session")
def models(tmp_path_factory) -> list[Path]:
    """The small test model and a synthetic one of about 4,000 triples (with every kind of defect)."""
    spec = importlib.util.spec_from_file_location("generate_models", BENCHMARKS / "generate_models.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    synthetic = tmp_path_factory.mktemp("models") / "synthetic.ttl"
    module.generate(4000, synthetic, defects_every=5)
    return [MODEL, synthetic]


@pytest.fixture(scope="session")
def local(models) -> q.StoreBackend:
    store = Store()
    store.load_reference()
    store.load(models)
    return q.StoreBackend(store)


@pytest.fixture(scope="session", params=SERVERS)
def server(request, models) -> Server:
    """Each server, with the reference ontology and the models loaded through `svco load --endpoint`."""
    running: Server = request.getfixturevalue(request.param)
    code = main(["load", "--endpoint", running.store_url, *running.credentials(), *map(str, models)])
    assert code == 0, f"svco load into {running.name} failed"
    return running


def same_rows(local: q.StoreBackend, remote: Endpoint, name: str, params: dict[str, str]) -> None:
    named = q.load_query(name)
    expected = q.normalised(q.run(local, named, params))
    got = q.normalised(q.run(remote, named, params))
    assert got == expected
    assert expected, f"{name} finds nothing: the comparison would prove little"


@pytest.mark.parametrize("name", CATALOG)
def test_catalog_query_gives_the_same_rows(server, local, name):
    same_rows(local, Endpoint(server.query_url), name, {})


@pytest.mark.parametrize(("name", "params"), VARIANTS, ids=[v[0] for v in VARIANTS])
def test_labels_resolve_the_same_on_the_server(server, local, name, params):
    same_rows(local, Endpoint(server.query_url), name, params)


def test_query_command_on_a_server(server, local, capsys):
    code = main(["query", "stream-lead-time", "--endpoint", server.query_url, "--format", "json"])
    out = capsys.readouterr().out
    assert code == 0
    doc = json.loads(out)
    named = q.load_query("stream-lead-time")
    assert len(doc["results"]["bindings"]) == len(q.run(local, named).rows)
    code = main(["query", "inputs-of", "--endpoint", server.query_url, "-p", "activity=Desing and transition"])
    err = capsys.readouterr().err
    assert code == 2 and "did you mean 'Design and transition'" in err


def load_by_update(server: Server, graph: str, models: list[Path]) -> int:
    return main(["load", "--endpoint", server.update_url, "--protocol", "update", "--graph", graph,
                 *server.credentials(), *map(str, models)])  # fmt: skip


def test_load_with_sparql_update_into_one_graph(server, capsys):
    # Virtuoso 7.2's SPARQL compiler fails on xsd:duration literals ("No column PT3HD"), which the test
    # model has: on Virtuoso this loads the reference ontology only (the Graph Store Protocol takes both).
    models = [MODEL] if server.name == "oxigraph" else []
    graph = f"https://example.org/graphs/{server.name}-update"
    assert load_by_update(server, graph, models) == 0, capsys.readouterr().err
    assert load_by_update(server, graph, models) == 0, "loading twice replaces the graph, it does not add to it"
    capsys.readouterr()
    only_this = Endpoint(server.query_url, graphs=(graph,))
    store = Store()
    store.load_reference()
    store.load(models)
    names = ["ontology-summary", "practices-supporting-outputs-consumed-by", "inputs-of"]
    for name in names + (["stream-lead-time", "activity-coverage"] if models else []):
        named = q.load_query(name)
        assert q.normalised(q.run(only_this, named)) == q.normalised(q.run(q.StoreBackend(store), named))
    code = main(["query", "--endpoint", server.query_url, "--graph", graph, "--format", "csv", "--sparql",
                 "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"])  # fmt: skip
    assert capsys.readouterr().out.split() == ["n", str(len(store))]
    assert code == 0


def test_virtuoso_update_with_durations_fails_with_a_hint(virtuoso_server, capsys):
    code = load_by_update(virtuoso_server, "https://example.org/graphs/durations", [MODEL])
    err = capsys.readouterr().err
    assert code == 1 and "--protocol gsp" in err


@pytest.mark.parametrize("password", ["wrong", "dba"])  # "dba": the well-known default must not work
def test_wrong_password_is_refused_with_exit_1(virtuoso_server, capsys, password):
    code = main(["load", "--endpoint", virtuoso_server.store_url, "--user", "dba", "--password", password,
                 "--auth", "digest", str(MODEL)])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 1
    assert "401" in err and "check the user and password" in err


def test_missing_credentials_are_refused_with_exit_1(virtuoso_server, capsys, monkeypatch):
    monkeypatch.delenv("SVCO_ENDPOINT_USER", raising=False)
    code = main(["load", "--endpoint", virtuoso_server.store_url, str(MODEL)])
    err = capsys.readouterr().err
    assert code == 1 and "--user/--password" in err


def test_credentials_from_the_environment(virtuoso_server, capsys, monkeypatch):
    monkeypatch.setenv("SVCO_ENDPOINT_USER", virtuoso_server.user)
    monkeypatch.setenv("SVCO_ENDPOINT_PASSWORD", virtuoso_server.password)
    code = main(["load", "--endpoint", virtuoso_server.store_url, "--auth", "digest", "--graph",
                 "https://example.org/graphs/env", str(MODEL)])  # fmt: skip
    assert code == 0, capsys.readouterr().err


def test_a_bad_query_is_refused_with_exit_1(server, capsys):
    code = main(["query", "--endpoint", server.query_url, "--sparql", "SELECT ?x WHERE { ?x ?y }"])
    err = capsys.readouterr().err
    assert code == 1 and "refused the request" in err


# ------------------------------------------------------------------------------- no server is needed here
def test_a_server_that_is_down(capsys):
    url = f"http://127.0.0.1:{free_port()}/query"
    code = main(["query", "flows-between", "--endpoint", url, "--timeout", "5"])
    err = capsys.readouterr().err
    assert code == 1
    assert f"cannot reach {url}" in err and "Traceback" not in err
    code = main(["load", "--endpoint", url, str(MODEL)])
    assert code == 1 and "cannot reach" in capsys.readouterr().err


def test_a_server_that_does_not_answer_times_out(capsys):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        accepted: list[socket.socket] = []
        thread = threading.Thread(target=lambda: accepted.append(listener.accept()[0]), daemon=True)
        thread.start()
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/query"
        code = main(["query", "--endpoint", url, "--timeout", "1", "--sparql", "ASK {}"])
        for connection in accepted:
            connection.close()
    err = capsys.readouterr().err
    assert code == 1 and "did not answer within 1 s" in err


@pytest.mark.parametrize("args", [
    ["query", "flows-between", "--endpoint", "localhost:7878/query"],
    ["query", "flows-between", "--endpoint", "http://127.0.0.1:1/query", str(MODEL)],
    ["query", "flows-between", "--endpoint", "http://127.0.0.1:1/query", "--timeout", "0"],
    ["load", "--endpoint", "http://127.0.0.1:1/store", "--graph", "not an iri", str(MODEL)],
    ["load", "--endpoint", "http://127.0.0.1:1/store", "--user", "u", str(MODEL)],
    ["load", "--store", "x", "--graph", "https://example.org/g", str(MODEL)],
])  # fmt: skip
def test_endpoint_usage_errors_are_exit_2(capsys, args, monkeypatch):
    monkeypatch.delenv("SVCO_ENDPOINT_PASSWORD", raising=False)
    code = main(args)
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
