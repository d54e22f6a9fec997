"""Real SPARQL servers for the tests: the Oxigraph server and Virtuoso Open Source, on 127.0.0.1.

Each is a pytest session fixture: started once on free ports in a temporary folder, stopped (its whole
process group) at the end of the session whatever happens. A test module uses them by importing the
fixtures. When a server's program is missing the fixture skips with the reason, except in CI (``CI=true``),
where it fails: CI installs both (``scripts/setup-tests``), so a missing one is a broken set-up, not a reason to
pass quietly.

The Oxigraph server runs with ``--union-default-graph`` so that, like Virtuoso and like svco's embedded
store, a query without ``default-graph-uri`` sees every graph.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

START_TIMEOUT = 90.0


@dataclass(frozen=True)
class Server:
    """A running SPARQL server: where to query, update and put graphs, and the credentials for writing."""

    name: str
    query_url: str
    update_url: str
    store_url: str
    user: str | None = None
    password: str | None = None
    auth: str = "basic"

    def credentials(self) -> list[str]:
        """The svco options that carry the write credentials."""
        if not self.user:
            return []
        return ["--user", self.user, "--password", self.password or "", "--auth", self.auth]


def missing(what: str) -> None:
    """Fail in CI, skip elsewhere, saying what is missing and how to get it."""
    message = f"{what} (run scripts/setup-tests to install it)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI needs a SPARQL server: {message}", pytrace=False)
    pytest.skip(message)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(process: subprocess.Popen, url: str, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}:\n{_tail(log)}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the server did not answer {url} within {START_TIMEOUT:g} s:\n{_tail(log)}")


def _tail(log: Path) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-15:])
    except OSError:
        return "(no log)"


def _stop(process: subprocess.Popen) -> None:
    """Stop the server and anything it started: SIGTERM to its process group, SIGKILL if it lingers."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def _run(command: list[str], cwd: Path, ready_url: str) -> subprocess.Popen:
    log = cwd / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_until_up(process, ready_url, log)
    except BaseException:
        _stop(process)
        raise
    return process


def oxigraph_program() -> str | None:
    """The ``oxigraph`` server binary (the PyPI package ``oxigraph``, in the venv's bin folder)."""
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.is_file() else shutil.which("oxigraph")


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory) -> Iterator[Server]:
    """An Oxigraph server with an empty store, union default graph, no authentication."""
    program = oxigraph_program()
    if program is None:
        missing("the Oxigraph server (PyPI package `oxigraph`) is not installed")
    folder = tmp_path_factory.mktemp("oxigraph")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [program, "serve", "--location", str(folder / "db"), "--bind", f"127.0.0.1:{port}",
               "--union-default-graph"]  # fmt: skip
    process = _run(command, folder, f"{base}/query?query=ASK%7B%7D")
    try:
        yield Server("oxigraph", f"{base}/query", f"{base}/update", f"{base}/store")
    finally:
        _stop(process)


VIRTUOSO_INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}/www
ServerThreads = 10
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 300
MaxQueryCostEstimationTime = 400
"""


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory) -> Iterator[Server]:
    """Virtuoso Open Source 7 with a fresh database on 127.0.0.1 (user dba with a random password; writes need
    digest auth).

    A new Virtuoso database has the well-known dba password ``dba``: a first run with ``+pwddba`` creates the
    database, changes the password and exits before the server proper is started.
    """
    program = shutil.which("virtuoso-t")
    if program is None:
        missing("Virtuoso Open Source (Debian package `virtuoso-opensource`, program virtuoso-t) is not installed")
    folder = tmp_path_factory.mktemp("virtuoso")
    (folder / "www").mkdir()
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, sql_port=sql_port, http_port=http_port))
    password = secrets.token_hex(8)  # 16 characters: Virtuoso 7.2 refuses digest logins with 32
    config = [program, "+foreground", "+configfile", str(ini)]
    changed = subprocess.run(
        [*config, "+pwdold", "dba", "+pwddba", password, "+pwddav", password],
        cwd=folder,
        capture_output=True,
        timeout=START_TIMEOUT,
        start_new_session=True,
        check=False,
    )
    if changed.returncode != 0:
        raise RuntimeError(
            f"Virtuoso could not set the dba password (exit {changed.returncode}): {changed.stdout[-1500:]!r}"
        )
    base = f"http://127.0.0.1:{http_port}"
    process = _run(config, folder, f"{base}/sparql?query=ASK%7B%7D")
    try:
        yield Server(
            "virtuoso",
            f"{base}/sparql",
            f"{base}/sparql-auth",
            f"{base}/sparql-graph-crud-auth",
            user="dba",
            password=password,
            auth="digest",
        )
    finally:
        _stop(process)
