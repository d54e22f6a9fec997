"""README.md starts with the two commands a new user runs; CI runs exactly the second one."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text, re.DOTALL)[:2]


def test_readme_starts_with_main_job_and_test_commands():
    main_job, tests = _commands()
    assert main_job.startswith("./scripts/setup && ") and "svco validate examples/" in main_job
    assert "svco query" in main_job
    assert tests.startswith("./scripts/setup && ") and "pytest" in tests


def test_ci_runs_exactly_the_readme_test_command():
    _, tests = _commands()
    lines = [line for line in (REPO / ".ci" / "run").read_text().splitlines() if line and not line.startswith("#")]
    assert lines[-1] == tests
