"""`svco shacl` (a plain SHACL processor) and `svco validate --shapes` (an organisation's own shapes)."""

from __future__ import annotations

import json

from svco.cli import main
from tests.conftest import DATA

SHACL = DATA / "shacl"


def _json(capsys) -> dict:
    return json.loads(capsys.readouterr().out)


def test_shacl_reports_what_the_shapes_say(capsys):
    code = main(["shacl", str(SHACL / "people.ttl"), "--shapes", str(SHACL / "person-shapes.ttl"), "--format", "json"])
    report = _json(capsys)
    assert code == 1
    assert [(r["focus"], r["component"], r["message"]) for r in report["results"]] == [
        ("http://example.org/b", "MinCountConstraintComponent", "needs a name")
    ]


def test_shacl_uses_no_svco_content(capsys):
    # The reference content is not loaded: svco's shapes and terms play no part.
    code = main(["shacl", str(SHACL / "person-shapes.ttl"), "--shapes", str(SHACL / "person-shapes.ttl")])
    assert code == 0
    assert "PASSED" in capsys.readouterr().out


def test_shacl_needs_shapes(capsys):
    assert main(["shacl", str(SHACL / "people.ttl")]) == 2
    assert "--shapes" in capsys.readouterr().err


def test_validate_adds_organisation_shapes(capsys):
    model = DATA / "invalid" / "position-gap.ttl"
    assert main(["validate", str(model), "--format", "json"]) == 1
    plain = {r["shape"] for r in _json(capsys)["results"]}
    code = main(["validate", str(model), "--shapes", str(SHACL / "org-rules.ttl"), "--format", "json"])
    results = _json(capsys)["results"]
    assert code == 1
    own = [(r["focus"], r["severity"], r["message"]) for r in results if r["shape"] not in plain]
    assert own == [
        ("https://example.org/fixtures/position-gap#stream", "warning", "our streams have at least three steps")
    ]
