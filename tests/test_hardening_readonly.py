"""Read-only commands open a persistent store read-only and never create one among the user's files."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from svco.cli import main
from svco.store import Store

from .conftest import DATA

SVCO = os.path.join(os.path.dirname(sys.executable), "svco")
GAP = str(DATA / "invalid" / "position-gap.ttl")


@pytest.mark.parametrize("command", [["info"], ["validate"], ["diagram"], ["query", "ontology-summary"]])
@pytest.mark.parametrize("folder", ["missing", "empty", "user-files", "a-file"])
def test_read_only_commands_never_create_a_store(tmp_path, capsys, command, folder):
    path = tmp_path / "folder"
    if folder == "empty":
        path.mkdir()
    elif folder == "user-files":
        path.mkdir()
        (path / "notes.txt").write_text("mine")
    elif folder == "a-file":
        path.write_text("mine")
    before = sorted(p.name for p in path.iterdir()) if path.is_dir() else None
    assert main([*command, "--store", str(path)]) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert (sorted(p.name for p in path.iterdir()) if path.is_dir() else None) == before
    assert path.exists() == (folder != "missing")


def test_load_refuses_a_folder_of_user_files(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine")
    assert main(["load", "--store", str(tmp_path), GAP]) == 2
    assert "not an svco store" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_read_only_commands_run_while_a_writer_holds_the_store(tmp_path, capsys):
    store_path = tmp_path / "store"
    assert main(["load", "--store", str(store_path), GAP]) == 0
    writer = Store(store_path)  # holds RocksDB's write lock
    try:
        for command in (["info"], ["validate", "--format", "json"], ["query", "ontology-summary"]):
            done = subprocess.run([SVCO, *command, "--store", str(store_path)], capture_output=True, text=True)
            assert done.returncode in (0, 1), (command, done.stderr)
            assert "locked" not in done.stderr
    finally:
        del writer


def test_models_with_a_read_only_store_are_a_usage_error(tmp_path, capsys):
    store_path = tmp_path / "store"
    assert main(["load", "--store", str(store_path)]) == 0
    assert main(["validate", GAP, "--store", str(store_path)]) == 2
    assert "svco load --store" in capsys.readouterr().err
