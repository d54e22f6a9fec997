"""The prefixes a model file declares (``@prefix ex: <...>``, ``PREFIX ex: <...>``, ``xmlns:ex="..."``), so
that people can name the model's nodes as they wrote them (``ex:RestorePayroll``) wherever svco takes a node.

Read with a regular expression over the file's text rather than from the parser's triples: one C-level scan,
no Python pass over a million triples. Only absolute namespace IRIs are kept; a declaration inside a string
literal could be picked up too, which at worst lets one more CURIE resolve.

>>> from_text('@prefix ex: <https://example.org/acme#> .\\nPREFIX : <https://example.org/base/>')
{'ex': 'https://example.org/acme#', '': 'https://example.org/base/'}
"""

from __future__ import annotations

import re
from pathlib import Path

_TURTLE = re.compile(r"(?:@prefix|(?<![\w:])PREFIX)\s+([A-Za-z][\w.-]*)?:\s*<([^<>\s]*)>", re.IGNORECASE)
_XML = re.compile(r"""\bxmlns:([A-Za-z_][\w.-]*)\s*=\s*["']([^"'<>\s]*)["']""")
_ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def from_text(text: str) -> dict[str, str]:
    """The prefixes declared in Turtle, TriG, N3, SPARQL or RDF/XML text (the last declaration of a prefix wins)."""
    found: dict[str, str] = {}
    for pattern in (_TURTLE, _XML):
        for prefix, namespace in pattern.findall(text):
            if _ABSOLUTE.match(namespace):
                found[prefix or ""] = namespace
    return found


def from_file(path: Path) -> dict[str, str]:
    """The prefixes declared in the file at ``path`` (empty when it cannot be read as text)."""
    try:
        return from_text(path.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return {}
