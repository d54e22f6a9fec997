"""The pre-commit hooks of .pre-commit-hooks.yaml, installed by the real `pre-commit` into a throwaway repo.

pre-commit clones this repository at its current commit and pip-installs it into a fresh environment: about
15 s here with a warm pip cache (longer on a cold one: owlready2 builds a C extension). One environment
serves every test in the session.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from svco.resources import examples_dir

from .conftest import DATA

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or not (ROOT / ".git").exists() or not (ROOT / ".pre-commit-hooks.yaml").exists(),
    reason="needs git and a git checkout of svco",
)


def _git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=cwd,
                          check=True, capture_output=True, text=True)  # fmt: skip
    return done.stdout.strip()


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def project(tmp_path, pre_commit_home) -> Path:
    """A git repository whose .pre-commit-config.yaml uses svco's hooks at this checkout's commit."""
    rev = _git(ROOT, "rev-parse", "HEAD")
    (tmp_path / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {ROOT.as_posix()}\n  rev: {rev}\n  hooks:\n  - id: svco-validate\n  - id: svco-fmt\n",
        encoding="utf-8",
    )
    _git(tmp_path, "init", "-q")
    return tmp_path


def pre_commit(project: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    command = [sys.executable, "-m", "pre_commit", "run", *args]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=900)


def test_svco_validate_hook_fails_a_bad_model_at_its_line_and_passes_a_good_one(project, pre_commit_home) -> None:
    shutil.copy(DATA / "locate" / "model.ttl", project / "bad.ttl")
    shutil.copy(examples_dir() / "university.ttl", project / "good.ttl")
    _git(project, "add", ".")
    bad = pre_commit(project, pre_commit_home, "svco-validate", "--files", "bad.ttl")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "bad.ttl:19:3: ✗ violation" in bad.stdout
    good = pre_commit(project, pre_commit_home, "svco-validate", "--files", "good.ttl")
    assert good.returncode == 0, good.stdout + good.stderr


def test_svco_fmt_hook_rewrites_turtle_into_svco_form_then_passes(project, pre_commit_home) -> None:
    messy = project / "model.ttl"
    messy.write_text(
        "@prefix ex: <https://example.org/x#> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        'ex:b rdfs:label "B" .   ex:a   rdfs:label "A" .\n',
        encoding="utf-8",
    )
    _git(project, "add", ".")
    first = pre_commit(project, pre_commit_home, "svco-fmt", "--files", "model.ttl")
    assert first.returncode == 1 and "files were modified by this hook" in first.stdout, first.stdout
    text = messy.read_text(encoding="utf-8")
    assert text.index("ex:a") < text.index("ex:b")
    again = pre_commit(project, pre_commit_home, "svco-fmt", "--files", "model.ttl")
    assert again.returncode == 0, again.stdout
