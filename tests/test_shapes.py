"""The shapes, data-driven: every valid model passes, every invalid one raises exactly what it declares.

An invalid fixture declares its expected results in header comments, one a line:

    # expect: Violation svcs:StepHasOneActivity/MaxCount ex:step2

severity, source shape (with the constraint component after a slash when the shape has several), and focus
node (a CURIE using the file's own @prefix lines, or a full <IRI>). The test compares the set of results
svco reports with the set declared: nothing missing, nothing extra (as the W3C SHACL test suite does).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from svco.errors import UsageError
from svco.store import Store
from svco.validate import run_engine, shape_names, validate_store

from .conftest import DATA, store_with

VALID = sorted((DATA / "valid").glob("*.*"))
INVALID = sorted((DATA / "invalid").glob("*.*"))
SHAPES_NS = "https://w3id.org/svco/shapes#"
_EXPECT = re.compile(r"^#\s*expect:\s*(Violation|Warning|Info)\s+(\S+)\s+(\S+)\s*$")
_PREFIX = re.compile(r"^@prefix\s+([\w-]*):\s*<([^>]*)>\s*\.", re.MULTILINE)


def _expand(curie: str, prefixes: dict[str, str]) -> str:
    if curie.startswith("<") and curie.endswith(">"):
        return curie[1:-1]
    prefix, _, local = curie.partition(":")
    if prefix not in prefixes:
        raise ValueError(f"unknown prefix in {curie!r}")
    return prefixes[prefix] + local


def expected_results(path: Path) -> set[tuple[str, str, str | None, str]]:
    """(severity, shape IRI, component or None, focus IRI) for each `# expect:` line of a fixture."""
    text = path.read_text(encoding="utf-8")
    prefixes = {"svcs": SHAPES_NS, **dict(_PREFIX.findall(text))}
    expected = set()
    for line in text.splitlines():
        match = _EXPECT.match(line)
        if match:
            severity, shape, focus = match.groups()
            shape, _, component = shape.partition("/")
            expected.add((severity, _expand(shape, prefixes), component or None, _expand(focus, prefixes)))
    return expected


def _validate(path: Path, engine: str = "auto"):
    return validate_store(store_with(path), engine=engine)


def test_fixtures_exist():
    assert len(VALID) >= 3 and len(INVALID) >= 15


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_model_has_no_result(path):
    report = _validate(path)
    assert report.results == [], "\n".join(f"{r.severity} {r.shape} {r.focus}: {r.message}" for r in report.results)


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_model_raises_exactly_what_it_declares(path):
    expected = expected_results(path)
    assert expected, f"{path.name} declares no `# expect:` line"
    report = _validate(path)
    got = set()
    for r in report.results:
        component = r.component.removesuffix("ConstraintComponent")
        declared = any(e[1] == r.shape and e[2] is not None for e in expected)
        got.add((r.severity, r.shape, component if declared else None, r.focus))
    assert got == expected


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_every_message_names_where_and_what(path):
    report = _validate(path)
    for r in report.results:
        assert r.message and len(r.message) > 30, r
        if r.stream and not r.shape.endswith("#StreamHasLabel"):  # an unlabelled stream is named by its IRI
            assert r.stream_label, f"{r.shape} on {r.focus}: the stream's label is missing"
        if r.step:
            assert r.step_label or r.focus_label is None, r
        assert r.where, r


def test_every_shape_is_exercised_by_a_fixture():
    declared = set().union(*(e for e in map(expected_results, INVALID))) if INVALID else set()
    exercised = {shape for _, shape, _, _ in declared}
    assert set(shape_names()) - exercised == set()


def test_engines_agree_on_all_fixtures_and_examples():
    """svco's SPARQL engine and pyshacl give the same results (one pyshacl run over everything: it is slow)."""
    from svco.resources import examples_dir

    store = Store()
    store.load_reference()
    store.load([*VALID, *INVALID, examples_dir()] if any(examples_dir().glob("*.ttl")) else [*VALID, *INVALID])
    fast, engine = run_engine(store, "svco")
    reference, _ = run_engine(store, "pyshacl")
    assert engine == "svco"
    assert {r.key() for r in fast} == {r.key() for r in reference}
    assert len(fast) >= len(INVALID)


def test_unsupported_shapes_fall_back_to_pyshacl(tmp_path):
    """A shape outside the fast engine's subset (here sh:pattern) is run by pyshacl (that shape alone), not ignored."""
    shapes = tmp_path / "extra.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix svc: <https://w3id.org/svco#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<https://example.org/shapes#LabelPattern> a sh:PropertyShape ; sh:targetClass svc:ValueStream ;\n"
        '    sh:path rdfs:label ; sh:pattern "^[A-Z]" .\n'
    )
    model = tmp_path / "lowercase.ttl"
    model.write_text(
        "@prefix svc: <https://w3id.org/svco#> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        '<https://example.org/m#a> a svc:ValueStream ; rdfs:label "lowercase stream" .\n'
        '<https://example.org/m#b> a svc:ValueStream ; rdfs:label "Capitalised stream" .\n'
    )
    store = store_with(model)
    with pytest.raises(
        UsageError, match=r"cannot evaluate these shapes:\n  <https://example.org/shapes#LabelPattern> uses .*#pattern"
    ):
        run_engine(store, "svco", [shapes])
    results, engine = run_engine(store, "auto", [shapes])
    assert engine == "svco+pyshacl"
    assert [(r.focus.value, r.component) for r in results] == [
        ("https://example.org/m#a", "http://www.w3.org/ns/shacl#PatternConstraintComponent")
    ]
