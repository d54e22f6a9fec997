"""Load (issue 11, item 4): queries answer while a load writes, and 1,000 queries in a row leak nothing.

Figures are printed (``pytest -s``): how many queries ran during the reload and what they saw; client RSS
and open file descriptors after 100 and 1,000 queries, and the server's RSS before and after.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from svco.remote import Endpoint

from . import servers
from .conftest import TESTS

oxigraph_server = servers.oxigraph_server
virtuoso_server = servers.virtuoso_server

SVCO = os.path.join(os.path.dirname(sys.executable), "svco")
GENERATE = TESTS.parent / "benchmarks" / "generate_models.py"


def _count(store_dir: Path, graph: str) -> tuple[int, str]:
    """`svco query --store` in its own process: (exit code, the number of triples in ``graph`` or stderr)."""
    sparql = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    done = subprocess.run([SVCO, "query", "--store", str(store_dir), "--sparql", sparql, "--format", "csv"],
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    return done.returncode, done.stdout.split()[-1] if done.returncode == 0 else done.stderr


def test_queries_during_a_reload_see_the_old_or_the_new_model(tmp_path):
    """Real `svco query --store` processes, one after another, while a real `svco load --store` reloads the
    model: every query exits 0 and counts exactly the old or exactly the new graph, never a mix or an error."""
    versions = []
    for name, defects in (("a.ttl", 25), ("b.ttl", 7)):
        path = tmp_path / name
        subprocess.run([sys.executable, str(GENERATE), "10000", str(path), "--defects", str(defects)],
                       check=True, capture_output=True, timeout=300)  # fmt: skip
        versions.append(path.read_bytes())
    store_dir, model = tmp_path / "store", tmp_path / "model.ttl"
    graph = model.resolve().as_uri()
    model.write_bytes(versions[0])
    subprocess.run([SVCO, "load", "--store", str(store_dir), str(model)], check=True, capture_output=True)
    old = _count(store_dir, graph)
    model.write_bytes(versions[1])
    loader = subprocess.Popen([SVCO, "load", "--store", str(store_dir), str(model)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # fmt: skip
    seen = []
    while loader.poll() is None:
        seen.append(_count(store_dir, graph))
    assert loader.wait(timeout=300) == 0, loader.stderr.read()
    new = _count(store_dir, graph)
    assert old[0] == new[0] == 0 and old[1] != new[1]
    print(f"\n{len(seen)} queries during the reload; old {old[1]}, new {new[1]} triples; seen {sorted(set(seen))}")
    assert seen, "the reload finished before any query ran"
    assert all(code == 0 for code, _ in seen), [out for code, out in seen if code != 0]
    assert {count for _, count in seen} <= {old[1], new[1]}


def _rss_kb(pid: int | str = "self") -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


def _fds() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.parametrize("name", ["oxigraph_server", "virtuoso_server"])
def test_a_thousand_queries_in_a_row_leak_nothing(name, request):
    """The `svco query --endpoint` code path (Endpoint.run, SPARQLWrapper, the deadline thread) 1,000 times:
    after a warm-up of 100 queries the client's memory grows by less than 4 MB and no descriptor stays open."""
    server = request.getfixturevalue(name)
    endpoint = Endpoint(server.query_url, timeout=30)
    sparql = "SELECT ?s ?p ?o WHERE { VALUES ?s { <urn:svco:leak> } OPTIONAL { ?s ?p ?o } }"
    server_before = _rss_kb(server.pid) if server.pid else 0
    started = time.monotonic()
    for i in range(1, 1001):
        assert len(endpoint.run(sparql).rows) == 1
        if i == 100:
            rss_100, fds_100 = _rss_kb(), _fds()
    took = time.monotonic() - started
    rss_1000, fds_1000 = _rss_kb(), _fds()
    server_after = _rss_kb(server.pid) if server.pid else 0
    print(
        f"\n{server.name}: 1000 queries in {took:.1f} s ({1000 / took:.0f}/s); client RSS {rss_100 / 1024:.1f} MB "
        f"at 100, {rss_1000 / 1024:.1f} MB at 1000; fds {fds_100} -> {fds_1000}; "
        f"server RSS {server_before / 1024:.0f} -> {server_after / 1024:.0f} MB"
    )
    assert rss_1000 - rss_100 < 4 * 1024
    assert fds_1000 <= fds_100
