"""svco: the ITIL 4 service value chain as an OWL ontology, SHACL shapes, SPARQL queries and a Python API."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from svco.errors import InputError, QueryError, ReasonerError, StoreLockedError, SvcoError, UsageError
from svco.store import Store

try:
    __version__ = version("svco")
except PackageNotFoundError:  # pragma: no cover - running from a checkout without installing
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
