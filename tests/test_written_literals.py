"""Verdicts on the data as written (issue 9 point 5): every case of oxigraph#526 that changes a verdict.

Oxigraph stores a literal of a type derived from xsd:integer as an xsd:integer (``"1"^^xsd:positiveInteger``
comes back as ``"1"^^xsd:integer``). svco records such literals as written when it loads them
(:mod:`svco.written`); sh:datatype, the rdflib copy pySHACL reads, the reported values and ``svco export``
must all see them as the user wrote them, in memory and in a persistent store, after a reload too.
"""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from svco.cli import main
from svco.store import Store
from svco.validate import shacl_store

XSD = "http://www.w3.org/2001/XMLSchema#"
PREFIXES = (
    "@prefix ex: <http://example.org/> .\n@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
    "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
)

#: (literal as written, sh:datatype, violates?): each verdict differs from the one on the stored literal
CASES = [
    ('"1"^^xsd:positiveInteger', "xsd:positiveInteger", False),  # stored "1"^^xsd:integer: a false violation
    ('"-1"^^xsd:positiveInteger', "xsd:integer", True),  # stored "-1"^^xsd:integer: a false pass
    ('"-1"^^xsd:positiveInteger', "xsd:positiveInteger", True),
    ('"5"^^xsd:byte', "xsd:integer", True),  # a byte is not an xsd:integer datatype IRI
    ('"5"^^xsd:byte', "xsd:byte", False),
    ('"300"^^xsd:byte', "xsd:byte", True),  # out of the byte range
    ('"7"^^xsd:nonNegativeInteger', "xsd:nonNegativeInteger", False),
    ('"0"^^xsd:negativeInteger', "xsd:integer", True),
    ('"4 hours"^^xsd:duration', "xsd:duration", True),  # kept as written by the store: the lexical check
    ("7", "xsd:integer", False),  # a true integer beside the rewritten ones keeps its verdict
]


def svco_fails_because(reason: str) -> list:
    """Both engines, the default one marked as a known limit (strict xfail: a fix shows); pySHACL reads the
    data restored as written and must pass."""
    return [pytest.param("svco", marks=pytest.mark.xfail(strict=True, reason=reason)), "pyshacl"]


NESTED_FORMS = "nested deeper, a number written two ways is judged by both forms (svco.written)"
IN_STORED_FORMS = "sh:in and sh:hasValue compare stored forms (a known limit, svco.written)"


def _files(tmp_path, data: str, shapes: str):
    (tmp_path / "data.ttl").write_text(PREFIXES + data, encoding="utf-8")
    (tmp_path / "shapes.ttl").write_text(PREFIXES + shapes, encoding="utf-8")
    return tmp_path / "data.ttl", tmp_path / "shapes.ttl"


@pytest.mark.parametrize("engine", ["svco", "pyshacl"])
@pytest.mark.parametrize(("literal", "datatype", "violates"), CASES)
def test_datatype_judges_the_literal_as_written(tmp_path, engine, literal, datatype, violates):
    data, shapes = _files(
        tmp_path,
        f"ex:a ex:p {literal} .\nex:b ex:p 7 .\n",
        f"ex:S a sh:PropertyShape ; sh:targetSubjectsOf ex:p ; sh:path ex:p ; sh:datatype {datatype} .\n",
    )
    store = Store()
    store.load([data])
    report = shacl_store(store, [shapes], engine=engine)
    focus = {r.focus for r in report.results}
    assert ("http://example.org/a" in focus) is violates
    if violates and literal != "7":
        (result,) = [r for r in report.results if r.focus == "http://example.org/a"]
        text = f"@prefix xsd: <{XSD}> . <x:s> <x:p> {literal} ."
        (written,) = ox.parse(text, format=ox.RdfFormat.TURTLE)
        assert result.value_term == written.object  # reported as written


def test_datatype_inside_sh_or_judges_the_literal_as_written(tmp_path):
    """An sh:or of datatypes (svco's own StepPositionIsPositiveInteger) judges each value by its written form,
    also where the same number is written both ways, and a plain 1 elsewhere (another property) changes
    nothing."""
    data, shapes = _files(
        tmp_path,
        'ex:a ex:p "5"^^xsd:byte .\nex:b ex:p "6"^^xsd:integer .\n'
        'ex:c ex:p "1"^^xsd:positiveInteger .\nex:d ex:p 1 .\nex:e ex:q 5 .\n',
        "ex:S a sh:PropertyShape ; sh:targetSubjectsOf ex:p ; sh:path ex:p ;\n"
        "    sh:or ( [ sh:datatype xsd:integer ] [ sh:datatype xsd:positiveInteger ] ) .\n",
    )
    store = Store()
    store.load([data])
    for engine in ("svco", "pyshacl"):
        assert [r.focus for r in shacl_store(store, [shapes], engine=engine).results] == ["http://example.org/a"]


@pytest.mark.parametrize("engine", svco_fails_because(NESTED_FORMS))
def test_nested_datatype_judges_a_value_written_two_ways(tmp_path, engine):
    """Nested deeper (here under a double sh:not), the default engine judges a value written in two forms by
    both, so the plain 5 is reported too: a false result, never a false pass (the top level and an sh:or of
    datatypes decide triple by triple)."""
    data, shapes = _files(
        tmp_path,
        'ex:a ex:p "5"^^xsd:byte .\nex:b ex:p 5 .\n',
        "ex:S a sh:PropertyShape ; sh:targetSubjectsOf ex:p ; sh:path ex:p ;\n"
        "    sh:not [ sh:not [ sh:datatype xsd:integer ] ] .\n",
    )
    store = Store()
    store.load([data])
    assert [r.focus for r in shacl_store(store, [shapes], engine=engine).results] == ["http://example.org/a"]


def test_persistent_store_keeps_the_written_forms_and_a_reload_replaces_them(tmp_path, capsys):
    data, shapes = _files(
        tmp_path,
        'ex:a ex:p "1"^^xsd:positiveInteger .\n',
        "ex:S a sh:PropertyShape ; sh:targetSubjectsOf ex:p ; sh:path ex:p ; sh:datatype xsd:positiveInteger .\n",
    )
    folder = tmp_path / "store"
    store = Store(folder)
    store.load([data])
    before = len(store)
    del store
    reopened = Store(folder, read_only=True)
    assert len(reopened) == before == 1  # the records are not data: no query and no count sees them
    assert reopened.select("SELECT * WHERE { ?s ?p ?o }")[0]["o"] == ox.Literal(
        "1", datatype=ox.NamedNode(XSD + "integer")
    )
    assert shacl_store(reopened, [shapes], engine="svco").results == []
    del reopened
    data.write_text(PREFIXES + 'ex:a ex:p "1"^^xsd:integer .\n', encoding="utf-8")  # now truly an integer
    store = Store(folder)
    store.load([data])
    assert [r.focus for r in shacl_store(store, [shapes], engine="svco").results] == ["http://example.org/a"]
    assert not store.written_literals()  # the old file's records went with its graph


def test_a_failed_reload_keeps_the_written_forms(tmp_path):
    data, shapes = _files(
        tmp_path,
        'ex:a ex:p "1"^^xsd:positiveInteger .\n',
        "ex:S a sh:PropertyShape ; sh:targetSubjectsOf ex:p ; sh:path ex:p ; sh:datatype xsd:positiveInteger .\n",
    )
    store = Store(tmp_path / "store")
    store.load([data])
    data.write_text(PREFIXES + 'ex:a ex:p "2"^^xsd:positiveInteger ; .\nex:b ex:p', encoding="utf-8")
    with pytest.raises(Exception, match="not valid"):
        store.load([data])
    assert shacl_store(store, [shapes], engine="svco").results == []


def test_export_and_the_rdflib_copy_give_the_literals_back_as_written(tmp_path):
    data = tmp_path / "data.ttl"
    data.write_text(PREFIXES + 'ex:a ex:p "5"^^xsd:byte, "1"^^xsd:positiveInteger ; ex:q 5 .\n', encoding="utf-8")
    out = tmp_path / "merged.ttl"
    assert main(["export", str(out), "--with-models", str(data)]) == 0
    exported = {
        (t.predicate.value, t.object.value, t.object.datatype.value)
        for t in ox.parse(path=str(out), format=ox.RdfFormat.TURTLE)
        if t.subject == ox.NamedNode("http://example.org/a")
    }
    p, q = "http://example.org/p", "http://example.org/q"
    assert exported == {(p, "5", XSD + "byte"), (p, "1", XSD + "positiveInteger"), (q, "5", XSD + "integer")}
    store = Store()
    store.load([data])
    copied = {(str(o), str(o.datatype)) for o in store.to_rdflib().objects()}
    assert copied == {("5", XSD + "byte"), ("1", XSD + "positiveInteger"), ("5", XSD + "integer")}


def test_json_report_gives_the_value_as_written(tmp_path, capsys):
    data, shapes = _files(
        tmp_path,
        'ex:a ex:p "-1"^^xsd:positiveInteger .\n',
        "ex:S a sh:PropertyShape ; sh:targetSubjectsOf ex:p ; sh:path ex:p ; sh:datatype xsd:integer .\n",
    )
    assert main(["shacl", str(data), "--shapes", str(shapes), "--format", "json"]) == 1
    (result,) = json.loads(capsys.readouterr().out)["results"]
    assert (result["value"], result["value_datatype"]) == ("-1", XSD + "positiveInteger")


@pytest.mark.parametrize("engine", svco_fails_because(IN_STORED_FORMS))
def test_in_compares_the_literal_as_written(tmp_path, engine):
    """``"1"^^xsd:positiveInteger`` is not the term ``1`` of an sh:in list: pySHACL (data restored) sees it."""
    data, shapes = _files(
        tmp_path,
        'ex:a ex:p "1"^^xsd:positiveInteger .\n',
        "ex:S a sh:PropertyShape ; sh:targetSubjectsOf ex:p ; sh:path ex:p ; sh:in ( 1 2 ) .\n",
    )
    store = Store()
    store.load([data])
    assert [r.focus for r in shacl_store(store, [shapes], engine=engine).results] == ["http://example.org/a"]
