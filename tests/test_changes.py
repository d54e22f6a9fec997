"""`svco validate --changed-since REF`: the whole model is validated, only what changed is reported."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from svco.changes import changed_lines
from svco.cli import main

from .conftest import DATA

MODEL = DATA / "locate" / "model.ttl"  # stream (lines 9-13) misses trigger and outcome; step2 (19-23) a bad activity
VALID_STEP = "svc:position 2 ; svc:activity svc:Plan ."
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=repo, check=True,
                   capture_output=True)  # fmt: skip


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """A git repository holding models/model.ttl with step2 valid, committed; the working folder."""
    text = MODEL.read_text(encoding="utf-8").replace("svc:position 2 ; svc:activity ex:NotAnActivity .", VALID_STEP)
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "model.ttl").write_text(text, encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "model")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def report(capsys, *argv: str) -> tuple[int, list[dict]]:
    code = main(["validate", "models", "--format", "json", *argv])
    return code, json.loads(capsys.readouterr().out)["results"]


def edit(repo: Path, old: str, new: str) -> None:
    path = repo / "models" / "model.ttl"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_without_the_option_every_result_is_reported(capsys, repo) -> None:
    code, results = report(capsys)
    assert code == 1 and len(results) == 2  # the stream's old problems


def test_unchanged_model_reports_nothing_and_passes(capsys, repo) -> None:
    code, results = report(capsys, "--changed-since", "HEAD")
    assert (code, results) == (0, [])


def test_a_changed_line_reports_the_result_located_there_only(capsys, repo) -> None:
    edit(repo, VALID_STEP, "svc:position 2 ; svc:activity ex:NotAnActivity .")
    code, results = report(capsys, "--changed-since", "HEAD")
    assert code == 1
    assert [(r["focus"].rsplit("#")[-1], r["line"], r["value_line"]) for r in results] == [("step2", 19, 23)]


def test_an_edit_elsewhere_hides_old_results_and_the_exit_code_follows(capsys, repo) -> None:
    edit(repo, "# One model in every RDF syntax", "# One model, in every RDF syntax")
    code, results = report(capsys, "--changed-since", "HEAD", "--fail-on", "info")
    assert (code, results) == (0, [])


def test_deleting_a_line_inside_a_statement_reports_its_node(capsys, repo) -> None:
    edit(repo, '    rdfs:label "Stream" ;\n', "")
    code, results = report(capsys, "--changed-since", "HEAD")
    assert code == 1 and {r["focus"].rsplit("#")[-1] for r in results} == {"stream"}


def test_an_untracked_file_is_reported_whole(capsys, repo) -> None:
    text = MODEL.read_text(encoding="utf-8").replace("https://example.org/locate#", "https://example.org/new#")
    (repo / "models" / "new.ttl").write_text(text, encoding="utf-8")
    code, results = report(capsys, "--changed-since", "HEAD")
    assert code == 1
    assert {r["file"] for r in results} == {"models/new.ttl"} and len(results) == 3


def test_outside_a_git_repository_is_a_usage_error(capsys, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "--changed-since", "HEAD"]) == 2
    assert "needs a git repository" in capsys.readouterr().err


@pytest.mark.parametrize("ref", ["no-such-branch", "--output=x"])
def test_an_unknown_revision_is_a_usage_error(capsys, repo, ref) -> None:
    assert main(["validate", "models", f"--changed-since={ref}"]) == 2
    assert "revision" in capsys.readouterr().err
    assert not (repo / "x").exists()


def test_changed_ranges_are_working_tree_lines(repo) -> None:
    edit(repo, VALID_STEP, "svc:position 2 ;\n    svc:activity svc:Plan .")
    changes = changed_lines("HEAD")
    assert changes.ranges == {(repo / "models" / "model.ttl").resolve(): [(23, 24)]}
    assert changes.touches("models/model.ttl", (24, 24)) and not changes.touches("models/model.ttl", (22, 22))
