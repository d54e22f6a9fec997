"""One entry point for ``svco diagram``: read the picture's content from the store and draw it."""

from __future__ import annotations

from svco.diagram.dot import to_dot
from svco.diagram.graphviz import render_svg
from svco.diagram.mermaid import to_mermaid
from svco.diagram.model import ValueChain, ValueStream, value_chain, value_stream
from svco.errors import UsageError
from svco.store import Store

#: Formats :func:`render` produces.
FORMATS = ("mermaid", "dot", "svg")


def render(store: Store, stream: str | None = None, fmt: str = "mermaid", *, detail: bool = False) -> bytes:
    """The value chain (or the value stream ``stream`` names) as Mermaid, DOT or SVG bytes.

    The value chain is an overview (one arrow per pair of activities) unless ``detail`` asks for every
    artifact and practice. Raises :class:`UsageError` for an unknown format or stream,
    :class:`~svco.diagram.graphviz.GraphvizError` for SVG without Graphviz.
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown diagram format {fmt!r}", hint=f"use one of: {', '.join(FORMATS)}")
    diagram: ValueChain | ValueStream = value_stream(store, stream) if stream else value_chain(store)
    if fmt == "mermaid":
        return to_mermaid(diagram, detail=detail).encode("utf-8")
    dot_text = to_dot(diagram, detail=detail)
    return dot_text.encode("utf-8") if fmt == "dot" else render_svg(dot_text)
