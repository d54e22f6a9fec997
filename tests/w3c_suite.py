"""Reading the vendored W3C SHACL test suite (tests/w3c): its tests, their files and expected results.

Shared by tests/test_w3c_shacl.py (CI) and benchmarks/w3c_conformance.py (the table). Results are compared
on focus node, constraint component, source shape, severity and path, blank nodes as "_".
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).parent / "w3c"
PREFIXES = {
    "sh": "http://www.w3.org/ns/shacl#",
    "mf": "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#",
    "sht": "http://www.w3.org/ns/shacl-test#",
}
_ACTION = "SELECT ?d ?s WHERE { ?t mf:action [ sht:dataGraph ?d ; sht:shapesGraph ?s ] }"
_EXPECTED = """SELECT ?f ?c ?s ?v ?p WHERE { ?t mf:result/sh:result ?r . ?r sh:focusNode ?f ;
  sh:sourceConstraintComponent ?c ; sh:resultSeverity ?v . OPTIONAL { ?r sh:sourceShape ?s }
  OPTIONAL { ?r sh:resultPath ?p } }"""


def load(path: Path) -> ox.Store:
    """A Turtle file of the suite in a store (relative IRIs resolved against the file)."""
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
    return store


def tests(root: Path = ROOT) -> list[Path]:
    """The test files the manifests include (a test's shapes and data may be in files of their own)."""
    found = []
    for manifest in sorted(root.glob("*/*/manifest.ttl")):
        rows = load(manifest).query("SELECT ?f WHERE { ?m mf:include ?f }", prefixes=PREFIXES)
        found += [Path(row["f"].value.removeprefix("file://")) for row in rows]
    return sorted(found)


def action(manifest: ox.Store) -> tuple[Path, Path]:
    """(data file, shapes file) of the test in ``manifest``."""
    row = next(iter(manifest.query(_ACTION, prefixes=PREFIXES)))
    return Path(row["d"].value.removeprefix("file://")), Path(row["s"].value.removeprefix("file://"))


def expects_failure(manifest: ox.Store) -> bool:
    """Whether the test expects the processor to fail (an ill-formed shapes graph)."""
    return bool(manifest.query("ASK { ?t mf:result sht:Failure }", prefixes=PREFIXES))


def expected(manifest: ox.Store) -> set[tuple]:
    """The expected results as (focus, component, shape, severity, path) tuples."""
    rows = manifest.query(_EXPECTED, prefixes=PREFIXES)
    return {(name(r["f"]), r["c"].value, name(r["s"]), r["v"].value, name(r["p"])) for r in rows}


def got(results) -> set[tuple]:
    """svco's results (:class:`svco.shacl.Result`) as comparable tuples."""
    return {(name(r.focus), r.component, name(r.shape), r.severity, _path(r.path)) for r in results}


def name(term) -> str | None:
    """How a term is compared: N-Triples text, "_" for a blank node."""
    return None if term is None else "_" if isinstance(term, ox.BlankNode) else str(term)


def _path(path: str | None) -> str | None:
    return None if path is None else "_" if path.startswith(("^", "(")) else f"<{path}>"
