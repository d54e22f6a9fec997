"""SPARQL-based constraints (SHACL 5): ``sh:sparql`` SELECT constraints on node and property shapes.

Pre-binding follows the spec set-at-a-time (see :mod:`svco.shacl.prebind`): ``$this`` ranges over the focus
nodes, joined in at the start of the WHERE group and of each nested group that mentions it (UNION branches,
OPTIONAL, sub-SELECTs...); ``$currentShape`` is the shape's IRI and ``$PATH`` the property shape's path,
both substituted as constants. ``$shapesGraph`` is not provided: the data graph is the union of the runner's
graphs, so loading the shapes there would change the data; a query using it is refused, never run unbound.
"""

from __future__ import annotations

import pyoxigraph as ox

from svco.shacl import prebind
from svco.shacl.graph import ShapesGraph, Unsupported
from svco.shacl.plan import Check, Shape
from svco.shacl.results import SH
from svco.sparql import where_group_start

PARAMETERS = {SH + "sparql"}
#: The same constraint as sh:select, written to be evaluated for all focus nodes at once (svco's shapes use
#: it where the per-focus form would be quadratic set-at-a-time; see shapes/prefixes.ttl): preferred here.
SET_SELECT = "https://w3id.org/svco/shapes#setSelect"


def checks(g: ShapesGraph, shape: Shape) -> list[Check]:
    """One check for each active ``sh:sparql`` constraint of ``shape``."""
    found = []
    for constraint in g.all(shape.node, SH + "sparql"):
        if g.flag(constraint, SH + "deactivated"):
            continue
        set_select = g.one(constraint, SET_SELECT)
        select = set_select if set_select is not None else g.one(constraint, SH + "select")
        if select is None:
            raise Unsupported(f"{shape.node}: a sh:sparql constraint without sh:select (ill-formed)")
        sparql = select_query(g, shape, constraint, select.value, {}, set_form=set_select is not None)
        message = g.one(constraint, SH + "message")
        found.append(Check(SH + "SPARQLConstraintComponent", sparql, message and message.value, focus_is_value=True))
    return found


def constants(shape: Shape, parameters: dict[str, ox.NamedNode | ox.Literal], text: str) -> dict[str, str]:
    """The constants substituted into the query ``text``: ``$currentShape``, ``$PATH`` and the component's
    parameters. A blank-node shape (a property shape under sh:property, usually) has no IRI to write for
    ``$currentShape``: refused only when the query uses it."""
    found = {name: str(term) for name, term in parameters.items()}
    if isinstance(shape.node, ox.NamedNode):
        found["currentShape"] = str(shape.node)
    elif prebind.variable("currentShape").search(prebind.code_text(text)):
        raise Unsupported(f"{shape.node}: $currentShape in the SPARQL of a blank-node shape (it has no IRI to bind)")
    if shape.path is not None:
        found["PATH"] = shape.path
    return found


def select_query(g: ShapesGraph, shape: Shape, owner, text: str, parameters: dict, *, set_form: bool = False) -> str:
    """A SELECT constraint or validator with ``$this`` pre-bound to the shape's focus nodes, run as one query
    (``set_form``: an svcs:setSelect, see :func:`svco.shacl.prebind.reject`)."""
    prebind.reject(shape.node, text, ["this", "currentShape", "shapesGraph", *parameters], set_form=set_form)
    text = prebind.substitute(text, constants(shape, parameters, text))
    at = where_group_start(text)
    if not prebind.variable("this").search(prebind.code_text(text[:at])):
        raise Unsupported(f"{shape.node}: a SPARQL constraint must project $this")
    text = prebind.substitute(prebind.join_in(text, at, ["this"], shape.focus_select()), {"this": "?this"})
    prefixes = "\n".join(p for p in (g.prefixes(owner), shape.prefixes) if p)
    return f"{prefixes}\n{text}"
