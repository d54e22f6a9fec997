"""svco's SHACL engine: shapes compiled to set-at-a-time SPARQL, run through a :class:`QueryRunner`.

Layout: ``graph`` reads the shapes graph (any RDF syntax; which nodes are shapes, incl. untyped shapes with
targets and implicit class targets), ``targets`` and ``paths`` (every SHACL path form) become SPARQL,
``components/*`` hold one family of constraint components each (SHACL section 4; SPARQL constraints,
section 5), ``engine`` compiles and runs, ``runner`` is the execution seam (:class:`QueryRunner`, with
:class:`OxigraphRunner` for the embedded store; queries are standard SPARQL 1.1), ``results`` the results.

Each constraint is one query over the whole data graph. A shape using anything not implemented yet
(sh:property, sh:node, logical and qualified shapes, sh:closed, string-based and property-pair components,
SPARQL on property shapes, ASK validators, custom components, ``$this`` where a join is not a pre-binding)
is listed in :attr:`CompiledShapes.unsupported` with the reason: never silently skipped.
"""

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
