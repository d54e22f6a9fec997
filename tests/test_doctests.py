"""The examples in the docstrings run (STYLE: docstrings with a runnable example, run as doctests)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import svco

MODULES = sorted(
    name for _, name, _ in pkgutil.walk_packages(svco.__path__, prefix="svco.") if name not in ("svco._version",)
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert failures == 0


def test_some_modules_have_examples():
    finder = doctest.DocTestFinder()
    with_examples = [n for n in MODULES if any(t.examples for t in finder.find(importlib.import_module(n)))]
    assert len(with_examples) >= 5, with_examples
