"""``-o`` and bad option values: clean exit-2 errors, output written through links and special files (issue 11)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
import xml.dom.minidom

import pytest

from svco.cli import main

from .conftest import DATA

GAP = str(DATA / "invalid" / "position-gap.ttl")
SVCO = os.path.join(os.path.dirname(sys.executable), "svco")
ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _validate_to(path, capsys) -> tuple[int, str]:
    code = main(["validate", GAP, "--format", "json", "-o", str(path)])
    return code, capsys.readouterr().err


@pytest.mark.parametrize(
    "where",
    ["parent-is-a-file", "name-too-long", "empty", "dot", "folder"],
)
def test_output_write_errors_are_exit_2(tmp_path, capsys, where):
    (tmp_path / "file").write_text("keep me")
    target = {
        "parent-is-a-file": tmp_path / "file" / "report.json",
        "name-too-long": tmp_path / ("a" * 300 + ".json"),
        "empty": "",
        "dot": ".",
        "folder": tmp_path,
    }[where]
    code, err = _validate_to(target, capsys)
    assert code == 2, err
    assert ("svco: error:" in err or "Error: Invalid value" in err) and "Traceback" not in err and "internal" not in err
    assert (tmp_path / "file").read_text() == "keep me"


@pytest.mark.skipif(ROOT, reason="root writes into read-only folders")
def test_read_only_folder_is_exit_2(tmp_path, capsys):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    code, err = _validate_to(folder / "report.json", capsys)
    assert code == 2 and "permission denied" in err.lower()


@pytest.mark.skipif(not ROOT, reason="making device files needs root")
def test_full_disk_is_exit_2_and_the_device_stays(tmp_path, capsys):
    full = tmp_path / "full"
    os.mknod(full, stat.S_IFCHR | 0o666, os.makedev(1, 7))  # a private /dev/full
    code, err = _validate_to(full, capsys)
    assert code == 2 and "No space left" in err
    assert stat.S_ISCHR(os.stat(full).st_mode)


@pytest.mark.skipif(not ROOT, reason="making device files needs root")
def test_character_device_is_written_through(tmp_path, capsys):
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a private /dev/null
    code, _ = _validate_to(null, capsys)
    assert code == 1
    assert stat.S_ISCHR(os.stat(null).st_mode)


def test_symlink_is_followed_and_kept(tmp_path, capsys):
    target = tmp_path / "reports" / "report.json"
    target.parent.mkdir()
    target.write_text("old")
    link = tmp_path / "latest.json"
    link.symlink_to(target)
    code, _ = _validate_to(link, capsys)
    assert code == 1
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert json.loads(target.read_text())["conforms"] is False
    assert [p.name for p in target.parent.iterdir()] == ["report.json"]  # no temporary file left


def test_fifo_is_written_through(tmp_path, capsys):
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    code, _ = _validate_to(fifo, capsys)
    reader.join(timeout=10)
    assert code == 1 and stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert json.loads(received[0])["conforms"] is False


def test_dev_stdout_is_written_through():
    before = os.lstat("/dev/stdout")
    done = subprocess.run([SVCO, "validate", GAP, "--format", "json", "-o", "/dev/stdout"], capture_output=True)
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout)["conforms"] is False
    after = os.lstat("/dev/stdout")
    assert (stat.S_IFMT(after.st_mode), after.st_ino) == (stat.S_IFMT(before.st_mode), before.st_ino)


@pytest.mark.parametrize("timeout", ["nan", "inf", "-inf", "1e308", "0", "-1"])
def test_bad_timeout_is_exit_2(capsys, timeout):
    assert main(["query", "ontology-summary", "--endpoint", "http://127.0.0.1:9/q", "--timeout", timeout]) == 2
    assert "--timeout" in capsys.readouterr().err


@pytest.mark.parametrize("url", ["http://[::1", "http://127.0.0.1:99999/q", "ftp://example.org/", "http://"])
def test_bad_endpoint_is_exit_2(capsys, url):
    assert main(["query", "ontology-summary", "--endpoint", url]) == 2
    assert "--endpoint" in capsys.readouterr().err


@pytest.mark.parametrize(
    "param",
    ["practice=\ud800", "practice=\udcff\udcfe", "pr\udcffactice=x", "practice=svc:\ud800", "practice=<urn:\udc80>"],
)
def test_surrogates_in_param_are_exit_2(capsys, param):
    assert main(["query", "activities-of-practice", "--param", param]) == 2
    err = capsys.readouterr().err
    assert err.startswith("svco: error:") and "internal error" not in err


CONTROL_DATA = """@prefix ex: <https://example.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<urn:x> ex:p "not a number" ; rdfs:label "evil\\u001B[31m red \\u0007 bell\\u0001\\u202E" .
"""
CONTROL_SHAPES = """@prefix ex: <https://example.org/> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:Values a sh:NodeShape ; sh:targetObjectsOf ex:p ; sh:datatype xsd:integer .
ex:Subjects a sh:NodeShape ; sh:targetSubjectsOf ex:p ;
    sh:property [ sh:path ex:q ; sh:minCount 1 ; sh:message "needs q \\u001B[2J\\u0000" ] .
"""


@pytest.fixture
def hostile(tmp_path):
    """A model whose label and a shape whose message hold terminal escapes and XML-forbidden characters; one
    focus node is a literal (sh:targetObjectsOf), the other the IRI ``urn:x``."""
    (tmp_path / "data.ttl").write_text(CONTROL_DATA)
    (tmp_path / "shapes.ttl").write_text(CONTROL_SHAPES)
    return tmp_path


def _shacl(hostile, capsys, fmt: str, *extra: str) -> str:
    code = main(["shacl", str(hostile / "data.ttl"), "--shapes", str(hostile / "shapes.ttl"), "--format", fmt, *extra])
    captured = capsys.readouterr()
    assert code == 1, captured.err
    return captured.out


def test_turtle_report_with_literal_and_urn_focus_nodes(hostile, capsys):
    import pyoxigraph as ox

    out = _shacl(hostile, capsys, "turtle")
    assert "_:urn:x" not in out
    focus = {q.object for q in ox.parse(out.encode(), format=ox.RdfFormat.TURTLE)
             if q.predicate.value == "http://www.w3.org/ns/shacl#focusNode"}  # fmt: skip
    assert focus == {ox.NamedNode("urn:x"), ox.Literal("not a number")}


def test_junit_is_well_formed_with_control_characters(hostile, capsys):
    out = _shacl(hostile, capsys, "junit")
    document = xml.dom.minidom.parseString(out.encode())
    assert document.documentElement.tagName == "testsuites"
    assert "\\x1b[2J" in out


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_no_terminal_escapes_reach_the_terminal(hostile, capsys, fmt):
    out = _shacl(hostile, capsys, fmt, *(["--color"] if fmt == "text" else []))
    without_styling = out
    for code in ("\x1b[0m", "\x1b[1m", "\x1b[2m", "\x1b[31m", "\x1b[32m", "\x1b[22m", "\x1b[39m"):
        without_styling = without_styling.replace(code, "")  # svco's own colours
    assert not any(ch in without_styling for ch in "\x1b\x07\x01\x00\u202e"), repr(without_styling)
    assert "\\x1b[2J" in out


def test_dev_stdout_redirected_to_a_file_is_written_through(tmp_path):
    target = tmp_path / "out.json"
    with target.open("wb") as handle:
        inode = os.fstat(handle.fileno()).st_ino
        done = subprocess.run([SVCO, "validate", GAP, "--format", "json", "-o", "/dev/stdout"], stdout=handle)
    assert done.returncode == 1
    assert os.stat(target).st_ino == inode
    assert json.loads(target.read_text())["conforms"] is False


@pytest.mark.parametrize(
    ("command", "code"),
    [
        (["query", "--sparql", "SELECT * WHERE { ?s ?p ?o . ?a ?b ?c } LIMIT 200000", "--format", "csv"], 0),
        (["validate", str(DATA / "invalid"), "--format", "turtle"], 1),
    ],
)
def test_a_reader_that_stops_early_gets_no_traceback_and_the_verdict_stays(command, code):
    """``svco ... | head -c 10``: the closed pipe ends svco quietly; validate's exit code is still its verdict."""
    reader = subprocess.Popen(["head", "-c", "10"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    writer = subprocess.run([SVCO, *command], stdout=reader.stdin, stderr=subprocess.PIPE, text=True, timeout=120)
    reader.stdin.close()
    reader.wait(timeout=10)
    assert writer.returncode == code, writer.stderr
    assert "Traceback" not in writer.stderr and "internal error" not in writer.stderr


def test_a_250_character_output_name_is_written(tmp_path, capsys):
    """The temporary file written beside the target must not make a name that fits too long (NAME_MAX 255)."""
    target = tmp_path / ("r" * 250)
    code, err = _validate_to(target, capsys)
    assert code == 1, err
    assert json.loads(target.read_text())["conforms"] is False


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json"])
def test_query_output_escapes_controls_for_people_and_keeps_data_exact(tmp_path, capsys, fmt):
    """A label holding an ANSI escape, BEL and a right-to-left override: shown escaped in a table or markdown
    (a label cannot drive the terminal); kept exactly in CSV and JSON, piped or not (data must not change)."""
    label = "bad \x1b[2J\x07 x\u202e y"
    model = tmp_path / "m.ttl"
    model.write_text('<urn:a> <http://www.w3.org/2000/01/rdf-schema#label> "bad \\u001B[2J\\u0007 x\\u202e y" .\n')
    code = main(["query", "--sparql", "SELECT ?l WHERE { <urn:a> ?p ?l }", str(model), "--format", fmt])
    out = capsys.readouterr().out
    assert code == 0
    if fmt in ("table", "markdown"):
        assert not any(ch in out for ch in "\x1b\x07\u202e"), repr(out)
        assert "\\x1b[2J\\x07 x\\u202e y" in out
    elif fmt == "csv":
        assert out.splitlines()[1] == label
    else:
        assert json.loads(out)["results"]["bindings"][0]["l"]["value"] == label


def test_a_failure_while_the_output_is_made_leaves_the_old_file(tmp_path):
    """A report is written a result at a time (atomic_write_parts): a failure half-way through leaves the old
    file whole and no temporary file behind."""
    from svco.output import atomic_write_parts

    target = tmp_path / "report.json"
    target.write_text("the old report")

    def parts():
        yield "the start of the new one"
        raise RuntimeError("the report could not be finished")

    with pytest.raises(RuntimeError):
        atomic_write_parts(target, parts())
    assert target.read_text() == "the old report"
    assert list(tmp_path.iterdir()) == [target]


def test_the_json_report_written_in_parts_is_the_whole_report(tmp_path, capsys):
    """The JSON report streamed a result at a time is the same document to stdout and to -o, and parses."""
    code, _ = _validate_to(tmp_path / "report.json", capsys)
    assert code == 1
    assert main(["validate", GAP, "--format", "json"]) == 1
    printed = capsys.readouterr().out
    assert printed == (tmp_path / "report.json").read_text()
    doc = json.loads(printed)
    assert doc["results"] and len(doc["results"]) == sum(doc["counts"].values())
