"""Reports that point at the line: text, JSON, JUnit, SARIF 2.1.0 and GitHub workflow commands."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
import xmlschema

from svco.cli import main
from svco.commands.options import REPORT_FORMATS
from svco.report import FORMATS
from svco.report_ci import escape_data, escape_property
from svco.validate import shape_names

from .conftest import DATA

MODEL = DATA / "locate" / "model.ttl"  # three results: stream at 9:1 (two), step2 at 19:3 (value at 23:35)
SARIF_SCHEMA = json.loads((DATA / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
JUNIT_SCHEMA = xmlschema.XMLSchema(str(DATA / "junit" / "junit.xsd"))


@pytest.fixture
def model(tmp_path, monkeypatch) -> Path:
    """The fixture model copied into a working folder, so that reports name it by a relative path."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "models").mkdir()
    return Path(shutil.copy(MODEL, tmp_path / "models" / "model.ttl")).relative_to(tmp_path)


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_the_command_offers_every_report_format() -> None:
    assert REPORT_FORMATS == FORMATS


def test_text_report_starts_each_result_with_file_line_column(capsys, model) -> None:
    code, out = run(capsys, "validate", str(model), "--no-color")
    assert code == 1
    assert re.search(r"^  models/model\.ttl:19:3: ✗ violation  step .*NotAnActivity", out, re.M | re.S), out
    assert "models/model.ttl:9:1: ✗ violation" in out and "models/model.ttl:9:1: ! warning" in out
    assert "(value at line 23)" in out


def test_json_names_the_file_and_writes_values_in_one_form(capsys, model) -> None:
    code, out = run(capsys, "validate", str(model), "--format", "json")
    assert code == 1
    doc = json.loads(out)
    assert doc["schema"] == "https://w3id.org/svco/validation-report/1"
    step = next(r for r in doc["results"] if r["focus"].endswith("#step2"))
    assert (step["file"], step["line"], step["column"], step["end_line"]) == ("models/model.ttl", 19, 3, 23)
    assert (step["value_line"], step["value_column"]) == (23, 35)
    assert step["value"] == "https://example.org/locate#NotAnActivity" and step["value_type"] == "iri"
    stream = next(r for r in doc["results"] if r["focus"].endswith("#stream"))
    assert stream["value"] is None and stream["value_type"] is None and stream["line"] == 9
    assert stream["value_datatype"] is None and stream["value_language"] is None, "every key in every result"
    for result in doc["results"]:
        assert not (result["value"] or "").startswith(("<", "svc:")), "one form: full IRIs, no <> and no CURIE"


def test_json_literal_values_carry_their_datatype(capsys, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    model = DATA / "invalid" / "position-decimal.ttl"
    doc = json.loads(run(capsys, "validate", str(model), "--format", "json")[1])
    literal = next(r for r in doc["results"] if r["value_type"] == "literal")
    assert literal["value_datatype"].startswith("http://www.w3.org/2001/XMLSchema#")
    assert literal["file"] == model.as_posix() and literal["line"] > 0


def test_junit_test_cases_name_their_file_and_failures_their_line(capsys, model) -> None:
    code, out = run(capsys, "validate", str(model), "--format", "junit")
    assert code == 1
    JUNIT_SCHEMA.validate(out)
    assert 'file="models/model.ttl"' in out
    assert "models/model.ttl:19:3: [Violation]" in out


def test_sarif_is_valid_sarif_2_1_0_with_one_rule_per_shape_and_a_location_per_result(capsys, model) -> None:
    code, out = run(capsys, "validate", str(model), "--format", "sarif")
    assert code == 1
    doc = json.loads(out)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(doc)
    run_ = doc["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert [r["properties"]["shape"] for r in rules] == shape_names()
    assert all(r["shortDescription"]["text"] and r["help"]["text"] for r in rules)
    results = run_["results"]
    assert len(results) == 3
    step = next(r for r in results if r["ruleId"] == "svcs:StepActivityIsOneOfSix")
    assert rules[step["ruleIndex"]]["id"] == step["ruleId"] and step["level"] == "error"
    physical = step["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {"uri": "models/model.ttl", "uriBaseId": "%SRCROOT%"}
    assert physical["region"] == {"startLine": 19, "startColumn": 3, "endLine": 23}
    assert step["relatedLocations"][0]["physicalLocation"]["region"] == {"startLine": 23, "startColumn": 35}
    assert {r["level"] for r in results} == {"error", "warning"}


def test_sarif_of_a_conforming_model_is_valid_and_empty(capsys, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out = run(capsys, "validate", "--format", "sarif")
    assert code == 0
    doc = json.loads(out)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(doc)
    assert doc["runs"][0]["results"] == []


def test_github_format_writes_one_workflow_command_per_result(capsys, model) -> None:
    code, out = run(capsys, "validate", str(model), "--format", "github")
    assert code == 1
    lines = out.splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert len(commands) == 3
    assert commands[-1].startswith(
        "::error file=models/model.ttl,line=19,col=3,title=violation%3A svcs%3AStepActivityIsOneOfSix::<https"
    )
    assert any(c.startswith("::warning file=models/model.ttl,line=9,col=1,") for c in commands)
    assert lines[-1].startswith("FAILED: 2 violations, 1 warning")


@pytest.mark.parametrize(
    ("text", "data", "prop"),
    [
        ("plain", "plain", "plain"),
        ("50% done", "50%25 done", "50%25 done"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("ex:a, ex:b", "ex:a, ex:b", "ex%3Aa%2C ex%3Ab"),
        ("%0A", "%250A", "%250A"),  # an escape sequence in the text is not unescaped by the runner
    ],
)
def test_github_escaping(text: str, data: str, prop: str) -> None:
    assert escape_data(text) == data
    assert escape_property(text) == prop


def test_the_example_workflow_runs_svco_with_options_it_has() -> None:
    import shlex

    import yaml

    from svco.commands.validate import validate

    workflow = yaml.safe_load((DATA.parents[1] / "docs" / "github-workflow.yml").read_text(encoding="utf-8"))
    runs = [step["run"] for step in workflow["jobs"]["validate"]["steps"] if "svco validate" in step.get("run", "")]
    formats = set()
    for run_ in runs:
        line = re.sub(r"\$\{\{[^}]*\}\}", "main", run_.split("||")[0])
        argv = shlex.split(line)[2:]
        context = validate.make_context("validate", argv)
        formats.add(context.params["fmt"])
    assert formats == {"github", "sarif", "junit"}
