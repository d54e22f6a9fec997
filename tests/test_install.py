"""A plain, non-editable install works from another folder: the data files travel inside the wheel."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_wheel_install_runs_outside_the_checkout(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels), str(REPO)],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("svco-*.whl")
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import json, svco.resources as r\n"
        "from svco.cli import main\n"
        "print(json.dumps(str(r.data_root())))\n"
        "raise SystemExit(main(['info', '--format', 'json']))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(site), "PYTHONSAFEPATH": "1"}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=elsewhere, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    first, rest = done.stdout.split("\n", 1)
    assert json.loads(first).startswith(str(site)), "data came from the wheel, not the checkout"
    info = json.loads(rest)
    assert info["practices"] == 34 and info["counts"]["activities"] == 6
    for folder in ("ontology", "shapes", "queries", "examples"):
        assert (site / "svco" / "data" / folder).is_dir()
    assert (site / "svco" / "java" / "OwlProfileCheck.java").is_file()
    assert (site / "svco" / "py.typed").is_file()
    assert info["version"] in (site / "svco" / "_version.py").read_text(), "package and ontology versions agree"
    for asset in ("templates/docs.html.j2", "templates/explorer.js", "views/flow-seeds.rq", "views/practice-use.rq"):
        assert (site / "svco" / asset).is_file(), asset
    if shutil.which("dot") is None and os.environ.get("CI") != "true":
        return  # svco docs draws with Graphviz: the rest needs it (CI installs it)
    docs = subprocess.run(
        [sys.executable, "-c", "from svco.cli import main; raise SystemExit(main(['docs', 'site']))"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert docs.returncode == 0, docs.stderr
    assert 'id="explorer-data"' in (elsewhere / "site" / "index.html").read_text(encoding="utf-8")
