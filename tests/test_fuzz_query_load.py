"""Fuzzing ``svco query --param`` and ``svco load --store`` (issue 11, item 3).

Every parameter of every catalog query gets hostile text (quotes, braces, SPARQL keywords and comments, IRIs
with spaces, lone surrogates, NUL, bytes that are not UTF-8 as the shell would pass them): the exit code is 0,
1 or 2, never a traceback, and the store is byte-for-byte what it was (a query opens it read-only). Mutated
models are loaded into a persistent store again and again: a load that fails (exit 2) leaves the store
exactly as it was; one that succeeds replaces that model's graph. Derandomized for CI (300 query cases, 40
loads: a load into a persistent store takes ~0.7 s); ``pytest -m stress`` runs 3,000 and 600 random ones.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svco.catalog import catalog
from svco.cli import main
from svco.store import Store

from .conftest import DATA, TESTS
from .test_fuzz import _mutate

EXAMPLE = TESTS.parent / "examples" / "reporting-and-password-reset.ttl"
QUERIES = sorted(catalog().items())
PARAMETERS = [(name, p.name) for name, query in QUERIES for p in query.params]
HOSTILE_VALUES = [
    '"', "'", '"} ; DROP ALL ; SELECT * WHERE { "', "> . } INSERT DATA { <urn:x> <urn:p> <urn:o> } #",
    "svc:Plan> } UNION { ?s ?p ?o", "<https://w3id.org/svco#Plan>", "<not an iri>", "svc:", ":", "svc:Nope",
    "Design and transition", "design & transition", "\\", "\\u0022", "?this", "$value", "# comment\n}", "",
    " ", "\x00", "\ud800", "\udcff", "\x1b[2J", "\u202e", "a" * 5000, "http://example.org/ space", "_:b0",
    "1", "-1", "1e308", "NaN", "true", "SELECT", "SERVICE <http://127.0.0.1:9/>",
]  # fmt: skip
_SETTINGS = dict(deadline=None, database=None, print_blob=True,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])  # fmt: skip


def _fingerprint(store_dir: Path) -> str:
    store = Store(store_dir, read_only=True)
    try:
        return hashlib.sha256("\n".join(sorted(str(q) for q in store.oxigraph)).encode()).hexdigest()
    finally:
        del store


def _svco(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def loaded_store(tmp_path_factory) -> tuple[Path, str]:
    store_dir = tmp_path_factory.mktemp("fuzz") / "store"
    assert _svco("load", "--store", str(store_dir), str(EXAMPLE), str(DATA / "queries" / "model.ttl"))[0] == 0
    return store_dir, _fingerprint(store_dir)


values = st.one_of(
    st.sampled_from(HOSTILE_VALUES),
    st.text(max_size=40),
    st.binary(max_size=20).map(os.fsdecode),  # what a shell hands over for bytes that are not UTF-8
    st.lists(st.sampled_from(HOSTILE_VALUES), min_size=2, max_size=4).map("".join),
)
query_cases = st.tuples(
    st.sampled_from(PARAMETERS), values, st.sampled_from(["table", "csv", "json", "markdown"]), st.booleans()
)


def _query_case(store: tuple[Path, str], case) -> None:
    (name, param), value, fmt, misspell = case
    store_dir, before = store
    key = param + "x" if misspell else param
    code, _, err = _svco("query", name, "--store", str(store_dir), "--param", f"{key}={value}", "--format", fmt)
    assert code in (0, 1, 2), f"exit {code}: {err}"
    assert "Traceback" not in err and "internal error" not in err, err
    if misspell:
        assert code == 2 and "no parameter" in err
    assert _fingerprint(store_dir) == before, "a query changed the store"


@settings(max_examples=300, derandomize=True, **_SETTINGS)
@given(case=query_cases)
def test_query_parameters_survive_hostile_values(loaded_store, case):
    _query_case(loaded_store, case)


@pytest.mark.stress
@settings(max_examples=3000, **_SETTINGS)
@given(case=query_cases)
def test_query_parameters_survive_hostile_values_long(loaded_store, case):
    _query_case(loaded_store, case)


@st.composite
def models(draw) -> bytes:
    data = EXAMPLE.read_bytes()
    for _ in range(draw(st.integers(0, 2))):
        data = _mutate(data, draw)
    return data


class _LoadState:
    """One persistent store and model path shared by the cases, and the fingerprint the store must have."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="svco-fuzz-load-"))
        self.store_dir, self.model = self.folder / "store", self.folder / "model.ttl"
        self.model.write_bytes(EXAMPLE.read_bytes())
        assert _svco("load", "--store", str(self.store_dir), str(self.model))[0] == 0
        self.expected = _fingerprint(self.store_dir)

    def check(self, data: bytes) -> None:
        self.model.write_bytes(data)
        code, _, err = _svco("load", "--store", str(self.store_dir), str(self.model))
        assert code in (0, 2), f"exit {code}: {err}"
        assert "Traceback" not in err and "internal error" not in err, err
        now = _fingerprint(self.store_dir)
        if code == 2:
            assert now == self.expected, f"a failed load changed the store: {err}"
        self.expected = now


@pytest.fixture(scope="module")
def load_state() -> _LoadState:
    return _LoadState()


@settings(max_examples=40, derandomize=True, **_SETTINGS)
@given(data=models())
def test_a_failed_load_leaves_the_store_as_it_was(load_state, data):
    load_state.check(data)


@pytest.mark.stress
@settings(max_examples=600, **_SETTINGS)
@given(data=models())
def test_a_failed_load_leaves_the_store_as_it_was_long(load_state, data):
    load_state.check(data)
