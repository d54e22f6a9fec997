"""The exit-code contract: 0/1/2 as documented, 3 for a bug in svco, never a traceback (issue 11)."""

from __future__ import annotations

import pytest

from svco.cli import cli, main

from .conftest import DATA


def _explode(*args, **kwargs):
    raise ZeroDivisionError("boom\nsecond line")


@pytest.fixture
def broken_info(monkeypatch):
    """``svco info`` raising an exception svco never raises on purpose."""
    monkeypatch.setattr(cli.commands["info"], "callback", _explode)
    monkeypatch.delenv("SVCO_DEBUG", raising=False)


def test_unexpected_exception_is_exit_3_in_one_line(broken_info, capsys):
    assert main(["info"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert "internal error" in err and "bug in svco" in err and "ZeroDivisionError: boom second line" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("how", ["flag", "env"])
def test_debug_shows_the_traceback(broken_info, capsys, monkeypatch, how):
    if how == "env":
        monkeypatch.setenv("SVCO_DEBUG", "1")
        argv = ["info"]
    else:
        argv = ["--debug", "info"]
    assert main(argv) == 3
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and "_explode" in err
    assert "internal error" in err


def test_keyboard_interrupt_is_exit_2(monkeypatch, capsys):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli.commands["info"], "callback", interrupted)
    assert main(["info"]) == 2
    assert "aborted" in capsys.readouterr().err


def test_usage_errors_stay_2(capsys):
    assert main(["info", "--no-such-option"]) == 2
    assert main(["no-such-command"]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_pyshacl_giving_up_on_an_ill_typed_literal_is_exit_2_without_traceback(tmp_path, capsys):
    """rdflib recurses without end on ``"x"^^xsd:integer`` arithmetic inside pySHACL: a clear exit 2, not 3."""
    model = tmp_path / "m.ttl"
    text = (DATA / "valid" / "minimal-stream.ttl").read_text()
    model.write_text(text.replace("svc:position 1", 'svc:position "x"^^<http://www.w3.org/2001/XMLSchema#integer>'))
    assert '"x"' in model.read_text()
    code = main(["validate", str(model), "--engine", "pyshacl"])
    err = capsys.readouterr().err
    assert code in (1, 2), err
    assert "Traceback" not in err and "internal error" not in err
    if code == 2:
        assert "--engine auto" in err
