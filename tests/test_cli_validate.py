"""`svco validate` in-process: every format, every exit code, bad input, atomic output."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import xmlschema

from svco.cli import main
from svco.resources import examples_dir

from .conftest import DATA

INVALID = DATA / "invalid"
GAP = INVALID / "position-gap.ttl"  # one violation
HANDOFF = INVALID / "handoff-without-flow.ttl"  # warnings only
JUNIT_SCHEMA = xmlschema.XMLSchema(str(DATA / "junit" / "junit.xsd"))


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_examples_validate_clean(capsys):
    code, out, _ = run(capsys, "validate", str(examples_dir()))
    assert code == 0
    assert "PASSED: 0 violations, 0 warnings, 0 infos" in out


@pytest.mark.parametrize("path", sorted(examples_dir().glob("*.ttl")), ids=lambda p: p.name)
def test_each_example_validates_clean_even_failing_on_info(capsys, path):
    code, out, _ = run(capsys, "validate", str(path), "--fail-on", "info")
    assert code == 0, out


def test_no_model_validates_the_reference_alone(capsys):
    code, out, _ = run(capsys, "validate", "--format", "json")
    assert code == 0
    assert json.loads(out)["conforms"] is True


def test_violation_is_exit_1_with_stream_and_fix_in_the_text(capsys):
    code, out, _ = run(capsys, "validate", str(GAP))
    assert code == 1
    assert "✗ violation" in out
    assert "value stream" in out and "FAILED: 1 violation" in out
    assert "\x1b[" not in out, "no colour when not on a terminal"


def test_warnings_pass_by_default_and_fail_on_warning(capsys):
    assert run(capsys, "validate", str(HANDOFF))[0] == 0
    code, out, _ = run(capsys, "validate", str(HANDOFF), "--fail-on", "warning")
    assert code == 1 and "! warning" in out
    assert "canonical flow from Plan to Deliver and support" in out


def test_json_report_schema(capsys):
    code, out, _ = run(capsys, "validate", str(GAP), "--format", "json")
    assert code == 1
    doc = json.loads(out)
    assert doc["schema"] == "https://w3id.org/svco/validation-report/1"
    assert doc["passed"] is False and doc["conforms"] is False and doc["fail_on"] == "violation"
    assert doc["counts"] == {"violation": 1, "warning": 0, "info": 0}
    (result,) = doc["results"]
    assert result["severity"] == "violation"
    assert result["shape"] == "https://w3id.org/svco/shapes#StreamPositionsContiguous"
    assert result["stream_label"] and result["message"]
    assert set(result) >= {"focus", "component", "path", "value", "step", "step_label", "suggestion"}


def test_turtle_report_is_a_shacl_validation_report(capsys):
    code, out, _ = run(capsys, "validate", str(GAP), "--format", "turtle")
    assert code == 1
    store = ox.Store()
    store.load(out.encode(), format=ox.RdfFormat.TURTLE)
    ask = store.query(
        "PREFIX sh: <http://www.w3.org/ns/shacl#> ASK { ?r a sh:ValidationReport ; sh:conforms false ; "
        "sh:result [ sh:resultSeverity sh:Violation ; sh:focusNode ?f ; sh:sourceShape ?s ; sh:resultMessage ?m ] }"
    )
    assert bool(ask)


@pytest.mark.parametrize("path", [GAP, HANDOFF, examples_dir()], ids=["violation", "warnings", "examples"])
def test_junit_report_is_valid_junit_xml(capsys, path):
    code, out, _ = run(capsys, "validate", str(path), "--format", "junit")
    JUNIT_SCHEMA.validate(out)
    tree = JUNIT_SCHEMA.to_dict(out)
    suite = tree["testsuite"][0]
    cases = suite["testcase"]
    failures = [c for c in cases if "failure" in c]
    assert int(suite["@failures"]) == len(failures) == (1 if path == GAP else 0)
    assert int(suite["@tests"]) == len(cases) >= 20, "every shape is listed as a test case"
    assert code == (1 if failures else 0)


def test_output_file_is_written_atomically_and_kept_on_bad_input(capsys, tmp_path):
    report = tmp_path / "report.json"
    code, out, _ = run(capsys, "validate", str(GAP), "--format", "json", "--output", str(report))
    assert code == 1 and out == ""
    assert json.loads(report.read_text())["counts"]["violation"] == 1
    before = report.read_text()
    code = run(capsys, "validate", str(DATA / "broken" / "syntax-error.ttl"), "--output", str(report))[0]
    assert code == 2
    assert report.read_text() == before, "a failed run leaves the old report alone"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


BAD_INPUTS = {  # file name (None: the folder itself), content (None: do not create), what the error says
    "missing": ("missing.ttl", None, "no such file"),
    "empty": ("empty.ttl", b"", "the file is empty"),
    "binary": ("bin.ttl", b"\x00\x01\x02", "binary file"),
    "unknown-format": ("m.yaml", b"a: b", "unknown RDF file extension"),
    "empty-folder": (None, None, "holds no RDF files"),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_is_exit_2_with_one_line(capsys, tmp_path, case):
    name, content, needle = BAD_INPUTS[case]
    target = tmp_path / name if name else tmp_path
    if content is not None:
        target.write_bytes(content)
    code, _, err = run(capsys, "validate", str(target))
    assert code == 2
    assert needle in err and "Traceback" not in err
    assert err.startswith("svco: error: ")


def test_syntax_error_names_file_line_column(capsys):
    code, _, err = run(capsys, "validate", str(DATA / "broken" / "syntax-error.ttl"))
    assert code == 2
    assert "syntax-error.ttl:4:" in err


def test_unknown_option_value_is_usage_error(capsys):
    assert run(capsys, "validate", str(GAP), "--format", "yaml")[0] == 2
    assert run(capsys, "validate", str(GAP), "--fail-on", "never")[0] == 2


def test_input_format_override(capsys, tmp_path):
    model = tmp_path / "model.txt"
    model.write_bytes(GAP.read_bytes())
    assert run(capsys, "validate", str(model))[0] == 2
    assert run(capsys, "validate", str(model), "--input-format", "turtle")[0] == 1


def test_remote_import_is_not_fetched_but_reported(capsys, tmp_path):
    model = tmp_path / "imports.ttl"
    model.write_text(
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "<https://example.org/m> a owl:Ontology ; owl:imports <https://w3id.org/svco/reference>, "
        "<https://example.invalid/other-ontology> .\n"
    )
    code, out, err = run(capsys, "validate", str(model), "--format", "json")
    assert code == 0
    assert "owl:imports <https://example.invalid/other-ontology> is not resolved" in err
    assert json.loads(out)["unresolved_imports"] == ["https://example.invalid/other-ontology"]


def test_import_resolved_through_a_catalog_beside_the_model(capsys, tmp_path):
    (tmp_path / "other.ttl").write_text(
        "@prefix svc: <https://w3id.org/svco#> .\n"
        "<https://example.org/other#s> a svc:ValueStream .\n"  # no label, no trigger, no step: violations
    )
    (tmp_path / "catalog-v001.xml").write_text(
        '<?xml version="1.0"?>\n<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">\n'
        '  <uri name="https://example.org/other" uri="other.ttl"/>\n</catalog>\n'
    )
    model = tmp_path / "sub" / "model.ttl"
    model.parent.mkdir()
    model.write_text(
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "<https://example.org/m> a owl:Ontology ; owl:imports <https://example.org/other> .\n"
    )
    (model.parent / "catalog-v001.xml").write_text((tmp_path / "catalog-v001.xml").read_text().replace(
        'uri="other.ttl"', 'uri="../other.ttl"'))  # fmt: skip
    code, out, err = run(capsys, "validate", str(model), "--format", "json")
    assert "not resolved" not in err
    doc = json.loads(out)
    assert code == 1 and doc["counts"]["violation"] >= 3
    assert any(Path(s).name == "other.ttl" for s in doc["sources"])


def test_pyshacl_engine_gives_the_same_verdict(capsys):
    code, out, _ = run(capsys, "validate", str(GAP), "--format", "json", "--engine", "pyshacl")
    doc = json.loads(out)
    assert code == 1 and doc["engine"] == "pyshacl" and doc["counts"]["violation"] == 1


def test_typo_message_names_the_nearest_term(capsys):
    code, out, _ = run(capsys, "validate", str(INVALID / "typo-class.ttl"), "--format", "json")
    assert code == 1
    typo = [r for r in json.loads(out)["results"] if r["shape"].endswith("TermsAreDefined")]
    assert typo and typo[0]["suggestion"] == "svc:DesignAndTransition"
    assert "Did you mean svc:DesignAndTransition?" in typo[0]["message"]
