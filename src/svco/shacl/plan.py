"""What a shape compiles to: its focus pattern and path, and one :class:`Check` (one query) a constraint."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from svco.shacl.results import VIOLATION


@dataclass
class Check:
    """One constraint as one SPARQL SELECT over the whole data graph; each solution is a result."""

    component: str
    sparql: str
    message: str | None = None


@dataclass
class Shape:
    """A shape with targets, ready to run: focus pattern, optional path, and its checks."""

    node: ox.NamedNode | ox.BlankNode
    focus: str
    prefixes: str = ""
    path: str | None = None  # SPARQL property path text; None for a node shape
    path_text: str | None = None  # as reported in results
    path_nullable: bool = False  # the path can be of length zero (p*, p?, ...): the focus is one of its values
    severity: str = VIOLATION
    message: str | None = None
    checks: list[Check] = field(default_factory=list)
    custom_target: bool = False  # a SPARQL-based target: its focus nodes are found first (see engine.prebind)

    def focus_select(self) -> str:
        """A sub-SELECT of the distinct focus nodes."""
        return f"{{ SELECT DISTINCT ?this WHERE {{ {self.focus} }} }}"

    def values(self) -> str:
        """The pattern binding ?value to each value node of ?this (the focus itself for a node shape).

        A path that can be of length zero has the focus node among its values even when the focus is in
        no triple of the data, which SPARQL's ``?this p* ?value`` misses for a focus absent from the data:
        the focus is added explicitly."""
        if not self.path:
            return "BIND(?this AS ?value)"
        if not self.path_nullable:
            return f"?this {self.path} ?value ."
        return (
            f"VALUES ?zeroLength {{ false true }} OPTIONAL {{ FILTER(!?zeroLength) ?this {self.path} ?pathValue }} "
            "BIND(IF(?zeroLength, ?this, ?pathValue) AS ?value) FILTER(BOUND(?value))"
        )

    def value_query(self, condition: str) -> str:
        """SELECT ?this ?value: each value node (the focus itself for a node shape) meeting ``condition``."""
        where = f"{self.focus_select()} {self.values()} {condition}"
        return f"{self.prefixes}\nSELECT DISTINCT ?this ?value WHERE {{ {where} }}"
