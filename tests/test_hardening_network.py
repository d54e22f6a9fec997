"""``file:`` imports need a flag of their own; ``--timeout`` bounds a whole request, not each read (issue 11)."""

from __future__ import annotations

import contextlib
import http.server
import threading
import time

import pytest

from svco.cli import main
from svco.errors import InputError
from svco.imports import resolve_imports
from svco.store import Store

SECRET = "svco-secret-line-do-not-echo"


@pytest.fixture
def importing_model(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(f"{SECRET}\n")
    model = tmp_path / "model.ttl"
    model.write_text(
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        f"<https://example.org/m> a owl:Ontology ; owl:imports <{secret.as_uri()}> .\n"
    )
    return model


@pytest.mark.parametrize("flags", [[], ["--allow-network"]])
def test_file_imports_are_not_read_without_their_flag(importing_model, capsys, flags):
    assert main(["validate", str(importing_model), "--format", "json", *flags]) == 0
    err = capsys.readouterr().err
    assert "is not resolved" in err and "--allow-file-imports" in err
    assert SECRET not in err


def test_file_imports_with_their_flag_are_read_and_never_echoed(importing_model, capsys):
    assert main(["validate", str(importing_model), "--allow-file-imports"]) == 2
    captured = capsys.readouterr()
    assert "secret.txt" in captured.err and "unknown RDF file extension" in captured.err
    assert SECRET not in captured.err + captured.out


class _Answering(http.server.BaseHTTPRequestHandler):
    """A test server's handler: every GET or POST (its body read) gets ``_answer``; nothing is logged."""

    def do_GET(self):
        self._answer()

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._answer()

    def _answer(self):
        raise NotImplementedError

    def log_message(self, *args):
        pass


class _Trickle(_Answering):
    """Answers 200 and then one byte every 0.2 s for a minute: every read is quick, the whole is not."""

    def _answer(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.end_headers()
        try:
            for _ in range(300):
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass


@contextlib.contextmanager
def _serving(handler: type[_Answering]):
    """A threaded HTTP server on 127.0.0.1 with ``handler``: its base URL, stopped on leaving."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def trickling_server():
    with _serving(_Trickle) as url:
        yield url


def test_timeout_bounds_the_whole_query(trickling_server, capsys):
    started = time.monotonic()
    code = main(["query", "ontology-summary", "--endpoint", trickling_server + "/query", "--timeout", "1.5"])
    elapsed = time.monotonic() - started
    assert code == 1
    assert "did not answer within 1.5 s" in capsys.readouterr().err
    assert elapsed < 8, elapsed


def test_timeout_bounds_an_import_download(trickling_server, tmp_path):
    model = tmp_path / "model.ttl"
    model.write_text(f"<https://example.org/m> <http://www.w3.org/2002/07/owl#imports> <{trickling_server}/o.ttl> .\n")
    store = Store()
    store.load([model])
    started = time.monotonic()
    with pytest.raises(InputError, match="cannot fetch"):
        resolve_imports(store, allow_network=True, timeout=1.0)
    assert time.monotonic() - started < 8


class _Garbage(_Answering):
    """Answers every request with the class's ``body`` as SPARQL JSON results, whatever it is."""

    body = b""

    def _answer(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)


BAD_ANSWERS = [
    b"garbage",
    b'{"results": {"bindings": [{"x": "not a term"}]}}',
    b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "martian", "value": "1"}}]}}',
    b"[1, 2]",
    b'{"boolean": tr',
    b"\xff\xfe\x00",
    b"",
    b'{"head": {"vars": ["x"]}, "results": {"bindings": 7}}',
]


@pytest.mark.parametrize("body", BAD_ANSWERS)
@pytest.mark.parametrize("query", [["ontology-summary"], ["--sparql", "ASK {}"]])
def test_garbage_answers_are_exit_1_with_a_reason(capsys, body, query):
    """A server that answers 200 with something that is not SPARQL results fails the query (1), not svco (3)."""
    with _serving(type("Answer", (_Garbage,), {"body": body})) as base:
        url = f"{base}/query"
        code = main(["query", *query, "--endpoint", url, "--timeout", "5"])
    err = capsys.readouterr().err
    assert code == 1, err
    assert "Traceback" not in err and "bug in svco" not in err
    assert url in err or "server" in err
