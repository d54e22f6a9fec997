"""SPARQL-based constraints (SHACL 5): ``sh:sparql`` SELECT constraints on node shapes.

``$this`` is pre-bound by joining the focus-node pattern in at the start of the WHERE group. That equals the
spec's pre-binding wherever ``$this`` occurs at the top level of the WHERE group, inside ``EXISTS`` groups,
or as a triple-pattern term of an ``OPTIONAL`` group; anywhere else (UNION branches, nested groups,
sub-SELECTs, expressions inside OPTIONAL) it can differ, so such queries are refused with
:class:`Unsupported` rather than risk a wrong verdict. So are the queries the spec rejects (MINUS, SERVICE,
VALUES, ``AS $this``, sub-SELECTs not projecting ``$this``) and the pre-bound variables the engine does not
provide yet (``$shapesGraph``, ``$currentShape``).
"""

from __future__ import annotations

import re

from svco.shacl.graph import ShapesGraph, Unsupported
from svco.shacl.plan import Check, Shape
from svco.shacl.results import SH
from svco.sparql import _code_positions, where_group_start

PARAMETERS = {SH + "sparql"}
_THIS = re.compile(r"[?$]this\b")
_REJECTED = re.compile(r"\b(MINUS|SERVICE|VALUES)\b|\bAS\s*[?$](this|currentShape|shapesGraph)\b", re.IGNORECASE)
_SUBSELECT = re.compile(r"\bSELECT\b(.*?)(\bWHERE\b|\{)", re.IGNORECASE | re.DOTALL)
_NOT_PROVIDED = re.compile(r"[?$](shapesGraph|currentShape)\b")
_OPENER = re.compile(r"\b(EXISTS|OPTIONAL)\s*$", re.IGNORECASE)


def checks(g: ShapesGraph, shape: Shape) -> list[Check]:
    """One check for each ``sh:sparql`` constraint of ``shape``."""
    found = []
    for constraint in g.all(shape.node, SH + "sparql"):
        if shape.path is not None:
            raise Unsupported(f"{shape.node}: SPARQL constraints on property shapes ($PATH) are not supported")
        deactivated = g.one(constraint, SH + "deactivated")
        if deactivated is not None and deactivated.value == "true":
            continue
        select = g.one(constraint, SH + "select")
        if select is None:
            raise Unsupported(f"{shape.node}: a sh:sparql constraint without sh:select (ASK is not supported)")
        text = select.value
        code = "".join(c for _, c in _code_positions(text))
        for pattern, what in ((_REJECTED, "a query SHACL rejects"), (_NOT_PROVIDED, "an unsupported variable")):
            bad = pattern.search(code)
            if bad:
                raise Unsupported(f"{shape.node}: sh:sparql uses {bad[0]} ({what})")
        _check_subselects(shape, code)
        at = where_group_start(text)
        _check_prebinding(shape, text[at:])
        text = _THIS.sub("?this", text)
        at = where_group_start(text)
        if not _THIS.search("".join(c for _, c in _code_positions(text[:at]))):
            raise Unsupported(f"{shape.node}: a SPARQL constraint must project $this")
        prefixes = "\n".join(p for p in (g.prefixes(constraint), shape.prefixes) if p)
        bound = text[:at] + f" {shape.focus_select()} " + text[at:]
        message = g.one(constraint, SH + "message")
        found.append(Check(SH + "SPARQLConstraintComponent", f"{prefixes}\n{bound}", message and message.value))
    return found


def _check_prebinding(shape: Shape, body: str) -> None:
    """Refuse a WHERE body where joining ``$this`` in would not equal the spec's pre-binding."""
    stack: list[str] = []  # kind of each open group inside the WHERE group: exists, optional or nested
    parens = 0
    code = "".join(c for _, c in _code_positions(body))
    for i, c in enumerate(code):
        if c == "{":
            opener = _OPENER.search(code[max(0, i - 20) : i])
            stack.append(opener[1].lower() if opener else "nested")
        elif c == "}":
            if not stack:
                return  # end of the WHERE group
            stack.pop()
        elif c == "(":
            parens += 1
        elif c == ")":
            parens -= 1
        elif c in "?$" and _THIS.match(code, i):
            inside = [k for k in stack if k != "exists"]
            if "nested" in inside or (inside and parens > 0):
                raise Unsupported(f"{shape.node}: $this inside a nested group, UNION or sub-SELECT of sh:sparql")


def _check_subselects(shape: Shape, code: str) -> None:
    """SHACL 5.3.1: every sub-SELECT must project the pre-bound ``$this`` (or use ``*``)."""
    for match in list(_SUBSELECT.finditer(code))[1:]:
        projection = match[1]
        if "*" not in projection and not _THIS.search(projection):
            raise Unsupported(f"{shape.node}: a sub-SELECT of sh:sparql does not project $this (SHACL rejects it)")
