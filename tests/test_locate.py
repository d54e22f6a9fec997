"""Source locations: one model in every RDF syntax, and where each node must be found (tests/data/locate)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from svco.locate import index_file
from svco.store import Store
from svco.validate import validate_store

DATA = Path(__file__).parent / "data" / "locate"
EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))
NS = EXPECTED["namespace"]
NAMESPACES = {"ex": NS, "svc": "https://w3id.org/svco#"}


def _key(text: str) -> str:
    if text.startswith('"'):
        return "lit:" + text.strip('"')
    prefix, _, local = text.partition(":")
    return NAMESPACES[prefix] + local


def _position(text: str) -> tuple[int, int]:
    line, column = text.split(":")
    return int(line), int(column)


@pytest.mark.parametrize("name", sorted(EXPECTED["files"]))
def test_every_node_is_found_where_it_is_described(name: str) -> None:
    expected = EXPECTED["files"][name]
    wanted = {NS + node for node in expected["subjects"]}
    index = index_file(DATA / name, wanted)
    assert {k.removeprefix(NS): f"{line}:{col}" for k, (line, col) in index.subjects.items()} == expected["subjects"]
    assert {node: index.ends[NS + node][0] for node in expected.get("ends", {})} == expected.get("ends", {})
    for pair, where in expected["objects"].items():
        subject, value = pair.split(" ", 1)
        assert index.objects.get((NS + subject, _key(value))) == _position(where), pair


def test_the_fixture_folder_holds_every_syntax() -> None:
    assert {Path(n).suffix for n in EXPECTED["files"]} == {".ttl", ".nt", ".trig", ".rdf", ".jsonld"}
    assert {p.name for p in DATA.glob("model.*")} == set(EXPECTED["files"])


@pytest.mark.parametrize("name", sorted(EXPECTED["files"]))
def test_validation_results_carry_file_line_column_and_value_line(name: str, monkeypatch) -> None:
    monkeypatch.chdir(DATA)
    store = Store()
    store.load_reference()
    store.load([Path(name)])
    results = {r.focus.removeprefix(NS): r for r in validate_store(store).results}
    expected = EXPECTED["files"][name]
    activity = results["step2"]
    assert (activity.file, f"{activity.line}:{activity.column}") == (name, expected["subjects"]["step2"])
    assert f"{activity.value_line}:{activity.value_column}" == expected["objects"]["step2 ex:NotAnActivity"]
    assert f"{results['stream'].line}:{results['stream'].column}" == expected["subjects"]["stream"]


def test_a_node_described_in_a_second_file_is_found_in_the_file_that_describes_it(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.ttl").write_text(f"<{NS}other> <{NS}uses> <{NS}step2> .\n", encoding="utf-8")
    (tmp_path / "b.ttl").write_text((DATA / "model.ttl").read_text(encoding="utf-8"), encoding="utf-8")
    store = Store()
    store.load_reference()
    store.load([Path("a.ttl"), Path("b.ttl")])
    step2 = next(r for r in validate_store(store).results if r.focus == NS + "step2")
    assert (step2.file, step2.line) == ("b.ttl", 19)


def test_a_file_the_reader_cannot_follow_gives_no_position_rather_than_an_error(tmp_path) -> None:
    broken = tmp_path / "x.rdf"
    broken.write_text("<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><unclosed>", encoding="utf-8")
    assert index_file(broken, {NS + "a"}).subjects == {}


@pytest.mark.parametrize("name", ["model.ttl", "model.trig", "model.nt"])
def test_skipping_statements_finds_what_reading_every_token_finds(name: str) -> None:
    from svco.locate_turtle import _index_turtle

    text = (DATA / name).read_text(encoding="utf-8")
    wanted = {NS + node for node in ("note", "stream", "step1", "step2", "NotAnActivity")}
    base = (DATA / name).as_uri()
    full = _index_turtle(text, base, wanted, "all")
    names = _index_turtle(text, base, wanted, "names")
    assert (names.subjects, names.objects, names.ends) == (full.subjects, full.objects, full.ends)
    subjects = _index_turtle(text, base, wanted, "subjects", objects_of={NS + "step2"})
    described = {k: v for k, v in full.subjects.items() if k != NS + "NotAnActivity"}  # only ever an object
    assert (subjects.subjects, subjects.ends) == (described, {k: v for k, v in full.ends.items() if k in described})
    step2 = NS + "step2"
    assert {k: v for k, v in subjects.objects.items() if k[0] == step2} == {
        k: v for k, v in full.objects.items() if k[0] == step2
    }


def test_a_name_written_in_an_unforeseen_form_is_still_found(tmp_path) -> None:
    model = tmp_path / "m.ttl"
    model.write_text(f"@prefix ex: <{NS}> .\n\nex:other ex:p ex:q .\nex:a\\-b ex:p ex:q .\n", encoding="utf-8")
    assert index_file(model, {NS + "a-b"}).subjects == {NS + "a-b": (4, 1)}
