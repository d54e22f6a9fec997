"""Validation where the data lives: svco's engine on any SPARQL 1.1 server.

The engine turns every shape into SPARQL (:mod:`svco.shacl`); here those queries go to a server's query
endpoint instead of the embedded store, through :class:`EndpointRunner`. Only SELECT queries are sent:
nothing is written to the server, and the data never comes to the client (memory stays flat as the data
grows). The server sees its default graph (Virtuoso: the union of all graphs; the Oxigraph server: the union
when it runs with ``--union-default-graph``), or with ``graphs`` the merge of those graphs
(``default-graph-uri``), exactly as ``svco query --endpoint`` does.

``svco validate --endpoint`` needs svco's reference content on the server (``svco load --endpoint`` puts
it there) in the version of this svco: without it every svco term would look undefined. A shape the svco
engine cannot evaluate is an error here: the fallback engine (pySHACL) would need the whole graph locally.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from svco.errors import UsageError
from svco.query import Term, internal_query
from svco.remote import Endpoint
from svco.store import PREFIXES

_PROLOGUE = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())


class EndpointRunner:
    """Runs SELECT queries on a SPARQL endpoint with svco's prefixes predeclared, as the embedded store does."""

    def __init__(self, endpoint: Endpoint) -> None:
        self.endpoint = endpoint
        self.queries = 0

    def rows(self, sparql: str) -> list[dict[str, Term]]:
        """Each solution as a dict of variable name to term (unbound variables left out)."""
        self.queries += 1
        return self.endpoint.run(_PROLOGUE + sparql).rows

    select = rows

    @property
    def sources(self) -> list[str]:
        """What was validated, for the report: the endpoint, and the graphs when restricted to some."""
        graphs = list(self.endpoint.graphs)
        return [f"{self.endpoint.url} (graph {g})" for g in graphs] if graphs else [self.endpoint.url]


def check_reference(runner: EndpointRunner) -> str:
    """The version of svco's reference content on the server; :class:`UsageError` (exit 2) when it is
    missing or of another version than this svco's."""
    from svco import __version__

    rows = runner.rows(internal_query("reference-version").text)
    row = rows[0] if rows else {}
    version = row["version"].value if "version" in row else None
    where = runner.endpoint.url + (f" (graphs {', '.join(runner.endpoint.graphs)})" if runner.endpoint.graphs else "")
    load = "svco load --endpoint GRAPH-STORE-URL" + (" --graph IRI" if runner.endpoint.graphs else "")
    if version is None or "reference" not in row:
        missing = "svco's vocabulary" if version is None else "svco's reference content"
        raise UsageError(
            f"{missing} is not on {where}: validation would report every svco term as undefined",
            hint=f"put it there with `{load} [MODEL...]` (it loads the vocabulary and reference content too)",
        )
    if version != __version__:
        raise UsageError(
            f"{where} holds svco's reference content version {version}, this svco is {__version__}",
            hint=f"load this version's with `{load}`",
        )
    return version


def validate_endpoint(endpoint: Endpoint, *, extra_shapes: Sequence[Path] = (), engine: str = "svco"):
    """Validate the data on ``endpoint`` against svco's shapes (and ``extra_shapes``): a ValidationReport."""
    from svco.validate import shape_files

    _check_engine(engine)
    runner = EndpointRunner(endpoint)
    check_reference(runner)
    return _run(runner, shape_files() + list(extra_shapes))


def shacl_endpoint(endpoint: Endpoint, shapes: Sequence[Path], *, engine: str = "svco"):
    """Plain SHACL on the data of ``endpoint`` against ``shapes`` alone: a ValidationReport."""
    if not shapes:
        raise UsageError("no shapes to validate against", hint="name at least one shapes file with --shapes")
    _check_engine(engine)
    return _run(EndpointRunner(endpoint), list(shapes))


def _check_engine(engine: str) -> None:
    if engine == "pyshacl":
        raise UsageError(
            "--engine pyshacl cannot validate on a server: it needs the whole graph in memory",
            hint="use --engine svco or auto (svco's engine runs its queries on the server), or validate locally",
        )


def _run(runner: EndpointRunner, files: list[Path]):
    from svco.validate import compile_for_server, report_from

    compiled = compile_for_server(files)
    return report_from(runner, compiled.run(runner), "svco", runner.sources)
