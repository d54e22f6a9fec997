"""Pre-binding (SHACL 5.3.1, 6.3) done set-at-a-time: a query's pre-bound variables become a join.

The spec evaluates a SHACL-SPARQL query once a focus node with ``$this`` (and ``$value``) replaced by
constants. svco runs it once for all focus nodes: a sub-SELECT giving every allowed binding (the *binding
pattern*) is joined in at the start of the WHERE group and of every nested group (UNION branch, OPTIONAL,
EXISTS, sub-SELECT body, plain group) that mentions a pre-bound variable. Inside each such group the variable
then ranges over the pre-bound values before anything else in the group (so BIND, FILTER and OPTIONAL see it
bound, as with a constant), and the joins on the shared variable tie every group to the same focus node.
Groups that do not mention it are unaffected, as under substitution. Constants (``$currentShape``,
parameters of a constraint component, ``$PATH``) are substituted in the text. The queries the spec rejects
(MINUS, SERVICE, VALUES, ``AS`` a pre-bound variable, a sub-SELECT not projecting ``$this``) raise
:class:`Unsupported`.
"""

from __future__ import annotations

import re

from svco.shacl.graph import Unsupported
from svco.sparql import _code_positions

_REJECTED = re.compile(r"\b(MINUS|SERVICE|VALUES)\b", re.IGNORECASE)
_REJECTED_IN_SET_FORM = re.compile(r"\b(SERVICE|VALUES)\b", re.IGNORECASE)
_SUBSELECT = re.compile(r"\bSELECT\b(.*?)(\bWHERE\b|\{)", re.IGNORECASE | re.DOTALL)
_SELECT_NEXT = re.compile(r"\s*SELECT\b", re.IGNORECASE)
_OPENER = re.compile(r"\b(EXISTS|OPTIONAL)\s*$", re.IGNORECASE)
#: Not provided: svco's data graph is the union of the runner's graphs, so the shapes cannot be queried there.
NOT_PROVIDED = ("shapesGraph",)


def variable(name: str) -> re.Pattern:
    """The pattern of the SPARQL variable ``name`` written as ``?name`` or ``$name``."""
    return re.compile(rf"[?$]{re.escape(name)}\b")


def code_text(text: str) -> str:
    """``text`` with comments, strings and IRIs left out: where keywords and variables may be searched."""
    return "".join(c for _, c in _code_positions(text))


def reject(shape, text: str, prebound: list[str], *, set_form: bool = False) -> None:
    """Raise :class:`Unsupported` for a query SHACL rejects (5.3.1) or using a variable svco cannot provide.

    ``set_form``: a query written for all focus nodes at once (svcs:setSelect), whose sub-SELECTs need not
    project $this (one that does not mention it is evaluated once, for all focus nodes) and which may use
    MINUS: there is no substitution whose scope MINUS could break, only the join of the focus nodes."""
    code = code_text(text)
    rejected = (_REJECTED_IN_SET_FORM if set_form else _REJECTED).search(code)
    bad = rejected or re.search(rf"(?i:\bAS)\s*[?$]({'|'.join(prebound)})\b", code)
    if bad:
        raise Unsupported(f"{shape}: its SPARQL query uses {bad[0]} (a query SHACL rejects)")
    for name in NOT_PROVIDED:
        if variable(name).search(code):
            raise Unsupported(f"{shape}: ${name} is not provided by svco (the data graph is the store's union)")
    for match in list(_SUBSELECT.finditer(code))[1:]:
        if not set_form and not variable("this").search(match[1]):
            raise Unsupported(f"{shape}: a sub-SELECT of its SPARQL query does not project $this (SHACL rejects it)")


def substitute(text: str, constants: dict[str, str]) -> str:
    """Replace each ``$name`` / ``?name`` outside strings and IRIs by its constant's SPARQL text."""
    code = set(i for i, _ in _code_positions(text))
    for name, value in constants.items():
        pattern = variable(name)
        text = "".join(_pieces(text, pattern, value, code))
        code = set(i for i, _ in _code_positions(text))
    return text


def _pieces(text: str, pattern: re.Pattern, value: str, code: set[int]):
    last = 0
    for match in pattern.finditer(text):
        if match.start() in code:
            yield text[last : match.start()] + value
            last = match.end()
    yield text[last:]


def join_in(text: str, start: int, variables: list[str], binding: str) -> str:
    """``text`` with ``binding`` joined at ``start`` (just inside the WHERE group) and at the start of every
    nested group that mentions one of ``variables`` itself, except where the outer binding already reaches:
    inside ``EXISTS`` (evaluated with the solution's bindings substituted), and in an ``OPTIONAL`` group
    where the variable is only a term of its triple patterns (the left join on it then matches
    substitution); a sub-SELECT's wrapper group gets nothing (the sub-SELECT's body does)."""
    positions = [(i, c) for i, c in _code_positions(text) if i >= start]
    mentions = re.compile("|".join(rf"[?$]{re.escape(v)}\b" for v in variables))
    code = "".join(c for _, c in positions)
    inserts = {start}
    stack = [(start, "group")]  # (insert position, kind: group, exists, optional or wrapper)
    parens = 0
    for k, (i, c) in enumerate(positions):
        if c == "{":
            opener = _OPENER.search(code[max(0, k - 20) : k])
            kind = "wrapper" if _SELECT_NEXT.match(code, k + 1) else opener[1].lower() if opener else "group"
            stack.append((i + 1, kind))
        elif c == "}":
            stack.pop()
            if not stack:
                break
        elif c in "()":
            parens += 1 if c == "(" else -1
        elif c in "?$" and mentions.match(code, k):
            at, kind = stack[-1]
            if any(outer == "exists" for _, outer in stack) or kind == "wrapper" or (kind == "optional" and not parens):
                continue
            inserts.add(at)
    for at in sorted(inserts, reverse=True):
        text = text[:at] + f" {binding} " + text[at:]
    return text
