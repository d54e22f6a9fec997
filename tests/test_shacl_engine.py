"""svco's SHACL engine on small cases, one fixture file each (shapes and data in one graph).

Each file declares what the engine must give in its header comments:
``# expect: ex:focus Component`` (the exact set of (focus, component) results; with a third word,
``ex:focus Component ex:shape``, the source shape is compared too, and a fourth is the value), or
``# unsupported: text`` (the shape is refused with a reason containing text: never silently ignored), and
``# known-failure: reason`` for a case pinned as failing today (strict: it fails the suite once it passes),
``# pyshacl-wrong: reason`` for a case the pySHACL cross-check leaves out (pySHACL is known wrong on it).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from svco.cli import main
from svco.shacl import OxigraphRunner, compile_shapes
from svco.store import Store
from svco.validate import run_pyshacl

CASES = sorted((Path(__file__).parent / "data" / "shacl" / "engine").glob("*.ttl"))
EX = "http://example.org/ns#"
SH = "http://www.w3.org/ns/shacl#"


def _declared(path: Path, key: str) -> list[str]:
    return re.findall(rf"^# {key}: (.*)$", path.read_text(encoding="utf-8"), re.MULTILINE)


def _param(path: Path):
    known = _declared(path, "known-failure")
    marks = [pytest.mark.xfail(strict=True, reason=known[0])] if known else []
    return pytest.param(path, id=path.stem, marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_engine_case(case: Path):
    store = Store()
    store.load([case])
    compiled = compile_shapes([case])
    reasons = " | ".join(compiled.unsupported.values())
    for expected in _declared(case, "unsupported"):
        assert expected in reasons
    if not _declared(case, "unsupported"):
        assert not compiled.unsupported, reasons
        results = compiled.run(OxigraphRunner(store.oxigraph))
        expected = {tuple(line.split()) for line in _declared(case, "expect")}
        width = max((len(e) for e in expected), default=2)
        got = {_row(r)[:width] for r in results}
        assert got == expected


def _row(result) -> tuple[str, ...]:
    """A result as the fixture headers write it: focus, component, source shape, value (ex: abbreviated)."""
    terms = (result.focus, result.component, result.shape, result.value)
    return tuple(str(t).strip("<>").replace(EX, "ex:").removeprefix(SH) for t in terms)


def test_cli_refuses_or_falls_back_per_shape(capsys):
    """--engine svco: exit 2 naming shape and construct; auto: that shape alone on pyshacl, said on stderr."""
    case = str(Path(__file__).parent / "data" / "shacl" / "engine" / "nested-sparql.ttl")
    assert main(["shacl", case, "--shapes", case, "--engine", "svco"]) == 2
    err = capsys.readouterr().err
    assert "http://example.org/ns#S" in err and "SPARQLConstraintComponent inside another shape" in err
    assert main(["shacl", case, "--shapes", case, "--format", "json"]) == 1
    out, err = capsys.readouterr()
    assert json.loads(out)["engine"] == "svco+pyshacl"
    assert "pyshacl runs <http://example.org/ns#S>" in err
    assert [r["component"] for r in json.loads(out)["results"]] == ["NodeConstraintComponent"]


def test_shapes_pyshacl_refuses_are_a_clear_error_not_a_crash(tmp_path, capsys):
    """pySHACL will not follow sh:node to a property shape: --engine pyshacl exits 2 saying so (not 3)."""
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        f"@prefix ex: <{EX}> .\n@prefix sh: <{SH}> .\n"
        "ex:B a sh:NodeShape ; sh:targetNode ex:a ; sh:node ex:M .\n"
        "ex:M a sh:PropertyShape ; sh:path ex:p ; sh:minCount 1 .\n",
        encoding="utf-8",
    )
    assert main(["shacl", str(shapes), "--shapes", str(shapes), "--engine", "pyshacl"]) == 2
    err = capsys.readouterr().err
    assert "pySHACL could not validate with these shapes: Shape pointed to by sh:node" in err
    assert "Traceback" not in err


def test_nested_property_shape_severity_and_message():
    """A property shape under sh:property reports its own severity and sh:message, not its parent's."""
    case = Path(__file__).parent / "data" / "shacl" / "nested-severity.ttl"
    store = Store()
    store.load([case])
    results = compile_shapes([case]).run(OxigraphRunner(store.oxigraph))
    got = {(r.shape.value.replace(EX, "ex:"), r.severity.removeprefix(SH), r.message) for r in results}
    assert got == {("ex:Parent", "Violation", "parent"), ("ex:Child", "Warning", f"child <{EX}a> lacks a name")}


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, id=c.stem)
        for c in CASES
        if _declared(c, "expect") and not _declared(c, "known-failure") and not _declared(c, "pyshacl-wrong")
    ],
)
def test_pyshacl_agrees_on_case(case: Path):
    """The reference engine gives the results each fixture declares (so the fixtures state SHACL, not svco)."""
    store = Store()
    store.load([case])
    expected = {tuple(line.split()) for line in _declared(case, "expect")}
    width = max(len(e) for e in expected)
    assert {_row(r)[:width] for r in run_pyshacl(store, [case])} == expected


def test_component_message_fills_parameters():
    """A SPARQL-based component's sh:message has its {$param} placeholders filled with the parameter values."""
    case = Path(__file__).parent / "data" / "shacl" / "engine" / "sparql-component-ask.ttl"
    store = Store()
    store.load([case])
    results = compile_shapes([case]).run(OxigraphRunner(store.oxigraph))
    assert {(r.value.value, r.message) for r in results} == {("long", "longer than 2"), ("too long", "longer than 2")}


def test_has_value_counts_the_focus_on_a_nullable_path_when_the_focus_is_not_in_the_data(tmp_path):
    """A zero-length path has the focus node among its values (SHACL 2.3.1), in the data or not: Oxigraph
    answers ``?this (p*)* ex:a`` false for an ex:a in no triple, so sh:hasValue tests the focus itself too
    (found by the differential test: a literal sh:targetNode and sh:hasValue of that literal)."""
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        f"@prefix ex: <{EX}> .\n@prefix sh: <{SH}> .\n"
        "ex:Itself sh:targetNode ex:absent , 1 ; sh:path [ sh:zeroOrMorePath [ sh:zeroOrMorePath ex:p ] ] ;\n"
        "    sh:hasValue ex:absent .\n",
        encoding="utf-8",
    )
    data = tmp_path / "data.ttl"
    data.write_text(f"<{EX}n0> <{EX}p> <{EX}n0> .\n", encoding="utf-8")
    store = Store()
    store.load([data])
    expected = {('"1"^^<http://www.w3.org/2001/XMLSchema#integer>', SH + "HasValueConstraintComponent")}
    runs = compile_shapes([shapes]).run(OxigraphRunner(store.oxigraph)), run_pyshacl(store, [shapes])
    for results in runs:  # ex:absent is its own value; 1 is not ex:absent
        assert {(str(r.focus), str(r.component).strip("<>")) for r in results} == expected


def test_pyshacl_engine_takes_a_typed_string_in_the_shapes_for_the_plain_one(tmp_path):
    """RDF 1.1: "x"^^xsd:string is "x". rdflib tells them apart, so svco gives pySHACL both graphs in the plain
    form; a typed string in sh:in or sh:hasValue matched no value before (found by the differential test)."""
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        f"@prefix ex: <{EX}> .\n@prefix sh: <{SH}> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        'ex:S sh:targetNode ex:a , ex:b ; sh:path ex:p ; sh:in ( "x"^^xsd:string ) ; sh:hasValue "x"^^xsd:string .\n',
        encoding="utf-8",
    )
    data = tmp_path / "data.ttl"
    data.write_text(
        f'<{EX}a> <{EX}p> "x" .\n<{EX}b> <{EX}p> "y"^^<http://www.w3.org/2001/XMLSchema#string> .\n', encoding="utf-8"
    )
    store = Store()
    store.load([data])
    expected = {(EX + "b", SH + "InConstraintComponent"), (EX + "b", SH + "HasValueConstraintComponent")}
    for results in (run_pyshacl(store, [shapes]), compile_shapes([shapes]).run(OxigraphRunner(store.oxigraph))):
        assert {(r.focus.value, r.component) for r in results} == expected
