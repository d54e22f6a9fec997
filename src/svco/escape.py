"""Text that reaches a terminal, a CI log or an XML report made safe: control characters shown as escapes."""

from __future__ import annotations

import re

#: Characters that must not reach a terminal or a CI log as they are: C0/C1 controls (ESC starts ANSI
#: sequences), DEL, line and paragraph separators and the bidirectional overrides.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
#: Characters XML 1.0 cannot hold at all, not even escaped.
_NOT_XML = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _escape_char(match: re.Match) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with control characters shown as ``\\x1b``-style escapes, so a label cannot move the cursor,
    colour the terminal or forge a line of output."""
    return _UNPRINTABLE.sub(_escape_char, text)


def xml_safe(text: str | None) -> str | None:
    """``text`` with the characters XML 1.0 forbids shown as escapes, so the document stays well-formed."""
    return None if text is None else _NOT_XML.sub(_escape_char, text)
