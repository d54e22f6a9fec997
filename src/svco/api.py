"""The Python API of DESIGN.md: ``svco.validate``, ``svco.query`` (and ``svco.Store`` for more).

Each call builds an in-memory store with the svco reference content and the given models, so a forgotten
``load_reference()`` cannot turn every ``svc:`` term into a false violation.

>>> from svco.resources import examples_dir
>>> report = validate(examples_dir() / "university.ttl")
>>> report.conforms, report.fails()
(True, False)
>>> rows = query("flows-between", **{"from": "Plan", "to": "Engage"})
>>> sorted(row["artifactLabel"].value for row in rows)[0]
'Contract and agreement requirements'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from svco.errors import UsageError
from svco.store import Store
from svco.validate import ValidationReport

Models = Path | str | Iterable[Path | str]
_FAIL_ON = ("violation", "warning", "info")


def _sources(models: Models) -> list[Path | str]:
    return [models] if isinstance(models, str | Path) else list(models)


def _store(models: Models, input_format: str | None) -> Store:
    store = Store()
    store.load_reference()
    sources = _sources(models)
    if sources:
        store.load(sources, input_format=input_format)
    return store


def validate(
    models: Models,
    *,
    shapes: Iterable[Path | str] = (),
    fail_on: str = "violation",
    engine: str = "auto",
    input_format: str | None = None,
) -> ValidationReport:
    """Validate model files or folders against svco's shapes (and ``shapes``, the organisation's own).

    The reference content is always loaded. ``report.fails()`` then applies ``fail_on`` (``violation``,
    ``warning`` or ``info``), as ``svco validate --fail-on`` does. Raises :class:`svco.InputError` for an
    unreadable model, :class:`svco.UsageError` for a bad argument.
    """
    if fail_on.lower() not in _FAIL_ON:
        raise UsageError(f"fail_on={fail_on!r} is not one of {', '.join(_FAIL_ON)}")
    from svco.imports import resolve_imports
    from svco.validate import validate_store

    store = _store(models, input_format)
    unresolved = resolve_imports(store, allow_network=False)
    report = validate_store(store, engine=engine, extra_shapes=[Path(s) for s in shapes])
    report.unresolved_imports = unresolved
    report.fail_on = fail_on
    return report


def query(
    name_or_sparql: str, models: Models = (), *, input_format: str | None = None, **params: str
) -> list[dict[str, Any]]:
    """Run a catalog query by name, a ``.rq`` file, or SPARQL text on the reference content and ``models``.

    ``params`` are the query's parameters, given as on the command line (IRI, CURIE or label); they are bound
    as RDF terms, never spliced into the text. Returns one dict a row: variable name to pyoxigraph term
    (``.value`` is its text); unbound variables are left out. ASK gives ``[{"ask": True}]`` (or False);
    CONSTRUCT and DESCRIBE are not supported here (use :meth:`svco.Store.query`).
    """
    from svco import query as q

    if re.search(r"[\s{]", name_or_sparql.strip()):
        if params:
            raise UsageError("params work with catalog queries and .rq files, not SPARQL text")
        named = q.query_from_text(name_or_sparql)
    else:
        named = q.load_query(name_or_sparql)
    results = q.run(q.StoreBackend(_store(models, input_format)), named, params)
    if results.boolean is not None:
        return [{"ask": results.boolean}]
    if results.graph is not None:
        raise UsageError("svco.query returns rows: a CONSTRUCT or DESCRIBE query needs svco.Store().query()")
    return results.rows
