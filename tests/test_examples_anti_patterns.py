"""Every example model validates with --fail-on warning, anti-pattern shapes included: examples are what
users copy, so none may show an anti-pattern the seeds warn about (issue 10 item 8)."""

from __future__ import annotations

import pytest

import svco
from svco.cli import main
from svco.resources import examples_dir
from svco.validate import shape_names

EXAMPLES = sorted(examples_dir().glob("*.ttl"))
ANTI_PATTERNS = "https://w3id.org/svco/shapes#"


def test_examples_exist_and_anti_pattern_shapes_are_loaded():
    assert len(EXAMPLES) >= 5
    names = set(shape_names())
    for name in ("NewServiceStreamDesignsBeforeDelivery", "OrganizationUsesEveryActivity", "StreamTriagesDemand"):
        assert ANTI_PATTERNS + name in names


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_has_no_warning(path, capsys):
    report = svco.validate([path], fail_on="warning")
    problems = [f"{r.severity} {r.shape}: {r.message}" for r in report.results if r.severity.lower() != "info"]
    assert not report.fails(), "\n".join(problems)
    assert main(["validate", str(path), "--fail-on", "warning"]) == 0, capsys.readouterr().out
