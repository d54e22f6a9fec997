"""DESIGN.md's ``svco.query`` and ``svco.validate`` are functions, and ``svco.query``/``svco.validate`` are also
modules: importing a submodule binds its name on the package, replacing the function. So each of those two
modules is made callable, running the :mod:`svco.api` function of the same name; ``svco.query(...)`` then
works whichever object the name holds, and ``from svco import query`` in the CLI still gets the module.
"""

from __future__ import annotations

import sys
import types
from typing import Any


class _CallableModule(types.ModuleType):
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        import svco.api

        return getattr(svco.api, self.__name__.rpartition(".")[2])(*args, **kwargs)


def make_callable(module_name: str) -> None:
    """Let the module ``module_name`` be called as the :mod:`svco.api` function of its last name."""
    sys.modules[module_name].__class__ = _CallableModule
