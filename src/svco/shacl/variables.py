"""Renaming SPARQL variables in a group pattern, so that a shape's pattern can be embedded in another's."""

from __future__ import annotations

import re
from collections.abc import Callable

from svco.sparql import _code_positions

_VARIABLE = re.compile(r"[?$]([A-Za-z_][A-Za-z0-9_]*)")
NESTED = "n_"  # prefix of the variables of an embedded pattern (repeated at each level: never clashes)


def rename(pattern: str, mapping: dict[str, str], other: Callable[[str], str] | None = None) -> str:
    """``pattern`` with each variable named in ``mapping`` replaced by its value (a variable or term), and every
    other variable ``?x`` by ``other(x)`` (left as is without ``other``); strings and IRIs are untouched."""
    code = {i for i, _ in _code_positions(pattern)}

    def replace(match: re.Match) -> str:
        if match.start() not in code:
            return match[0]
        name = match[1]
        if name in mapping:
            return mapping[name]
        return other(name) if other else match[0]

    return _VARIABLE.sub(replace, pattern)


def embed(pattern: str, focus: str) -> str:
    """A pattern over ``?this`` made about ``focus`` instead, its other variables made private to it."""
    return rename(pattern, {"this": focus}, lambda name: f"?{NESTED}{name}")
