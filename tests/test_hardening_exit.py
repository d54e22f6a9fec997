"""The exit-code contract: 0/1/2 as documented, 3 for a bug in svco, never a traceback (issue 11)."""

from __future__ import annotations

import pytest

from svco.cli import cli, main


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
