"""svco: the ITIL 4 service value chain as an OWL ontology, SHACL shapes, SPARQL queries and a Python API.

``svco.validate``, ``svco.query`` and ``svco.Store`` (DESIGN.md, "Python API") are imported on first use,
so that ``import svco`` and ``svco --version`` stay fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from svco.errors import InputError, QueryError, ReasonerError, StoreLockedError, SvcoError, UsageError

try:
    from svco._version import __version__
except ImportError:  # pragma: no cover - a checkout that was never built or installed
    __version__ = "0+unknown"

if TYPE_CHECKING:
    from svco.api import query, validate
    from svco.store import Store
    from svco.validate import ValidationReport

_LAZY = {"Store": "svco.store", "ValidationReport": "svco.validate"}


def __getattr__(name: str) -> Any:
    """Import the public API on first use (PEP 562). ``svco.query`` and ``svco.validate`` are the modules of
    those names, callable as the :mod:`svco.api` functions (see :mod:`svco._callable`)."""
    if name in ("query", "validate"):
        import importlib

        return importlib.import_module(f"svco.{name}")
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'svco' has no attribute {name!r}")


__all__ = [
    "InputError",
    "QueryError",
    "ReasonerError",
    "Store",
    "StoreLockedError",
    "SvcoError",
    "UsageError",
    "ValidationReport",
    "__version__",
    "query",
    "validate",
]
