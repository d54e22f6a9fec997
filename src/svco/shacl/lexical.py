"""Whether a literal's lexical form is valid for its XSD datatype, for ``sh:datatype`` (SHACL 4.1.2).

Oxigraph keeps an ill-formed literal such as ``"4 hours"^^xsd:duration`` as written, so ``datatype()``
alone would accept it; SHACL requires a violation. :func:`well_formed_test` gives a standard SPARQL 1.1
expression (REGEX with XML Schema patterns, no look-around; integer casts for ranges) that is true for a
well-formed ``?value``. Datatypes not listed here accept any lexical form.
"""

from __future__ import annotations

import re

XSD = "http://www.w3.org/2001/XMLSchema#"
_INT = r"[+-]?[0-9]+"
_DEC = r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)"
_FLOAT = r"([+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?|[+-]?INF|NaN)"
_TZ = r"(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))?"
_DATE = r"-?([1-9][0-9]{3,}|0[0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
_TIME = r"(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?|24:00:00(\.0+)?)"
_SEC = r"[0-9]+(\.[0-9]+)?S"
_DUR_TIME = rf"T([0-9]+H([0-9]+M)?({_SEC})?|[0-9]+M({_SEC})?|{_SEC})"
_DUR_DATE = r"[0-9]+Y([0-9]+M)?([0-9]+D)?|[0-9]+M([0-9]+D)?|[0-9]+D"
PATTERNS = {
    "boolean": r"true|false|1|0",
    "decimal": _DEC,
    "integer": _INT,
    "float": _FLOAT,
    "double": _FLOAT,
    "duration": rf"-?P(({_DUR_DATE})({_DUR_TIME})?|{_DUR_TIME})",
    "date": _DATE + _TZ,
    "time": _TIME + _TZ,
    "dateTime": _DATE + "T" + _TIME + _TZ,
    "gYear": r"-?([1-9][0-9]{3,}|0[0-9]{3})" + _TZ,
}
RANGES = {  # integer-derived types: (min, max); None = unbounded
    "nonNegativeInteger": (0, None),
    "positiveInteger": (1, None),
    "nonPositiveInteger": (None, 0),
    "negativeInteger": (None, -1),
    "long": (-(2**63), 2**63 - 1),
    "int": (-(2**31), 2**31 - 1),
    "short": (-(2**15), 2**15 - 1),
    "byte": (-128, 127),
    "unsignedLong": (0, 2**64 - 1),
    "unsignedInt": (0, 2**32 - 1),
    "unsignedShort": (0, 2**16 - 1),
    "unsignedByte": (0, 255),
}


def well_formed_test(datatype: str) -> str | None:
    """A SPARQL expression true when ``?value``'s lexical form suits ``datatype``; None if any form does."""
    if not datatype.startswith(XSD):
        return None
    name = datatype.removeprefix(XSD)
    if name in RANGES:
        low, high = RANGES[name]
        # the cast only ever sees an integer's digits: Virtuoso 7.2 evaluates both sides of && and fails the
        # whole query on a cast error ("Invalid integer value converting 'two'") instead of a false
        number = f'<{XSD}integer>(IF({_regex(_INT)}, STR(?value), "0"))'
        tests = [_regex(_INT)]
        tests += [f"{number} >= {low}"] if low is not None else []
        tests += [f"{number} <= {high}"] if high is not None else []
        return "(" + " && ".join(tests) + ")"
    return _regex(PATTERNS[name]) if name in PATTERNS else None


def _regex(pattern: str) -> str:
    escaped = ("^(" + pattern + ")$").replace("\\", "\\\\")
    return f'REGEX(STR(?value), "{escaped}")'


def well_formed(lexical: str, datatype: str) -> bool:
    """Python's twin of :func:`well_formed_test`: whether ``lexical`` suits ``datatype`` (unknown: any form)."""
    name = datatype.removeprefix(XSD) if datatype.startswith(XSD) else None
    if name in RANGES:
        if re.fullmatch(_INT, lexical) is None:
            return False
        low, high = RANGES[name]
        return (low is None or int(lexical) >= low) and (high is None or int(lexical) <= high)
    return name not in PATTERNS or re.fullmatch(PATTERNS[name], lexical) is not None
