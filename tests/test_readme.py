"""README.md starts with the two commands a new user runs; CI runs exactly the second one; the set-up scripts
install only what each job needs; DESIGN.md is the team's shared contract."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DESIGN = REPO.parent / "shared" / "DESIGN.md"


def _commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text, re.DOTALL)[:2]


def _script(name: str) -> str:
    return (REPO / "scripts" / name).read_text(encoding="utf-8")


def test_readme_starts_with_main_job_and_test_commands():
    main_job, tests = _commands()
    assert main_job.startswith("./scripts/setup && ") and "svco validate examples/" in main_job
    assert "svco query" in main_job
    assert tests.startswith("./scripts/setup-tests && ") and "pytest" in tests


def test_ci_runs_exactly_the_readme_test_command():
    _, tests = _commands()
    lines = [line for line in (REPO / ".ci" / "run").read_text().splitlines() if line and not line.startswith("#")]
    assert lines[-1] == tests


def test_main_job_setup_installs_no_system_packages_and_no_test_tools():
    code = "\n".join(line for line in _script("setup").splitlines() if not line.lstrip().startswith("#"))
    assert "apt-get install" not in code and "debconf" not in code
    assert "[test]" not in code and "pip install" in code


def test_test_setup_waits_for_the_apt_lock_and_leaves_no_virtuoso_service():
    script = _script("setup-tests")
    assert script.count("DPkg::Lock::Timeout=") == 1 and '"${APT[@]}" install' in script
    for package in ("default-jre-headless", "libowlapi-java", "graphviz", "virtuoso-opensource", "chromium"):
        assert f"apt_packages+=({package})" in script
    assert "password dba" not in script  # no well-known dba password is preseeded
    assert "policy-rc.d" in script and "update-rc.d" in script and "/dev/null" in script
    assert ".[test]" in script and script.index("./scripts/setup") < script.index(".[test]")


@pytest.mark.skipif(not SHARED_DESIGN.is_file(), reason="no ../shared/DESIGN.md beside this checkout")
def test_design_is_the_shared_contract():
    assert (REPO / "DESIGN.md").read_text(encoding="utf-8") == SHARED_DESIGN.read_text(encoding="utf-8")
