"""Pictures of the value chain and of value streams: Mermaid text, Graphviz DOT, and SVG through Graphviz."""

from svco.diagram.dot import to_dot
from svco.diagram.draw import FORMATS, render
from svco.diagram.graphviz import GraphvizError, render_svg
from svco.diagram.mermaid import to_mermaid
from svco.diagram.model import (
    COLOURS,
    ORDER,
    Activity,
    FlowGroup,
    HandOff,
    Step,
    ValueChain,
    ValueStream,
    activity_sort_key,
    find_stream,
    local_name,
    value_chain,
    value_stream,
    view,
)

__all__ = [
    "COLOURS",
    "FORMATS",
    "ORDER",
    "Activity",
    "FlowGroup",
    "GraphvizError",
    "HandOff",
    "Step",
    "ValueChain",
    "ValueStream",
    "activity_sort_key",
    "find_stream",
    "local_name",
    "render",
    "render_svg",
    "to_dot",
    "to_mermaid",
    "value_chain",
    "value_stream",
    "view",
]
