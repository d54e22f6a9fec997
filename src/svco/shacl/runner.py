"""The execution seam: the engine runs every SPARQL query through a :class:`QueryRunner`.

The engine never touches a store while validating; it hands standard SPARQL 1.1 SELECT queries to a runner.
:class:`OxigraphRunner` answers them from an embedded Oxigraph store (union of its named graphs); a remote
runner (a SPARQL endpoint such as Virtuoso) only has to implement :meth:`QueryRunner.select`, safely from
several threads at once (the engine runs independent checks in parallel).
"""

from __future__ import annotations

from typing import Protocol

import pyoxigraph as ox

Term = ox.NamedNode | ox.BlankNode | ox.Literal


class QueryRunner(Protocol):
    """Answers a SPARQL 1.1 SELECT query over the data graph: one dict (variable name -> term) per solution."""

    def select(self, sparql: str) -> list[dict[str, Term]]:
        """Run ``sparql``; unbound variables are left out of a solution's dict."""
        ...


class OxigraphRunner:
    """A :class:`QueryRunner` over an embedded Oxigraph store; the data graph is the union of its graphs."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def select(self, sparql: str) -> list[dict[str, Term]]:
        """Run ``sparql`` on the store (default graph = union of all graphs)."""
        solutions = self.store.query(sparql, use_default_graph_as_union=True)
        names = [v.value for v in solutions.variables]
        return [{n: s[n] for n in names if s[n] is not None} for s in solutions]
