"""Validation results in SHACL's terms, and ``sh:message`` placeholders filled from a solution."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox

SH = "http://www.w3.org/ns/shacl#"
VIOLATION = SH + "Violation"
_SVC = "https://w3id.org/svco#"
_PLACEHOLDER = re.compile(r"\{[?$]([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True, slots=True)
class Result:
    """One validation result, in SHACL's terms (terms are pyoxigraph terms)."""

    focus: ox.NamedNode | ox.BlankNode
    shape: ox.NamedNode | ox.BlankNode
    component: str
    severity: str
    path: str | None = None
    value: ox.NamedNode | ox.BlankNode | ox.Literal | None = None
    message: str | None = None

    def key(self) -> tuple:
        """What two engines must agree on: focus, shape, component, severity, path and value."""
        return (str(self.focus), str(self.shape), self.component, self.severity, self.path, str(self.value))


def term_text(term: object) -> str:
    """How a term appears in a message: IRIs as ``svc:Name`` where possible, literals by their value."""
    if isinstance(term, ox.NamedNode):
        if term.value.startswith(_SVC):
            return "svc:" + term.value[len(_SVC) :]
        return f"<{term.value}>"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def substitute(template: str, row: dict) -> str:
    """``template`` with each ``{$var}`` / ``{?var}`` replaced by that variable's value in ``row``."""
    return _PLACEHOLDER.sub(lambda m: term_text(row[m[1]]) if m[1] in row else m[0], template)
