"""Run svco's SHACL engine over the W3C data-shapes test suite and print how many tests pass, are refused, or
get a wrong answer (the number that must stay 0: a refusal is honest, a wrong verdict is not).

Usage: .venv/bin/python benchmarks/w3c_conformance.py SHT_TESTS_DIR
where SHT_TESTS_DIR is ``test/resources/sht_tests`` of the pyshacl sdist
(``pip download --no-binary :all: --no-deps pyshacl``). The suite is not vendored yet (licence to check).
Compared per result: focus node, constraint component, source shape and path (blank nodes as "_"), severity.
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path

import pyoxigraph as ox

from svco.shacl import OxigraphRunner, compile_shapes

PREFIXES = {
    "sh": "http://www.w3.org/ns/shacl#",
    "mf": "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#",
    "sht": "http://www.w3.org/ns/shacl-test#",
}
ACTION = "SELECT ?d ?s WHERE { ?t mf:action [ sht:dataGraph ?d ; sht:shapesGraph ?s ] }"
EXPECTED = """SELECT ?f ?c ?s ?v ?p WHERE { ?t mf:result/sh:result ?r . ?r sh:focusNode ?f ;
  sh:sourceConstraintComponent ?c ; sh:resultSeverity ?v . OPTIONAL { ?r sh:sourceShape ?s }
  OPTIONAL { ?r sh:resultPath ?p } }"""


def _load(path: Path) -> ox.Store:
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
    return store


def _name(term) -> str | None:
    return None if term is None else "_" if isinstance(term, ox.BlankNode) else str(term)


def run_test(path: Path) -> tuple[str, str]:
    """(outcome, detail) for one test file: pass, refused, wrong or skip (no test in it)."""
    manifest = _load(path)
    action = list(
        manifest.query(
            "SELECT ?d ?s WHERE { ?t mf:action [ sht:dataGraph ?d ; sht:shapesGraph ?s ] }", prefixes=PREFIXES
        )
    )
    if not action:
        return "skip", ""
    data_file = Path(action[0]["d"].value.removeprefix("file://"))
    shapes_file = Path(action[0]["s"].value.removeprefix("file://"))
    compiled = compile_shapes([shapes_file])
    if compiled.unsupported:
        return "refused", next(iter(compiled.unsupported.values()))
    if manifest.query("ASK { ?t mf:result sht:Failure }", prefixes=PREFIXES):
        return "wrong", "the suite expects a failure"
    expected = {
        (_name(r["f"]), r["c"].value, _name(r["s"]), r["v"].value, _name(r["p"]))
        for r in manifest.query(EXPECTED, prefixes=PREFIXES)
    }
    data = manifest if data_file == path.resolve() else _load(data_file)
    got = {
        (_name(r.focus), r.component, _name(r.shape), r.severity, _path(r.path))
        for r in compiled.run(OxigraphRunner(data))
    }
    return ("pass", "") if got == expected else ("wrong", str(sorted(got ^ expected)[:2]))


def _path(path: str | None) -> str | None:
    if path is None:
        return None
    return f"<{path}>" if not path.startswith(("^", "(")) else "_"


def main(root: Path) -> None:
    """Print one table: outcome counts per part of the suite, then every wrong answer."""
    wrong = []
    print("| part | pass | refused | wrong |\n|---|---|---|---|")
    for part in ("core", "sparql"):
        tally: collections.Counter = collections.Counter()
        for path in sorted((root / part).rglob("*.ttl")):
            if path.name != "manifest.ttl":
                outcome, detail = run_test(path)
                tally[outcome] += 1
                if outcome == "wrong":
                    wrong.append(f"{path.relative_to(root)}: {detail}")
        print(f"| {part} | {tally['pass']} | {tally['refused']} | {tally['wrong']} |")
    for line in wrong:
        print("WRONG", line)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
