"""svco's SHACL engine on small cases, one fixture file each (shapes and data in one graph).

Each file declares what the engine must give in its header comments:
``# expect: ex:focus Component`` (the exact set of (focus, component) results), or
``# unsupported: text`` (the shape is refused with a reason containing text: never silently ignored), and
``# known-failure: reason`` for a case pinned as failing today (strict: it fails the suite once it passes).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from svco.cli import main
from svco.shacl import OxigraphRunner, compile_shapes
from svco.store import Store

CASES = sorted((Path(__file__).parent / "data" / "shacl" / "engine").glob("*.ttl"))
EX = "http://example.org/ns#"
SH = "http://www.w3.org/ns/shacl#"


def _declared(path: Path, key: str) -> list[str]:
    return re.findall(rf"^# {key}: (.*)$", path.read_text(encoding="utf-8"), re.MULTILINE)


def _param(path: Path):
    known = _declared(path, "known-failure")
    marks = [pytest.mark.xfail(strict=True, reason=known[0])] if known else []
    return pytest.param(path, id=path.stem, marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_engine_case(case: Path):
    store = Store()
    store.load([case])
    compiled = compile_shapes([case])
    reasons = " | ".join(compiled.unsupported.values())
    for expected in _declared(case, "unsupported"):
        assert expected in reasons
    if not _declared(case, "unsupported"):
        assert not compiled.unsupported, reasons
        results = compiled.run(OxigraphRunner(store.oxigraph))
        got = {(r.focus.value.replace(EX, "ex:"), r.component.removeprefix(SH)) for r in results}
        expected = {tuple(line.split()) for line in _declared(case, "expect")}
        assert got == expected


def test_cli_refuses_or_falls_back_per_shape(capsys):
    """--engine svco: exit 2 naming shape and construct; auto: that shape alone on pyshacl, said on stderr."""
    case = str(Path(__file__).parent / "data" / "shacl" / "engine" / "unknown-parameter.ttl")
    assert main(["shacl", case, "--shapes", case, "--engine", "svco"]) == 2
    err = capsys.readouterr().err
    assert "http://example.org/ns#S" in err and "#pattern" in err
    assert main(["shacl", case, "--shapes", case, "--format", "json"]) == 1
    out, err = capsys.readouterr()
    assert json.loads(out)["engine"] == "svco+pyshacl"
    assert "pyshacl runs <http://example.org/ns#S>" in err
    assert [r["component"] for r in json.loads(out)["results"]] == ["PatternConstraintComponent"]
