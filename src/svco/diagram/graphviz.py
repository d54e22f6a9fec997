"""Graphviz's ``dot``: lay out DOT text as SVG (or PNG). Needs Debian ``graphviz``."""

from __future__ import annotations

import shutil
import subprocess

from svco.errors import SvcoError


class GraphvizError(SvcoError):
    """Graphviz (``dot``) is missing or failed to draw a diagram."""


def dot_executable() -> str:
    """Graphviz's ``dot``; :class:`GraphvizError` if it is not installed."""
    dot = shutil.which("dot")
    if not dot:
        raise GraphvizError(
            "Graphviz is not installed (no `dot` on the PATH)",
            hint="apt-get install graphviz, or use --format mermaid or dot",
        )
    return dot


def render_svg(dot_text: str, fmt: str = "svg") -> bytes:
    """Lay out DOT text with Graphviz and return the picture (``svg``, or ``png`` for a quick look).

    Raises :class:`GraphvizError` when Graphviz is missing or fails.
    """
    try:
        done = subprocess.run(
            [dot_executable(), f"-T{fmt}"], input=dot_text.encode("utf-8"), capture_output=True, timeout=120
        )
    except subprocess.TimeoutExpired:
        raise GraphvizError("Graphviz took more than 120 s to draw the diagram") from None
    if done.returncode != 0:
        raise GraphvizError(f"Graphviz failed: {done.stderr.decode('utf-8', 'replace').strip()[:500]}")
    return done.stdout
