"""`svco validate --endpoint` / `svco shacl --endpoint`: the engine's queries run on a real SPARQL server
(the Oxigraph server and Virtuoso, started once by ``tests/servers.py``) and give the embedded store's
results, result for result.

Each server is loaded once: svco's reference content into a graph of its own, every example and every
fixture of ``tests/data/{invalid,valid}`` into a graph of its own, a generated 100k-triple model into
another. Each is then validated with ``--graph FIXTURE --graph REFERENCE`` (the merge of the two), which is
what a user does with one model among many on a shared server. The other server tests use the default
graph; the graphs are dropped at the end.
"""

from __future__ import annotations

import importlib.util
import json
from functools import cache
from pathlib import Path

import pytest

from svco.cli import main
from svco.remote import Endpoint, load, load_files
from svco.remote_validate import validate_endpoint
from svco.store import Store
from svco.validate import ValidationReport, validate_store

from . import servers
from .conftest import DATA, store_with
from .servers import Server

oxigraph_server = servers.oxigraph_server
virtuoso_server = servers.virtuoso_server

ROOT = Path(__file__).resolve().parents[1]
SHACL = DATA / "shacl"
CASES = sorted(
    p
    for folder in (ROOT / "examples", DATA / "invalid", DATA / "valid")
    for p in folder.iterdir()
    if p.suffix != ".xml"
)
BASE = "https://example.org/svco-tests/remote/"
REFERENCE_GRAPH = BASE + "reference"
BIG_GRAPH = BASE + "generated-100k"
PEOPLE_GRAPH = BASE + "people"
EMPTY_GRAPH = BASE + "nothing-here"
SVCS = "https://w3id.org/svco/shapes#"

#: Where a server changes the data itself, so that the embedded and the remote run validate different data.
#: ONE table, at most 3 entries: (server, shape) -> why. For these shapes the remote results must include
#: every embedded result (the server never misses a problem); the extra ones are the values it rewrote.
#: Every other result of every case is compared exactly.
SERVER_CHANGES_DATA = {
    ("virtuoso", SVCS + "StepProcessTimeIsDuration"): "Virtuoso 7.2 stores an xsd:duration as a number of seconds "
    '("PT15M" comes back "900.0"^^xsd:duration): the lexical form sh:datatype checks is gone',
    ("virtuoso", SVCS + "StepWaitTimeIsDuration"): "the same: Virtuoso 7.2 keeps xsd:duration as seconds",
}


def _graph(case: Path) -> str:
    return BASE + "fixture/" + case.parent.name + "/" + case.name


@pytest.fixture(scope="module")
def big_model(tmp_path_factory) -> Path:
    """A generated model of about 100,000 triples with a defect every 25 streams."""
    spec = importlib.util.spec_from_file_location("generate_models", ROOT / "benchmarks" / "generate_models.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path = tmp_path_factory.mktemp("remote") / "generated.ttl"
    module.generate(100_000, path)
    return path


def _store(*models: Path) -> Store:
    store = Store()
    store.load(list(models))
    return store


@pytest.fixture(scope="module", params=["oxigraph_server", "virtuoso_server"])
def loaded(request, big_model, reference_store):
    """Each server, loaded once: the reference content, every case, the generated model and a plain SHACL data
    file, each in a graph of its own."""
    server: Server = request.getfixturevalue(request.param)
    writer = Endpoint(server.store_url, user=server.user, password=server.password, auth=server.auth, timeout=300)
    graphs = [REFERENCE_GRAPH, BIG_GRAPH, PEOPLE_GRAPH, *map(_graph, CASES)]
    load(writer, reference_store, graph=REFERENCE_GRAPH)
    load(writer, _store(big_model), graph=BIG_GRAPH)
    load(writer, _store(SHACL / "people.ttl"), graph=PEOPLE_GRAPH)
    for case in CASES:
        load(writer, _store(case), graph=_graph(case))
    yield server
    dropper = Endpoint(server.update_url, user=server.user, password=server.password, auth=server.auth)
    for graph in graphs:
        dropper.update(f"DROP SILENT GRAPH <{graph}>")


@cache
def _embedded(model: Path) -> ValidationReport:
    return validate_store(store_with(model), engine="svco")


def _remote(server: Server, graph: str) -> ValidationReport:
    return validate_endpoint(Endpoint(server.query_url, timeout=300, graphs=[graph, REFERENCE_GRAPH]))


def _key(result) -> tuple:
    """A result as a comparable tuple: everything but where it is written in a file (the server has no files).
    Blank nodes have no identity across two stores, so they compare as one."""

    def plain(text):
        return "_:b" if isinstance(text, str) and text.startswith("_:") else text

    fields = ("focus", "shape", "component", "severity", "path", "value", "message", "stream", "stream_label",
              "step", "step_label", "focus_label", "suggestion")  # fmt: skip
    return tuple(plain(getattr(result, name)) for name in fields)


def assert_same(server: Server, got: ValidationReport, expected: ValidationReport) -> None:
    """The remote results equal the embedded ones, result for result, but for SERVER_CHANGES_DATA."""
    changed = {shape for (name, shape) in SERVER_CHANGES_DATA if name == server.name}
    exact = sorted(_key(r) for r in expected.results if r.shape not in changed)
    assert sorted(_key(r) for r in got.results if r.shape not in changed) == exact
    for shape in changed:
        missed = {_key(r)[:2] for r in expected.results if r.shape == shape} - {
            _key(r)[:2] for r in got.results if r.shape == shape
        }
        assert not missed, f"{server.name} misses results of {shape}: {SERVER_CHANGES_DATA[server.name, shape]}"
    assert got.engine == "svco"


def _count(server: Server, graph: str) -> int:
    rows = Endpoint(server.query_url).run(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}").rows
    return int(rows[0]["n"].value)


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_remote_results_equal_embedded(loaded, case):
    expected = _embedded(case)
    if case.parent.name == "invalid":
        assert expected.results, "an invalid fixture must give results for the comparison to mean anything"
    assert_same(loaded, _remote(loaded, _graph(case)), expected)


def test_generated_100k_model_equals_embedded(loaded, big_model):
    expected = _embedded(big_model)
    assert expected.results, "the generated model has defects: the comparison must mean something"
    before = _count(loaded, BIG_GRAPH)
    assert_same(loaded, _remote(loaded, BIG_GRAPH), expected)
    assert _count(loaded, BIG_GRAPH) == before, "validation must write nothing to the server"


def _cli_json(capsys, argv: list[str]) -> tuple[int, list[tuple]]:
    """Exit code and results of ``svco ARGV --format json``, as a user's CI gets them."""
    code = main([*argv, "--format", "json"])
    out = capsys.readouterr()
    assert out.out, out.err
    keys = ("focus", "shape", "component", "severity", "path", "value", "message")
    return code, sorted(tuple(r[k] for k in keys) for r in json.loads(out.out)["results"])


def test_plain_shacl_on_a_server(loaded, capsys):
    shapes = str(SHACL / "person-property-shape.ttl")
    code, expected = _cli_json(capsys, ["shacl", str(SHACL / "people.ttl"), "--shapes", shapes])
    got = _cli_json(capsys, ["shacl", "--endpoint", loaded.query_url, "--graph", PEOPLE_GRAPH, "--shapes", shapes])
    assert got == (code, expected) == (1, expected)


def test_shapes_the_engine_cannot_run_are_exit_2_on_a_server(loaded, capsys):
    # pySHACL, the fallback, would need the whole graph here: the shape is named instead of skipped
    args = [
        "shacl",
        "--endpoint",
        loaded.query_url,
        "--graph",
        PEOPLE_GRAPH,
        "--shapes",
        str(DATA / "shacl" / "engine" / "nested-sparql.ttl"),  # a SPARQL constraint inside another shape
    ]
    assert main(args) == 2
    assert "inside another shape" in capsys.readouterr().err


def test_missing_reference_content_is_exit_2(loaded, capsys):
    code = main(["validate", "--endpoint", loaded.query_url, "--graph", EMPTY_GRAPH])
    err = capsys.readouterr().err
    assert code == 2
    assert "not on" in err and "svco load --endpoint" in err


def test_reference_content_of_another_version_is_exit_2(loaded, capsys, tmp_path):
    old = tmp_path / "old-svco.ttl"
    old.write_text(
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        '<https://w3id.org/svco> a owl:Ontology ; owl:versionInfo "0.0.1" .\n'
        "<https://w3id.org/svco/reference> a owl:Ontology .\n",
        encoding="utf-8",
    )
    graph = "https://example.org/svco-tests/remote/old-version"
    writer = Endpoint(loaded.store_url, user=loaded.user, password=loaded.password, auth=loaded.auth)
    writer.put_graph(graph, old.read_bytes())
    try:
        code = main(["validate", "--endpoint", loaded.query_url, "--graph", graph])
        err = capsys.readouterr().err
    finally:
        Endpoint(loaded.update_url, user=loaded.user, password=loaded.password, auth=loaded.auth).update(
            f"DROP SILENT GRAPH <{graph}>"
        )
    assert code == 2
    assert "version 0.0.1" in err


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["validate", "model.ttl", "--endpoint", "http://127.0.0.1:9/sparql"], "name no model files"),
        (["validate", "--graph", "https://example.org/g"], "--graph is for --endpoint"),
        (["validate", "--endpoint", "http://127.0.0.1:9/sparql", "--engine", "pyshacl"], "pyshacl cannot validate"),
        (["validate", "--endpoint", "http://127.0.0.1:9/sparql", "--store", "st"], "exclude each other"),
        (["shacl", "--endpoint", "http://127.0.0.1:9/sparql"], "no shapes"),
        (["validate", "--endpoint", "ftp://example.org/sparql"], "not an http(s) URL"),
    ],
)
def test_usage_errors_are_exit_2(capsys, args, says):
    assert main(args) == 2
    assert says in capsys.readouterr().err


def test_a_server_that_is_down_is_exit_1(capsys):
    port = servers.free_port()
    assert main(["validate", "--endpoint", f"http://127.0.0.1:{port}/sparql", "--timeout", "5"]) == 1
    assert "cannot reach" in capsys.readouterr().err


@pytest.mark.parametrize("server_name", ["oxigraph_server", "virtuoso_server"])
def test_a_graph_past_the_request_size_is_sent_in_parts(request, monkeypatch, reference_store, server_name):
    """A graph larger than GSP_CHUNK goes as one PUT and then POSTs (Virtuoso 7.2 never answered one PUT of
    1M triples): all its triples arrive, blank nodes kept with their triples, and a second load replaces it;
    the same when the model is streamed from its file (load_files, what `svco load --endpoint` does)."""
    import svco.remote

    server: Server = request.getfixturevalue(server_name)
    writer = Endpoint(server.store_url, user=server.user, password=server.password, auth=server.auth, timeout=300)
    graph = "https://example.org/tests/chunked"
    model = ROOT / "examples" / "nextgen-order-confirmation.ttl"
    with_model = store_with(model)
    monkeypatch.setattr(svco.remote, "GSP_CHUNK", len(reference_store) // 7)
    try:
        load(writer, reference_store, graph=graph)
        load(writer, reference_store, graph=graph)  # replaced, not doubled
        assert _count(server, graph) == len(reference_store)
        assert len(with_model) > len(reference_store)
        load_files(writer, [model], graph=graph)
        assert _count(server, graph) == len(with_model)
    finally:
        Endpoint(server.update_url, user=server.user, password=server.password, auth=server.auth).update(
            f"DROP SILENT GRAPH <{graph}>"
        )


@pytest.mark.parametrize(
    "body",
    [
        b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "uri"}}]}}',
        b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "wrong", "value": "a"}}]}}',
        b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": "a"}]}}',
        b'{"type": "literal", "value": "not a document"}',
        b'{"head": {"vars": ["type", "value"]}, "results": {"bindings": [{"type": "x", "value": "y"}]}}',
    ],
)
def test_a_results_document_that_is_not_sparql_json_is_refused(body):
    """Terms are made as the JSON is parsed (object_hook): whatever is not a term where one must be is a
    ValueError, which the endpoint reports as an answer that is not SPARQL results JSON."""
    from svco.remote import parse_results_json

    with pytest.raises(ValueError):
        parse_results_json(body)


def test_results_json_terms_and_variables_named_like_term_keys():
    from svco.remote import parse_results_json

    body = (
        b'{"head": {"vars": ["type", "value"]}, "results": {"bindings": [{"type": {"type": "uri", "value": "urn:a"},'
        b' "value": {"type": "literal", "value": "1", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}},'
        b' {"type": {"type": "bnode", "value": "b0"}, "value": {"type": "bnode", "value": "b0"}}]}}'
    )
    rows = parse_results_json(body).rows
    assert rows[0]["type"].value == "urn:a" and rows[0]["value"].datatype.value.endswith("#integer")
    assert rows[1]["type"] == rows[1]["value"]  # one blank node label, one node
