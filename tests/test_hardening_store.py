"""Persistent store reloads are atomic: the old graph stays until the new one is complete (issue 11).

The SIGKILL test kills real ``svco load --store`` processes at random moments and checks the model's graph is
exactly the old content or exactly the new one, and that readers see one of the two. By default it runs a dozen
trials on a ~3k-triple model; ``pytest -m stress`` runs it on ~100k triples (minutes on a busy
machine: a 100k-triple reload took 12-55 s here under load).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from svco.errors import InputError
from svco.store import STAGING_PREFIX, Store

from .conftest import TESTS

SVCO = os.path.join(os.path.dirname(sys.executable), "svco")
GENERATE = TESTS.parent / "benchmarks" / "generate_models.py"


def _graph_triples(store: Store, graph: str) -> set:
    return {q.triple for q in store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(graph))}


def test_reload_with_a_syntax_error_keeps_the_old_graph(tmp_path):
    model = tmp_path / "model.ttl"
    model.write_text('@prefix ex: <https://example.org/> .\nex:a ex:p "old" .\nex:b ex:p "old" .\n')
    store = Store(tmp_path / "store")
    (loaded,) = store.load([model])
    old = _graph_triples(store, loaded.graph)
    assert len(old) == 2
    model.write_text('@prefix ex: <https://example.org/> .\nex:a ex:p "new" .\nex:b ex:p ex:o ex:extra .\n')
    with pytest.raises(InputError) as raised:
        store.load([model])
    assert raised.value.line == 3
    assert _graph_triples(store, loaded.graph) == old
    assert not [g for g in store.oxigraph.named_graphs() if g.value.startswith(STAGING_PREFIX)]


def test_reload_replaces_the_graph_and_counts_the_new_triples(tmp_path):
    model = tmp_path / "model.ttl"
    model.write_text('@prefix ex: <https://example.org/> .\nex:a ex:p "one" .\nex:b ex:p "two" .\n')
    store = Store(tmp_path / "store")
    store.load([model])
    model.write_text('@prefix ex: <https://example.org/> .\nex:a ex:p "three" .\n')
    (loaded,) = store.load([model])
    assert loaded.triples == 1
    assert {t.object.value for t in _graph_triples(store, loaded.graph)} == {"three"}


def test_a_stale_staging_graph_is_invisible_to_readers_and_removed_by_writers(tmp_path):
    model = tmp_path / "model.ttl"
    model.write_text('@prefix ex: <https://example.org/> .\nex:a ex:p "old" .\n')
    store = Store(tmp_path / "store")
    store.load([model])
    store.oxigraph.add(ox.Quad(ox.NamedNode("https://example.org/a"), ox.NamedNode("https://example.org/p"),
                               ox.Literal("half-loaded"), ox.NamedNode(STAGING_PREFIX + "killed")))  # fmt: skip
    store.flush()
    del store
    reader = Store(tmp_path / "store", read_only=True)
    values = {row["o"].value for row in reader.rows("SELECT ?o WHERE { ?s <https://example.org/p> ?o }")}
    assert values == {"old"}
    assert all(not g.startswith(STAGING_PREFIX) for g in reader.graphs())
    del reader
    writer = Store(tmp_path / "store")
    assert not [g for g in writer.oxigraph.named_graphs() if g.value.startswith(STAGING_PREFIX)]


def _kill_trials(tmp_path: Path, triples: int, trials: int, seed: int) -> list[str]:
    """Reload a model in a real ``svco load --store`` process, SIGKILL it at random moments; return outcomes."""
    versions = []
    for name, defects in (("a.ttl", 25), ("b.ttl", 7)):
        path = tmp_path / name
        subprocess.run([sys.executable, str(GENERATE), str(triples), str(path), "--defects", str(defects)],
                       check=True, capture_output=True, timeout=300)  # fmt: skip
        versions.append(path.read_bytes())
    expected = []
    for data in versions:
        memory = Store()
        memory.oxigraph.load(input=data, format=ox.RdfFormat.TURTLE, to_graph=ox.DefaultGraph())
        expected.append({q.triple for q in memory.oxigraph})
    assert expected[0] != expected[1]
    store_dir, model = tmp_path / "store", tmp_path / "model.ttl"
    model.write_bytes(versions[0])
    started = time.monotonic()
    subprocess.run([SVCO, "load", "--store", str(store_dir), str(model)], check=True, capture_output=True)
    full = time.monotonic() - started  # start-up, reference, load, swap, flush
    graph = model.resolve().as_uri()
    rng = random.Random(seed)
    current, outcomes = 0, []
    for _ in range(trials):
        new = 1 - current
        model.write_bytes(versions[new])
        process = subprocess.Popen([SVCO, "load", "--store", str(store_dir), str(model)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        try:
            process.wait(timeout=rng.uniform(0.2, full * 1.1))
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        reader = Store(store_dir, read_only=True)
        content = _graph_triples(reader, graph)
        seen = {row["n"].value for row in reader.rows("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")}
        del reader
        assert content in (expected[current], expected[new]), f"graph is neither old nor new: {len(content)} triples"
        state = "new" if content == expected[new] else "old"
        assert seen == {str(len(content) + _reference_size(store_dir, graph))}, "readers see staging triples"
        outcomes.append(f"{'killed' if process.returncode == -signal.SIGKILL else 'finished'}:{state}")
        current = new if state == "new" else current
    return outcomes


def _reference_size(store_dir: Path, model_graph: str) -> int:
    reader = Store(store_dir, read_only=True)
    return sum(reader.graph_size(g) for g in reader.graphs() if g != model_graph)


def test_sigkill_during_reload_leaves_old_or_new(tmp_path):
    outcomes = _kill_trials(tmp_path, triples=3_000, trials=12, seed=11)
    assert len(outcomes) == 12
    assert any(o.startswith("killed") for o in outcomes), outcomes


@pytest.mark.stress
def test_sigkill_during_reload_of_100k_triples(tmp_path):
    outcomes = _kill_trials(tmp_path, triples=100_000, trials=12, seed=100)
    print(outcomes)
    assert any(o.startswith("killed") for o in outcomes), outcomes
