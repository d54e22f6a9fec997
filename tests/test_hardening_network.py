"""``file:`` imports need a flag of their own; ``--timeout`` bounds a whole request, not each read (issue 11)."""

from __future__ import annotations

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


class _Trickle(http.server.BaseHTTPRequestHandler):
    """Answers 200 and then one byte every 0.2 s for a minute: every read is quick, the whole is not."""

    def do_GET(self):
        self._trickle()

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._trickle()

    def _trickle(self):
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

    def log_message(self, *args):
        pass


@pytest.fixture
def trickling_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Trickle)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


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
