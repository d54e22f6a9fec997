"""The embedded store: loading files and folders, clear errors for bad input, persistence, export."""

from __future__ import annotations

import subprocess
import sys

import pyoxigraph as ox
import pytest

from svco.errors import InputError, StoreLockedError, UsageError
from svco.store import Store

from .conftest import DATA

TURTLE = '@prefix ex: <https://example.org/> .\nex:a ex:p "x" .\n'


def test_loads_every_common_syntax(tmp_path):
    graph = list(ox.parse(TURTLE.encode(), format=ox.RdfFormat.TURTLE))
    for ext, fmt in [(".nt", ox.RdfFormat.N_TRIPLES), (".rdf", ox.RdfFormat.RDF_XML),
                     (".jsonld", ox.RdfFormat.JSON_LD), (".ttl", ox.RdfFormat.TURTLE)]:  # fmt: skip
        (tmp_path / f"m{ext}").write_bytes(ox.serialize(graph, format=fmt))
    (tmp_path / "m.trig").write_text("<https://example.org/g> { <https://example.org/a> <https://example.org/p> 1 }")
    (tmp_path / "notes.txt").write_text("not RDF, not loaded")
    store = Store()
    loaded = store.load([tmp_path])
    assert sorted(s.path.name for s in loaded) == ["m.jsonld", "m.nt", "m.rdf", "m.trig", "m.ttl"]
    assert all(s.triples == 1 for s in loaded)


def test_owl_extension_holding_turtle_is_sniffed(tmp_path):
    model = tmp_path / "saved-by-protege.owl"
    model.write_text(TURTLE)
    assert Store().load([model])[0].triples == 1


def test_input_format_overrides_extension(tmp_path):
    model = tmp_path / "model.data"
    model.write_text(TURTLE)
    with pytest.raises(InputError, match="unknown RDF file extension"):
        Store().load([model])
    assert Store().load([model], input_format="turtle")[0].triples == 1
    with pytest.raises(UsageError, match="unknown RDF format"):
        Store().load([model], input_format="yaml")


def test_syntax_error_names_file_line_and_column():
    with pytest.raises(InputError) as info:
        Store().load([DATA / "broken" / "syntax-error.ttl"])
    assert info.value.line == 4
    assert info.value.column is not None
    assert str(info.value).startswith(f"{DATA / 'broken' / 'syntax-error.ttl'}:4:")


def test_a_failed_load_into_a_new_graph_of_an_in_memory_store_leaves_nothing_of_it(tmp_path):
    """An in-memory store loads a new file's graph in place (no staging copy): a syntax error half-way through
    removes what was parsed, and the files loaded before stay."""
    good, bad = tmp_path / "good.ttl", tmp_path / "bad.ttl"
    good.write_text("<urn:a> <urn:p> <urn:b> .\n", encoding="utf-8")
    bad.write_text("<urn:c> <urn:p> <urn:d> .\n<urn:e> <urn:p> .\n", encoding="utf-8")
    store = Store()
    with pytest.raises(InputError):
        store.load([good, bad])
    assert store.graphs() == [good.resolve().as_uri()]
    assert len(store) == 1


def test_result_context_values_fill_each_empty_block():
    """bind_column fills every empty ``VALUES ?name { }`` a query leaves for the terms (one a UNION branch),
    else puts one block at the start of the WHERE group; terms are written as RDF terms, never as text."""
    from svco.sparql import bind_column

    terms = [ox.NamedNode("urn:a"), ox.Literal('x" } DROP ALL #')]
    filled = bind_column("SELECT * WHERE { { VALUES ?f { } ?f ?p ?o } UNION { VALUES ?f {} ?s ?p ?f } }", "f", terms)
    assert filled.count('VALUES ?f { <urn:a> "x\\" } DROP ALL #" }') == 2
    assert len(list(ox.Store().query(filled))) == 0  # still one valid query
    at_start = bind_column("SELECT * WHERE { ?f ?p ?o }", "f", terms[:1])
    assert at_start == "SELECT * WHERE { VALUES ?f { <urn:a> } ?f ?p ?o }"


@pytest.mark.parametrize(
    ("content", "problem"),
    [(b"", "the file is empty"), (b"   \n\n", "the file is empty"), (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file")],
)
def test_unreadable_files(tmp_path, content, problem):
    bad = tmp_path / "model.ttl"
    bad.write_bytes(content)
    with pytest.raises(InputError, match=problem):
        Store().load([bad])


def test_missing_file_and_empty_folder(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        Store().load([tmp_path / "nope.ttl"])
    with pytest.raises(InputError, match="holds no RDF files"):
        Store().load([tmp_path])


def test_owl_xml_is_refused_with_advice(tmp_path):
    owx = tmp_path / "model.owl"
    owx.write_text('<?xml version="1.0"?>\n<Ontology xmlns="http://www.w3.org/2002/07/owl#"/>\n')
    with pytest.raises(InputError, match="OWL/XML"):
        Store().load([owx])


def test_failed_load_leaves_no_partial_graph(tmp_path):
    store = Store()
    bad = tmp_path / "half.ttl"
    bad.write_text(TURTLE + "ex:b ex:p .\n")
    with pytest.raises(InputError):
        store.load([bad])
    assert len(store) == 0


def test_persistent_store_survives_and_locks(tmp_path):
    path = tmp_path / "store"
    store = Store(path)
    store.load_reference()
    store.flush()
    size = len(store)
    # A second writer, in another process, is told the store is locked.
    code = (
        "import sys\nfrom svco.store import Store\nfrom svco.errors import StoreLockedError\n"
        f"try:\n    Store({str(path)!r})\nexcept StoreLockedError as e:\n    print(e); sys.exit(3)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 3, done.stderr
    assert "locked by another process" in done.stdout
    # A reader gets a snapshot.
    assert len(Store(path, read_only=True)) == size
    del store
    assert len(Store(path)) == size


def test_store_locked_error_in_process(tmp_path):
    path = tmp_path / "store"
    first = Store(path)
    with pytest.raises(StoreLockedError):
        Store(path)
    del first


def test_export_is_atomic_and_complete(tmp_path, reference_store):
    out = tmp_path / "merged.ttl"
    out.write_text("old content")
    reference_store.export(out)
    assert len(list(ox.parse(path=str(out), format=ox.RdfFormat.TURTLE))) == len(reference_store)
    assert not list(tmp_path.glob(".*.tmp"))


def test_to_rdflib_keeps_every_triple(reference_store, reference_graph):
    assert len(reference_graph) == len(reference_store)
