"""Fuzzing ``svco validate``: mutated models in every syntax, every report format (issue 11).

Hypothesis mutates the example models and test fixtures (bytes, lines, tokens, hostile terms) in Turtle,
N-Triples, RDF/XML and JSON-LD and runs ``svco validate`` in-process: the exit code is 0, 1 or 2, never 3 or a
traceback, and every machine-format report parses. The default run is 2,000 cases with a fixed seed
(derandomized, so CI is repeatable); ``pytest -m stress tests/test_fuzz.py`` runs 20,000 random ones. A failing
case is printed (Hypothesis shows the shrunk example and a reproduction blob).
"""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
import xml.dom.minidom
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svco.cli import main

from .conftest import DATA, TESTS

SEEDS = sorted(
    [p for p in (DATA / "invalid").glob("*.ttl")][:6]
    + [p for p in (DATA / "valid").iterdir() if p.suffix in (".ttl", ".jsonld", ".rdf")]
    + [DATA / "locate" / f"model.{ext}" for ext in ("ttl", "nt", "rdf", "jsonld")]
    + [TESTS.parent / "examples" / "reporting-and-password-reset.ttl"]
)
FORMATS = ("text", "json", "turtle", "junit", "sarif", "github")
HOSTILE = [
    '"', "<", ">", ".", ";", ",", "[", "]", "(", ")", "{", "}", "_:b0", "a", "@prefix", "^^", "@en", "\\u0000",
    '"x"^^<http://www.w3.org/2001/XMLSchema#integer>', "<urn:x>", "<file:///etc/passwd>", "&lol;", "<!ENTITY",
    "\x1b[31m", "\x00", "\ufeff", "\ud800", "svc:position", "svc:Nonexistent", '"-1"', "9" * 40, "rdf:nil",
    '"""', "'''", "#", "\n", "<?xml", "]]>", "@context", "@id", "null",
]  # fmt: skip


def _mutate(data: bytes, draw) -> bytes:
    kind = draw(st.sampled_from(["flip", "insert", "delete", "lines", "token", "truncate"]))
    if not data:
        return data
    at = draw(st.integers(0, len(data) - 1))
    if kind == "flip":
        return data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
    if kind == "insert":
        return data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
    if kind == "delete":
        return data[:at] + data[at + draw(st.integers(1, 40)) :]
    if kind == "truncate":
        return data[:at]
    if kind == "lines":
        lines = data.split(b"\n")
        i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
        how = draw(st.sampled_from(["drop", "duplicate", "swap"]))
        if how == "drop":
            del lines[i]
        elif how == "duplicate":
            lines.insert(j, lines[i])
        else:
            lines[i], lines[j] = lines[j], lines[i]
        return b"\n".join(lines)
    tokens = data.split(b" ")
    i = draw(st.integers(0, len(tokens) - 1))
    tokens[i] = draw(st.sampled_from(HOSTILE)).encode("utf-8", "surrogatepass")
    return b" ".join(tokens)


@st.composite
def cases(draw):
    seed = draw(st.sampled_from(SEEDS))
    data = seed.read_bytes()
    for _ in range(draw(st.integers(1, 3))):
        data = _mutate(data, draw)
    return seed.suffix, data, draw(st.sampled_from(FORMATS)), draw(st.sampled_from(["violation", "warning", "info"]))


def _check_output(fmt: str, out: str) -> None:
    """A machine-format report must parse; no report may carry a raw escape character to a terminal."""
    if fmt in ("json", "sarif"):
        doc = json.loads(out)
        assert isinstance(doc, dict) and (fmt != "sarif" or doc["runs"])
    elif fmt == "turtle":
        list(ox.parse(out.encode(), format=ox.RdfFormat.TURTLE))
    elif fmt == "junit":
        xml.dom.minidom.parseString(out.encode())
    else:
        assert "\x1b" not in out and "\x00" not in out


def _run(case, workdir: Path) -> None:
    suffix, data, fmt, fail_on = case
    model = workdir / f"model{suffix}"
    model.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["validate", str(model), "--format", fmt, "--fail-on", fail_on])
    assert code in (0, 1, 2), f"exit {code}: {err.getvalue()}"
    assert "Traceback" not in err.getvalue() and "internal error" not in err.getvalue(), err.getvalue()
    if code == 2:
        assert err.getvalue().startswith(("svco: error:", "Error:", "Usage:")), err.getvalue()
        assert out.getvalue() == ""
    else:
        _check_output(fmt, out.getvalue())


_SETTINGS = dict(
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


@settings(max_examples=2000, derandomize=True, **_SETTINGS)
@given(cases())
def test_validate_survives_mutated_models(case):
    with tempfile.TemporaryDirectory() as workdir:
        _run(case, Path(workdir))


@pytest.mark.stress
@settings(max_examples=20000, **_SETTINGS)
@given(cases())
def test_validate_survives_mutated_models_long(case):
    with tempfile.TemporaryDirectory() as workdir:
        _run(case, Path(workdir))
