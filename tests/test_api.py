"""The Python API of DESIGN.md (svco.validate, svco.query, svco.Store) and the README example that shows it."""

from __future__ import annotations

import doctest
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import svco
from svco.errors import UsageError
from svco.store import Store
from svco.validate import validate_store

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"


def test_readme_python_example_runs(monkeypatch):
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Python API") :]
    example = re.search(r"```python\n(.+?)```", section, re.DOTALL)[1]
    monkeypatch.chdir(REPO)
    test = doctest.DocTestParser().get_doctest(example, {}, "README Python API", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.failures == 0 and runner.tries >= 5


def test_import_svco_does_not_load_the_engines():
    code = "import sys, svco; print(sorted(m for m in ('pyoxigraph', 'rdflib', 'pyshacl') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ)
    assert done.stdout.strip() == "[]"


def test_validate_finds_violations_and_applies_fail_on():
    bad = REPO / "tests" / "data" / "invalid"
    report = svco.validate(sorted(bad.glob("*.ttl"))[0])
    assert not report.conforms and report.fails() == any(r.severity == "Violation" for r in report.results)
    with pytest.raises(UsageError):
        svco.validate(EXAMPLES, fail_on="sometimes")


def test_validate_store_without_reference_content_is_refused():
    store = Store()
    store.load([EXAMPLES / "university.ttl"])
    with pytest.raises(UsageError, match="load_reference"):
        validate_store(store)


def test_query_takes_the_models_own_prefixes_and_module_stays_importable():
    rows = svco.query("value-stream-steps", EXAMPLES / "reporting-and-password-reset.ttl", stream="ex:PasswordReset")
    assert [r["position"].value for r in rows] == ["1", "2"]
    from svco import query as q  # the module the CLI uses is the same callable name

    assert callable(q) and hasattr(q, "format_results")
    assert svco.query("ASK { svc:Plan a svc:ValueChainActivity }") == [{"ask": True}]
