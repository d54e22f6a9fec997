"""Whether a literal's lexical form is valid for its XSD datatype, for ``sh:datatype`` (SHACL 4.1.2).

Oxigraph keeps an ill-formed literal such as ``"4 hours"^^xsd:duration`` as written, so ``datatype()``
alone would accept it; SHACL requires a violation. Datatypes not listed here accept any lexical form.
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
_PATTERNS = {
    "string": r"(?s).*",
    "boolean": r"true|false|1|0",
    "decimal": _DEC,
    "integer": _INT,
    "float": _FLOAT,
    "double": _FLOAT,
    "duration": r"-?P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?",
    "date": _DATE + _TZ,
    "time": _TIME + _TZ,
    "dateTime": _DATE + "T" + _TIME + _TZ,
    "gYear": r"-?([1-9][0-9]{3,}|0[0-9]{3})" + _TZ,
    "anyURI": r"(?s)[^\s]*",
}
_RANGES = {  # integer-derived types: (min, max); None = unbounded
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
_COMPILED = {XSD + name: re.compile(pattern) for name, pattern in _PATTERNS.items()}


def well_formed(lexical: str, datatype: str) -> bool:
    """True if ``lexical`` is a valid lexical form of ``datatype`` (or the datatype is not one we know)."""
    name = datatype.removeprefix(XSD)
    if name in _RANGES and datatype.startswith(XSD):
        if not re.fullmatch(_INT, lexical):
            return False
        low, high = _RANGES[name]
        return (low is None or int(lexical) >= low) and (high is None or int(lexical) <= high)
    pattern = _COMPILED.get(datatype)
    return pattern is None or pattern.fullmatch(lexical) is not None


def checkable(datatype: str) -> bool:
    """Whether some lexical forms of ``datatype`` are ill-formed and :func:`well_formed` can tell them."""
    name = datatype.removeprefix(XSD)
    return datatype.startswith(XSD) and (name in _RANGES or (name in _PATTERNS and name != "string"))
