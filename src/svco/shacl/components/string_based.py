"""String-based constraint components (SHACL 4.4): sh:minLength, sh:maxLength, sh:pattern (with sh:flags),
sh:languageIn, sh:uniqueLang."""

from __future__ import annotations

import pyoxigraph as ox

from svco.shacl.graph import ShapesGraph, Unsupported
from svco.shacl.plan import Check, Shape
from svco.shacl.results import SH

PARAMETERS = {SH + n for n in ("minLength", "maxLength", "pattern", "flags", "languageIn", "uniqueLang")}
_LENGTHS = {"minLength": ">=", "maxLength": "<="}


def checks(g: ShapesGraph, shape: Shape) -> list[Check]:
    """One check a parameter; a blank node value violates every string-based component but sh:languageIn."""
    found = []
    for name, operator in _LENGTHS.items():
        for bound in g.all(shape.node, SH + name):
            if not isinstance(bound, ox.Literal) or not bound.value.lstrip("+").isdigit():
                raise Unsupported(f"{shape.node}: sh:{name} {bound} is not a non-negative integer")
            test = f"FILTER(isBlank(?value) || !COALESCE(STRLEN(STR(?value)) {operator} {int(bound.value)}, false))"
            found.append(Check(SH + name[0].upper() + name[1:] + "ConstraintComponent", shape.value_query(test)))
    flags = g.all(shape.node, SH + "flags")
    if len(flags) > 1 or (flags and not g.all(shape.node, SH + "pattern")):
        raise Unsupported(f"{shape.node}: sh:flags needs exactly one sh:pattern and one sh:flags")
    for pattern in g.all(shape.node, SH + "pattern"):
        if not isinstance(pattern, ox.Literal):
            raise Unsupported(f"{shape.node}: sh:pattern {pattern} is not a literal")
        arguments = f"{ox.Literal(pattern.value)}" + (f", {ox.Literal(flags[0].value)}" if flags else "")
        test = f"FILTER(isBlank(?value) || !COALESCE(REGEX(STR(?value), {arguments}), false))"
        found.append(Check(SH + "PatternConstraintComponent", shape.value_query(test)))
    for languages in g.all(shape.node, SH + "languageIn"):
        tags = [t for t in g.list(languages) if isinstance(t, ox.Literal)]
        ok = " || ".join(f"langMatches(LANG(?value), {ox.Literal(t.value)})" for t in tags) or "false"
        test = f"FILTER(!(isLiteral(?value) && COALESCE({ok}, false)))"
        found.append(Check(SH + "LanguageInConstraintComponent", shape.value_query(test)))
    if g.all(shape.node, SH + "uniqueLang"):
        if shape.path is None:
            raise Unsupported(f"{shape.node}: sh:uniqueLang on a node shape (ill-formed)")
        if g.flag(shape.node, SH + "uniqueLang"):
            found.append(Check(SH + "UniqueLangConstraintComponent", _unique_lang(shape)))
    return found


def _unique_lang(shape: Shape) -> str:
    """Focus nodes with two values or more of one language tag: one result per duplicated language."""
    counts = (
        f"SELECT ?this ?lang (COUNT(DISTINCT ?value) AS ?count) WHERE {{ {shape.focus_select()} {shape.values()} "
        f'FILTER(LANG(?value) != "") BIND(LCASE(LANG(?value)) AS ?lang) }} GROUP BY ?this ?lang'
    )
    return f"{shape.prefixes}\nSELECT ?this ?lang WHERE {{ {{ {counts} }} FILTER(?count > 1) }}"
