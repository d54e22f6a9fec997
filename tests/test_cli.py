"""The command line, in-process through main(argv) -> int: output and exit codes."""

from __future__ import annotations

import json

import pytest

from svco.cli import main

from .conftest import DATA


def test_version(capsys):
    import svco

    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"svco {svco.__version__}"


def test_info_text(capsys):
    assert main(["info"]) == 0
    out = capsys.readouterr().out
    assert "activities        6" in out
    assert "practices        34  general 14, service 17, technical 3" in out
    assert "flows            74" in out


def test_info_json(capsys):
    assert main(["info", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["counts"]["activities"] == 6
    assert doc["practices"] == 34
    assert doc["counts"]["artifact types"] == 29
    assert doc["flows"] == doc["counts"]["flows between activities"] + doc["counts"]["flows crossing the boundary"]


def test_info_from_a_persistent_store(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SVCO_STORE", str(tmp_path / "store"))
    assert main(["load"]) == 0  # svco load makes the store; read-only commands never do
    capsys.readouterr()
    assert main(["info", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["practices"] == 34


def test_unknown_command_is_usage_error(capsys):
    assert main(["frobnicate"]) == 2
    assert "No such command" in capsys.readouterr().err


@pytest.mark.java
def test_reason_exit_codes(capsys):
    assert main(["reason"]) == 0
    assert "consistent" in capsys.readouterr().out
    assert main(["reason", str(DATA / "owl" / "seventh-activity.ttl")]) == 1
    assert "inconsistent" in capsys.readouterr().out


def test_bad_model_is_exit_2_with_file_and_line(capsys):
    assert main(["reason", str(DATA / "broken" / "syntax-error.ttl")]) == 2
    err = capsys.readouterr().err
    assert "syntax-error.ttl:4:" in err
    assert "Traceback" not in err


def test_fmt_check(tmp_path, capsys):
    messy = tmp_path / "messy.ttl"
    messy.write_text("<http://e/b> <http://e/p> 1 . <http://e/a> <http://e/p> 2 .\n", encoding="utf-8")
    assert main(["fmt", "--check", str(messy)]) == 1
    assert main(["fmt", str(messy)]) == 0
    assert main(["fmt", "--check", str(messy)]) == 0
    text = messy.read_text(encoding="utf-8")
    assert text.index(":a ") < text.index(":b "), "subjects are sorted"
