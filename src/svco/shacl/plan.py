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
    severity: str = VIOLATION
    message: str | None = None
    checks: list[Check] = field(default_factory=list)

    def focus_select(self) -> str:
        """A sub-SELECT of the distinct focus nodes."""
        return f"{{ SELECT DISTINCT ?this WHERE {{ {self.focus} }} }}"

    def value_query(self, condition: str) -> str:
        """SELECT ?this ?value: each value node (the focus itself for a node shape) meeting ``condition``."""
        values = f"?this {self.path} ?value ." if self.path else "BIND(?this AS ?value)"
        return f"{self.prefixes}\nSELECT ?this ?value WHERE {{ {self.focus_select()} {values} {condition} }}"
