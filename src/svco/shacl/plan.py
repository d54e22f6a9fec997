"""What a shape compiles to: its focus pattern and path, and one :class:`Check` (one query) a constraint."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from svco.shacl.graph import Unsupported
from svco.shacl.results import SH, VIOLATION
from svco.shacl.variables import rename

_MAX_NESTED_COUNT = 5  # n distinct values are stated with n variables, pairwise distinct: n^2 tests


@dataclass
class Check:
    """One constraint as one SPARQL SELECT over the whole data graph; each solution is a result."""

    component: str
    sparql: str
    message: str | None = None
    #: A group pattern over ?this that matches iff ?this violates the constraint: how the check is embedded
    #: when the shape is nested (sh:node, sh:not, ...). None: the constraint cannot be nested.
    violation: str | None = None
    focus_is_value: bool = False  # SHACL-SPARQL: a solution without ?value has the focus node as its value
    #: the sh:datatype IRIs this check tests a value against (one, or an sh:or of several): svco.written
    #: judges the literals the store rewrote by their written forms
    datatypes: tuple[str, ...] = ()


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
    nested: bool = False  # evaluated inside another shape (sh:node, sh:not, ...): only violation patterns count
    stack: tuple = ()  # the shapes being compiled, outermost first (a shape reaching itself is recursive)
    custom_target: bool = False  # a SPARQL-based target: its focus nodes are found first (see engine.prebind)

    def focus_select(self) -> str:
        """A sub-SELECT of the distinct focus nodes."""
        return f"{{ SELECT DISTINCT ?this WHERE {{ {self.focus} }} }}"

    def values(self, value: str = "?value") -> str:
        """The pattern binding ``value`` to each value node of ?this (the focus itself for a node shape).

        A path that can be of length zero has the focus node among its values even when the focus is in
        no triple of the data, which SPARQL's ``?this p* ?value`` misses for a focus absent from the data:
        the focus is added explicitly."""
        if not self.path:
            return f"BIND(?this AS {value})"
        if not self.path_nullable:
            return f"?this {self.path} {value} ."
        zero, step = f"{value}ZeroLength", f"{value}PathValue"
        return (
            f"VALUES {zero} {{ false true }} OPTIONAL {{ FILTER(!{zero}) ?this {self.path} {step} }} "
            f"BIND(IF({zero}, ?this, {step}) AS {value}) FILTER(BOUND({value}))"
        )

    def value_check(self, component: str, condition: str) -> Check:
        """A check of each value node: it violates where ``condition`` (over ?this and ?value) holds."""
        violation = f"{self.values()} {condition}"
        return Check(component, "" if self.nested else self.value_query(condition), violation=violation)

    def count_check(self, component: str, operator: str, bound: int, condition: str = "") -> Check:
        """A check of the number of distinct value nodes meeting ``condition``: ``operator`` is < or >.

        "At least n distinct values" is stated with n variables, pairwise distinct: nested (the focus bound
        from outside) that is the only form, and at the top level too few (<) is "not n distinct values"
        over every focus node. Too many (>) at the top level, and too few past n = 5, are one grouped count.
        No count runs over an OPTIONAL where it can be helped: Virtuoso 7.2 counts wrong there once a model
        is large (2M triples: 57,889 false results of sh:maxCount 0, and 67 of 176 results of sh:minCount 1
        missed, which the NOT EXISTS form finds in 0.4 s; on Oxigraph at 1M it is the faster form for n = 1
        too: 0.34 s against 0.50 s).
        """
        if self.path is None:
            raise Unsupported(f"{self.node}: {component.removeprefix(SH)} on a node shape (it needs sh:path)")
        n = bound if operator == "<" else bound + 1  # at least n distinct values: a violation of > or none of <
        violation = None
        if n <= _MAX_NESTED_COUNT:
            names = [f"?value{i}" for i in range(n)]
            each = " ".join(  # one copy a value: every variable of a copy but ?this made private to it
                rename(f"{{ {self.values()} {condition} }}", {"this": "?this", "value": v}, lambda n, i=i: f"?{n}_{i}")
                for i, v in enumerate(names)
            )
            distinct = " && ".join(f"!sameTerm({a}, {b})" for i, a in enumerate(names) for b in names[i + 1 :])
            has_n = f"{each} FILTER({distinct or 'true'})"
            violation = f"FILTER NOT EXISTS {{ {has_n} }}" if operator == "<" else has_n
        elif self.nested:
            raise Unsupported(f"{self.node}: a count of {n} inside another shape (at most {_MAX_NESTED_COUNT})")
        if self.nested:
            return Check(component, "", violation=violation)
        if operator == "<" and violation is not None:
            return Check(component, f"{self.prefixes}\nSELECT ?this WHERE {{ {self.focus_select()} {violation} }}")
        values = f"{self.values()} {condition}"
        where = f"{self.focus_select()} " + (values if operator == ">" else f"OPTIONAL {{ {values} }}")
        sparql = (
            f"{self.prefixes}\nSELECT ?this WHERE {{ {{ SELECT ?this (COUNT(DISTINCT ?value) AS ?count) "
            f"WHERE {{ {where} }} GROUP BY ?this }} FILTER(?count {operator} {bound}) }}"
        )
        return Check(component, sparql, violation=violation)

    def value_query(self, condition: str) -> str:
        """SELECT ?this ?value: each value node (the focus itself for a node shape) meeting ``condition``."""
        where = f"{self.focus_select()} {self.values()} {condition}"
        return f"{self.prefixes}\nSELECT DISTINCT ?this ?value WHERE {{ {where} }}"
