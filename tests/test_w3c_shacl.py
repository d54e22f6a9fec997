"""The W3C SHACL test suite (core and sparql, vendored in tests/w3c) through svco's engine alone.

Each test runs as ``svco shacl --engine svco`` does (:func:`svco.validate.run_engines`, no pySHACL fallback)
and its results are compared with the manifest's on focus node, result path, source shape, constraint
component and severity (blank nodes as "_"; results as a set). A test expecting a failure passes when the
engine refuses the shapes. Every test passes or is in :data:`KNOWN_FAILURES` (strict: it fails the suite once
it passes).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from svco.errors import UsageError
from svco.shacl import compile_shapes
from svco.store import Store
from svco.validate import run_engines
from tests import w3c_suite

#: test (path under tests/w3c, no extension) -> why svco gives another answer. At most 3 entries.
KNOWN_FAILURES: dict[str, str] = {
    "sparql/pre-binding/shapesGraph-001": "$shapesGraph is not provided (the data graph is the store's union)",
}


def _param(path: Path):
    name = str(path.relative_to(w3c_suite.ROOT).with_suffix(""))
    marks = [pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[name])] if name in KNOWN_FAILURES else []
    return pytest.param(path, id=name, marks=marks)


@pytest.mark.parametrize("case", [_param(p) for p in w3c_suite.tests()])
def test_w3c(case: Path):
    manifest = w3c_suite.load(case)
    data_file, shapes_file = w3c_suite.action(manifest)
    expects_failure = w3c_suite.expects_failure(manifest)
    reasons = list(compile_shapes([shapes_file]).unsupported.values())
    store = Store()
    store.load([data_file])
    if expects_failure:
        with pytest.raises(UsageError):
            run_engines(store, "svco", [shapes_file])
        return
    assert not reasons, "refused: " + " | ".join(reasons)
    results, engine, _ = run_engines(store, "svco", [shapes_file])
    assert engine == "svco"
    assert w3c_suite.got(results) == w3c_suite.expected(manifest)
