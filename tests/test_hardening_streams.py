"""Standard input, pipes and named FIFOs are read once, completely: same verdict as the file (issue 11)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest

from svco.cli import main

from .conftest import DATA

GAP = DATA / "invalid" / "position-gap.ttl"
SVCO = [os.path.join(os.path.dirname(sys.executable), "svco")]


def _big_turtle_with_error(padding_lines: int) -> tuple[bytes, int]:
    """Turtle longer than the 8 KB sniffing window with a syntax error on a known line; (bytes, that line)."""
    lines = ["@prefix ex: <https://example.org/> ."]
    lines += [f'ex:s{i} ex:p "padding so the file outgrows the first read {i}" .' for i in range(padding_lines)]
    lines.append("ex:broken ex:p ex:o ex:extra .")
    return ("\n".join(lines) + "\n").encode(), len(lines)


def test_piped_input_fails_like_the_file(tmp_path):
    by_path = subprocess.run([*SVCO, "validate", str(GAP)], capture_output=True, text=True, timeout=120)
    piped = subprocess.run(
        [*SVCO, "validate", "--input-format", "turtle", "/dev/stdin"],
        input=GAP.read_bytes(),
        capture_output=True,
        timeout=120,
    )
    assert by_path.returncode == 1
    assert piped.returncode == 1, piped.stdout.decode() + piped.stderr.decode()
    out = piped.stdout.decode()
    assert "/dev/stdin:9:1" in out and "positions, from 1 to 3" in out


def test_piped_syntax_error_names_the_right_line():
    data, line = _big_turtle_with_error(400)
    assert len(data) > 3 * 8192
    piped = subprocess.run(
        [*SVCO, "validate", "--input-format", "turtle", "/dev/stdin"], input=data, capture_output=True, timeout=120
    )
    assert piped.returncode == 2
    err = piped.stderr.decode()
    assert f"/dev/stdin:{line}:" in err, err
    assert "Traceback" not in err


def _feed_fifo(path, data: bytes) -> threading.Thread:
    def write():
        with open(path, "wb") as handle:
            handle.write(data)

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    return thread


@pytest.mark.parametrize("name", ["model.ttl", "model-fifo"])
def test_named_fifo_is_read_once_and_does_not_hang(tmp_path, capsys, monkeypatch, name):
    fifo = tmp_path / name
    os.mkfifo(fifo)
    writer = _feed_fifo(fifo, GAP.read_bytes())
    monkeypatch.chdir(tmp_path)  # a relative name, as users type it
    argv = (
        ["validate", "--format", "json", name]
        if name.endswith(".ttl")
        else ["validate", "--input-format", "turtle", name]
    )
    code = main(argv)
    writer.join(timeout=5)
    assert not writer.is_alive()
    assert code == 1
    assert "positions, from 1 to 3" in capsys.readouterr().out


def test_named_fifo_syntax_error_line(tmp_path, capsys):
    fifo = tmp_path / "broken.ttl"
    os.mkfifo(fifo)
    data, line = _big_turtle_with_error(300)
    writer = _feed_fifo(fifo, data)
    assert main(["validate", str(fifo)]) == 2
    writer.join(timeout=5)
    assert f"broken.ttl:{line}:" in capsys.readouterr().err


def test_rdfxml_syntax_errors_name_a_line(tmp_path, capsys):
    model = tmp_path / "bad.rdf"
    model.write_text(
        '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about="urn:a">\n<rdf:value>x</rdf:valu>\n</rdf:Description>\n</rdf:RDF>\n'
    )
    assert main(["validate", str(model)]) == 2
    assert f"{model}:4:15: not valid RDF/XML" in capsys.readouterr().err
