"""svco: the ITIL 4 service value chain as an OWL ontology, SHACL shapes, SPARQL queries and a Python API."""

from __future__ import annotations

from svco.errors import InputError, QueryError, ReasonerError, StoreLockedError, SvcoError, UsageError
from svco.store import Store

try:
    from svco._version import __version__
except ImportError:  # pragma: no cover - a checkout that was never built or installed
    __version__ = "0+unknown"

__all__ = [
    "InputError",
    "QueryError",
    "ReasonerError",
    "Store",
    "StoreLockedError",
    "SvcoError",
    "UsageError",
    "__version__",
]
