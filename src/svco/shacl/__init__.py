"""svco's SHACL engine: shapes compiled to set-at-a-time SPARQL, run through a :class:`QueryRunner`."""

from svco.shacl.engine import CompiledShapes, compile_shapes
from svco.shacl.graph import Unsupported
from svco.shacl.results import SH, VIOLATION, Result, term_text
from svco.shacl.runner import OxigraphRunner, QueryRunner

__all__ = [
    "SH",
    "VIOLATION",
    "CompiledShapes",
    "OxigraphRunner",
    "QueryRunner",
    "Result",
    "Unsupported",
    "compile_shapes",
    "term_text",
]
