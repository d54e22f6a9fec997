"""SPARQL-based constraint components (SHACL 6): ``sh:ConstraintComponent`` with ``sh:parameter`` and
``sh:validator`` (ASK), ``sh:nodeValidator`` / ``sh:propertyValidator`` (SELECT).

A shape uses a component when it has a value for each of its mandatory parameters (``sh:optional`` ones may
be missing); each combination of parameter values is one constraint, its values substituted as constants
(the variable is the local name of the parameter's path). An ASK validator is evaluated for every value
node at once: the value nodes for which the ASK is false (``FILTER NOT EXISTS`` over the ASK's group, with
``$this`` and ``$value`` pre-bound) are the results. A SELECT validator runs like a SPARQL constraint.
A component with no validator for the kind of shape is refused, never skipped.
"""

from __future__ import annotations

import itertools
import re

import pyoxigraph as ox

from svco.shacl import prebind
from svco.shacl.components.sparql import constants, select_query
from svco.shacl.graph import ShapesGraph, Unsupported
from svco.shacl.plan import Check, Shape
from svco.shacl.results import SH, substitute
from svco.sparql import where_group_start

PARAMETERS: set[str] = set()  # a component's parameters are declared by the shapes graph itself
_ASK = re.compile(r"\bASK\b", re.IGNORECASE)


def checks(g: ShapesGraph, shape: Shape) -> list[Check]:
    """One check for each component ``shape`` uses and each combination of its parameter values."""
    found = []
    for component in sorted(
        {q.subject for q in g.store.quads_for_pattern(None, ox.NamedNode(SH + "parameter"), None)}, key=str
    ):
        parameters = _parameters(g, component)
        values = {name: g.all(shape.node, path) for name, (path, _) in parameters.items()}
        if not any(values.values()) or any(not values[n] for n, (_, optional) in parameters.items() if not optional):
            continue
        validator = _validator(g, shape, component)
        present = {name: terms for name, terms in values.items() if terms}
        for combination in itertools.product(*present.values()):
            bound = dict(zip(present, combination, strict=True))
            if any(isinstance(term, ox.BlankNode) for term in bound.values()):
                raise Unsupported(f"{shape.node}: a blank node as parameter value of {component}")
            found.append(_check(g, shape, component, validator, bound))
    return found


def _parameters(g: ShapesGraph, component) -> dict[str, tuple[str, bool]]:
    """Parameter variable name -> (path IRI, optional)."""
    found = {}
    for parameter in g.all(component, SH + "parameter"):
        path = g.one(parameter, SH + "path")
        if not isinstance(path, ox.NamedNode):
            raise Unsupported(f"{component}: a parameter whose sh:path is not an IRI")
        name = re.split(r"[#/:]", path.value)[-1]
        found[name] = (path.value, g.flag(parameter, SH + "optional"))
    return found


def _validator(g: ShapesGraph, shape: Shape, component):
    kind = "nodeValidator" if shape.path is None else "propertyValidator"
    for name in (kind, "validator"):
        validators = g.all(component, SH + name)
        if validators:
            if len(validators) > 1:
                raise Unsupported(f"{component} has {len(validators)} values for sh:{name}")
            return validators[0]
    raise Unsupported(f"{shape.node}: {component} has no validator for a {kind.removesuffix('Validator')} shape")


def _check(g: ShapesGraph, shape: Shape, component, validator, bound: dict) -> Check:
    message = g.one(validator, SH + "message") or g.one(component, SH + "message")
    message = message and substitute(message.value, bound)
    ask, select = g.one(validator, SH + "ask"), g.one(validator, SH + "select")
    if (ask is None) == (select is None):
        raise Unsupported(f"{shape.node}: validator {validator} of {component} needs one sh:ask or sh:select")
    if select is not None:
        return Check(str(component.value), select_query(g, shape, validator, select.value, bound), message, True)
    return Check(str(component.value), _ask_query(g, shape, validator, ask.value, bound), message)


def _ask_query(g: ShapesGraph, shape: Shape, validator, text: str, bound: dict) -> str:
    """The value nodes for which the ASK validator is false, for every focus node at once."""
    prebind.reject(shape.node, text, ["this", "value", "currentShape", "shapesGraph", *bound])
    text = prebind.substitute(text, constants(shape, bound, text))
    ask = _ASK.search(prebind.code_text(text))
    if ask is None:
        raise Unsupported(f"{shape.node}: the sh:ask of {validator} is not an ASK query")
    at = where_group_start(text)
    # the ASK group goes inside FILTER NOT EXISTS: evaluated with ?this and ?value of each solution substituted
    text = prebind.substitute(text, {"this": "?this", "value": "?value"})
    prologue = text[: text.upper().rfind("ASK", 0, at)]
    prefixes = "\n".join(p for p in (g.prefixes(validator), shape.prefixes) if p)
    values = f"{shape.focus_select()} {shape.values()}"
    return f"{prefixes}\n{prologue}SELECT DISTINCT ?this ?value WHERE {{ {values} FILTER NOT EXISTS {text[at - 1 :]} }}"
