"""Binding parameters into SPARQL as RDF terms, the same way for the embedded store and for servers.

A value is never spliced into query text as a string: it becomes an RDF term (a ``pyoxigraph`` NamedNode
or Literal, which validate IRIs and escape literals) written in N-Triples syntax inside a ``VALUES`` block
placed at the start of the query's WHERE group, where it is joined with the rest of the pattern.

>>> import pyoxigraph as ox
>>> bind_values("SELECT ?x WHERE { ?x ?p ?o }", {"p": ox.Literal('a "quoted" } DROP ALL {')})
'SELECT ?x WHERE { VALUES ?p { "a \\\\"quoted\\\\" } DROP ALL {" } ?x ?p ?o }'
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pyoxigraph as ox

from svco.errors import QueryError

_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_IRI = re.compile(r"<[^<>\"{}|^`\\\s]*>")


def _code_positions(text: str):
    """Yield (index, char) for characters outside comments, string literals and IRIs."""
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        if c in "\"'":
            quote = c * 3 if text.startswith(c * 3, i) else c
            j = i + len(quote)
            while j < n and not text.startswith(quote, j):
                j += 2 if text[j] == "\\" else 1
            i = j + len(quote)
            continue
        iri = _IRI.match(text, i) if c == "<" else None
        if iri:
            i = iri.end()
            continue
        yield i, c
        i += 1


def where_group_start(sparql: str) -> int:
    """Index just after the ``{`` that opens the query's WHERE group (the first group if there is no WHERE)."""
    positions = list(_code_positions(sparql))
    code = "".join(c for _, c in positions)
    match = re.search(r"\bWHERE\b", code, re.IGNORECASE)
    brace = code.find("{", match.end() if match else 0)
    if brace < 0:
        raise QueryError("the query has no WHERE group to bind parameters in")
    return positions[brace][0] + 1


def bind_values(sparql: str, bindings: Mapping[str, ox.NamedNode | ox.Literal | ox.BlankNode]) -> str:
    """Return ``sparql`` with each binding as a one-row ``VALUES`` block at the start of its WHERE group."""
    if not bindings:
        return sparql
    for name in bindings:
        if not _VARIABLE.match(name):
            raise QueryError(f"{name!r} is not a SPARQL variable name")
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(str(term) for term in bindings.values())
    block = (
        f" VALUES ?{next(iter(bindings))} {{ {terms} }}" if len(bindings) == 1 else f" VALUES ({names}) {{ ({terms}) }}"
    )
    at = where_group_start(sparql)
    return sparql[:at] + block + sparql[at:]


def bind_column(sparql: str, name: str, terms: list) -> str:
    """Return ``sparql`` with a one-column ``VALUES ?name { ... }`` block of many terms: in each empty
    ``VALUES ?name { }`` the query leaves for them, else at the start of its WHERE group.

    An empty block inside each branch of a UNION binds the terms where they are used: joined to the whole
    UNION, Oxigraph evaluates every branch over all the data first (svco's result context: 0.30 s against
    0.06 s for 1,000 focus nodes at 1M triples)."""
    if not _VARIABLE.match(name):
        raise QueryError(f"{name!r} is not a SPARQL variable name")
    block = f"VALUES ?{name} {{ {' '.join(str(t) for t in terms)} }}"
    slots = re.compile(rf"VALUES\s+\?{name}\s*\{{\s*\}}")
    if slots.search(sparql):
        return slots.sub(lambda _: block, sparql)
    at = where_group_start(sparql)
    return sparql[:at] + " " + block + sparql[at:]
