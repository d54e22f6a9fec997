"""`svco reason`: HermiT's verdict, the explanation of an inconsistency, the diagnosis checks, --profile."""

from __future__ import annotations

import json

import pytest

from svco.cli import main
from svco.reason import diagnose, diagnosis_checks, reason

from .conftest import DATA, store_with

GOVERN = "https://example.org/acme#Govern"


def test_diagnosis_finds_nothing_in_the_reference(reference_store):
    assert diagnose(reference_store) == []


def test_every_diagnosis_check_has_a_message_and_axioms():
    checks = diagnosis_checks()
    assert {c.name for c in checks} >= {"closed-class-member", "disjoint-types", "functional-values"}
    for check in checks:
        assert check.message and check.axioms and "{focus}" in check.message


def test_diagnosis_names_the_eighth_activity():
    findings = diagnose(store_with(DATA / "owl" / "seventh-activity.ttl"))
    assert [(f.check, f.focus) for f in findings] == [("closed-class-member", GOVERN)]
    assert "svc:ValueChainActivity" in findings[0].message
    assert any("owl:oneOf" in a for a in findings[0].axioms)


def test_diagnosis_names_each_contradiction():
    findings = diagnose(store_with(DATA / "owl" / "contradictions.ttl"))
    found = {(f.check, f.focus) for f in findings}
    assert ("functional-values", "https://example.org/acme#TwoActivities") in found
    assert ("datatype-range", "https://example.org/acme#PositionZero") in found
    assert ("disjoint-types", "https://w3id.org/svco#IncidentManagement") in found


@pytest.mark.java
def test_hermit_explains_the_eighth_activity():
    report = reason(store_with(DATA / "owl" / "seventh-activity.ttl"))
    assert not report.consistent
    assert report.individuals == [GOVERN]
    assert any("Govern" in a and "svc:ValueChainActivity" in a for a in report.explanation)
    assert any("oneOf" in a or "{" in a for a in report.explanation)  # the closed class is part of the reason
    assert len(report.explanation) <= 10  # a minimal set, not the whole ontology


@pytest.mark.java
def test_cli_names_the_eighth_activity(capsys):
    assert main(["reason", str(DATA / "owl" / "seventh-activity.ttl")]) == 1
    out = capsys.readouterr().out
    assert out.startswith("inconsistent")
    assert f"individuals involved: <{GOVERN}>" in out
    assert "closed class" in out


@pytest.mark.java
def test_cli_json_report(capsys):
    assert main(["reason", "--format", "json", str(DATA / "owl" / "contradictions.ttl")]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["consistent"] is False and doc["ok"] is False
    assert doc["explanation"]
    assert {f["check"] for f in doc["findings"]} >= {"functional-values", "datatype-range", "disjoint-types"}


@pytest.mark.java
def test_cli_reference_is_consistent_and_in_owl2_dl(capsys):
    assert main(["reason", "--profile"]) == 0
    out = capsys.readouterr().out
    assert "consistent" in out
    assert "OWL 2 DL (OWL API): in profile" in out


@pytest.mark.java
def test_cli_json_with_profile(capsys):
    assert main(["reason", "--format", "json", "--profile", str(DATA / "protege" / "acme-extension.owl")]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["consistent"] and doc["profile"]["in_profile"]
    assert (
        "https://w3id.org/svco#Practice"
        in doc["inferred_types"]["https://example.org/acme/svco-extension#SecurityMonitoring"]
    )


def test_cli_missing_model_is_exit_2(capsys, tmp_path):
    assert main(["reason", str(tmp_path / "nope.ttl")]) == 2
    err = capsys.readouterr().err
    assert "nope.ttl: no such file" in err
    assert "Traceback" not in err


@pytest.mark.java
@pytest.mark.parametrize("folder", ["examples", "valid"])
def test_every_example_and_valid_fixture_is_in_owl2_dl(folder, capsys):
    """What Protégé users are told to run: `svco reason --profile` exits 0 on every model that validates."""
    from svco.resources import examples_dir

    path = examples_dir() if folder == "examples" else DATA / "valid"
    assert main(["reason", "--profile", str(path)]) == 0, capsys.readouterr().out
    assert "OWL 2 DL (OWL API): in profile" in capsys.readouterr().out


@pytest.mark.java
def test_the_deprecated_durations_are_outside_owl2_dl(capsys):
    """Why svc:processTime/svc:waitTime are deprecated: an xsd:duration literal is outside the OWL 2 datatype map."""
    assert main(["reason", "--profile", str(DATA / "queries" / "model.ttl")]) == 1
    assert "xsd:duration" in capsys.readouterr().out
