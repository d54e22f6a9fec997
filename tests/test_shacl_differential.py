"""Differential testing: svco's SHACL engine must give pySHACL's results on random Core shapes and graphs.

Issue 9 point 6. Hypothesis generates shapes (every Core constraint component, every path form, nested
``sh:node``/``sh:property``/logical/qualified shapes, each kind of target, severities, ``sh:deactivated``)
over small graphs (IRIs, blank nodes, plain, language-tagged, non-canonical and ill-typed literals), see
:mod:`tests.shacl_fuzz`. Each case runs through :func:`svco.validate.shacl_store` (what ``svco shacl``
runs) and through pySHACL on an rdflib graph of the same Turtle; the sets of (focus, path, value, source
shape, component, severity) must be equal.

- The default run uses ``--engine auto``: every shape the svco engine evaluates is answered by it and must
  agree with pySHACL; the shapes it does not cover yet (string-based, property pairs, ...) go to pySHACL
  one by one, which checks that routing. ``SVCO_DIFF_ENGINE=svco`` (no fallback) makes
  a refusal a failure: the measure of what the engine still lacks. ``=pyshacl`` checks the test itself.
- pySHACL reads the data with rdflib's literal normalisation OFF, so the reference sees literals as
  written (``"01"^^xsd:integer`` stays ``"01"``), as issue 9 point 5 requires of svco.
- Where pySHACL is known wrong: its own W3C suite run (``test/test_sht_validate.py`` in the 0.40.1 sdist)
  lists one allowed failure, ``/sparql/pre-binding/shapesGraph-001``, a SHACL-SPARQL case; no Core
  construct generated here is on it, so nothing is skipped or adjusted for it. One more, found here:
  under sh:not and sh:qualifiedValueShape (seen; its sh:node is right) pySHACL lets a node conform to a shape
  whose only results are Warnings or Infos, where SHACL counts any result as non-conformance (pinned
  with a hand-made case in tests/data/shacl/engine/nested-severity-conformance.ttl); the generator gives
  such shapes no sh:severity. And pySHACL orders values SPARQL's ``<`` does not (a type error, so SHACL
  gives a result): an ``xsd:boolean`` against a number, as a Python int (``true`` = 1), a number against a
  date, an ill-typed literal (``"abc"^^xsd:integer``) against anything, an IRI against a string, as text
  (sh:lessThan). For the value ranges pySHACL is corrected where it errs: :func:`sparql_order` stands in
  for its literal comparison and refuses (TypeError, which pySHACL turns into a result) two literals SPARQL
  does not order, nested shapes included, in the reference and in the shapes ``auto`` hands to pySHACL.
  For sh:lessThan and sh:lessThanOrEquals, :func:`pyshacl_omits` adds svco's top-level results whose
  value, or a value it is compared with, is an IRI, a blank node, or in another class than the others; the
  generator puts no such constraint in a nested shape, where a wrong answer could not be told from
  pySHACL's. Likewise ``sh:minLength 0``: pySHACL passes every value, where SHACL makes a blank node a
  result of any length constraint; top-level results on blank nodes are added, nested shapes get no
  ``sh:minLength 0``. Pinned by hand in tests/data/shacl/engine/range-boolean.ttl. And pySHACL walks the
  inverse of a sequence path forwards (``^(p/r)`` as ``^p/^r``): the generator inverts no sequence, and
  tests/data/shacl/engine/inverse-sequence.ttl pins SHACL's answer.
- Except with ``SVCO_DIFF_ENGINE=svco``, blank nodes compare as ``_:`` (pySHACL's rdflib copy relabels them).
- Literals the store rewrites (oxigraph#526) are left out unless ``SVCO_DIFF_526=1`` (see tests/shacl_fuzz.py):
  sh:datatype judges them as written (tests/test_written_literals.py), sh:in and the others do not yet.
- A path that is not a predicate or an inverse predicate is compared as ``<complex>``: the source shape,
  compared exactly, fixes it (``sh:resultPath`` is the shape's ``sh:path``).
- A failure prints the data and shapes as Turtle (replay: ``svco shacl data.ttl --shapes shapes.ttl
  --engine svco --format json``) and hypothesis prints the ``@seed``/``@reproduce_failure`` to rerun it.

Default run: 300 cases. ``pytest -m slow_fuzz`` runs 3,000 more (nightly).
"""

from __future__ import annotations

import os
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, given, reject, settings

from svco.store import Store
from svco.validate import shacl_store
from tests.shacl_fuzz import EX, Case, cases

ENGINE = os.environ.get("SVCO_DIFF_ENGINE", "auto")
# svco's pyshacl mode copies the store into rdflib with fresh blank-node labels: there blank nodes compare as "_:".
ANONYMOUS = ENGINE != "svco"  # shapes pySHACL runs see an rdflib copy, whose blank nodes are relabelled
SH = "http://www.w3.org/ns/shacl#"
_PAIR_ORDER = {"LessThanConstraintComponent": "lessThan", "LessThanOrEqualsConstraintComponent": "lessThanOrEquals"}
_UNORDERED = {"iri", "blank", "ill-typed"}  # the terms SPARQL's < orders among no others
_NUMERIC = {"integer", "decimal", "float", "double", "positiveInteger", "byte"}
_LENGTHS = {"MinLengthConstraintComponent", "MaxLengthConstraintComponent"}
XSD = "http://www.w3.org/2001/XMLSchema#"
_SIMPLE_PATH = re.compile(r"^\^?[a-z]+:[^\s<>]+$")

COMMON = settings(
    deadline=None,
    derandomize=False,
    print_blob=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


def _literal_key(lexical: str, language: str | None, datatype: str | None) -> str:
    if language:
        return f'"{lexical}"@{language.lower()}'
    return f'"{lexical}"^^<{datatype or "http://www.w3.org/2001/XMLSchema#string"}>'


def _path_key(path: str | None) -> str | None:
    if path is None:
        return None
    return path if _SIMPLE_PATH.match(path) else "<complex>"


def svco_results(case: Case, workdir: Path) -> set[tuple]:
    """svco's results on the case, through the library function `svco shacl` calls."""
    (workdir / "data.ttl").write_text(case.data, encoding="utf-8")
    (workdir / "shapes.ttl").write_text(case.shapes, encoding="utf-8")
    store = Store()
    store.load([workdir / "data.ttl"])
    bids = {
        str(q.subject): q.object.value
        for q in store.oxigraph.quads_for_pattern(None, ox.NamedNode(EX + "bid"), None, None)
    }

    def term(text: str | None, value: object) -> str | None:
        if isinstance(value, ox.Literal):
            return _literal_key(value.value, value.language, value.datatype.value)
        if isinstance(value, ox.NamedNode):
            return value.value
        text = str(value) if isinstance(value, ox.BlankNode) else text
        if text is not None and text.startswith('"'):  # a literal focus node, in N-Triples form
            return term(None, next(iter(ox.parse(f"<x:s> <x:p> {text} .", format=ox.RdfFormat.N_TRIPLES))).object)
        if text is not None and text.startswith("_:"):
            return "_:" if ANONYMOUS else f"_:{bids.get(text, text)}"
        return text

    report = shacl_store(store, [workdir / "shapes.ttl"], engine=ENGINE)
    return {
        (term(r.focus, None), _path_key(r.path), term(r.value, r.value_term), r.shape, r.component, r.severity)
        for r in report.results
    }


def pyshacl_results(case: Case) -> set[tuple]:
    """pySHACL's results on the same Turtle, literals kept as written."""
    import pyshacl

    previous = rdflib.NORMALIZE_LITERALS
    rdflib.NORMALIZE_LITERALS = False
    try:
        data = rdflib.Graph().parse(data=case.data, format="turtle")
        shapes = rdflib.Graph().parse(data=case.shapes, format="turtle")
        _, report, _ = pyshacl.validate(data, shacl_graph=shapes, allow_warnings=True, allow_infos=True)
    finally:
        rdflib.NORMALIZE_LITERALS = previous
    bids = {s: str(o) for s, o in data.subject_objects(rdflib.URIRef(EX + "bid"))}
    sh = rdflib.Namespace(SH)

    def term(value) -> str | None:
        if value is None:
            return None
        if isinstance(value, rdflib.BNode) and not ANONYMOUS:
            return f"_:{bids[value]}"
        return _term_key(value)

    results = set()
    # the report's own results only: pySHACL also types the nested results under sh:detail (sh:node, ...)
    for node in report.objects(None, sh.result):
        path = report.value(node, sh.resultPath)
        if isinstance(path, rdflib.BNode):
            inverse = report.value(path, sh.inversePath)
            path = f"^{inverse}" if isinstance(inverse, rdflib.URIRef) else "<complex>"
        results.add(
            (
                term(report.value(node, sh.focusNode)),
                _path_key(str(path)) if path is not None else None,
                term(report.value(node, sh.value)),
                str(report.value(node, sh.sourceShape)),
                str(report.value(node, sh.sourceConstraintComponent)).removeprefix(SH),
                str(report.value(node, sh.resultSeverity)).removeprefix(SH),
            )
        )
    return results


def _order_class(key: str) -> str:
    """Which values SPARQL's ``<`` orders a term key among: numbers, booleans, strings, dates, ...; an IRI, a
    blank node or an ill-typed literal (``"abc"^^xsd:integer``) among none ("iri", "blank", "ill-typed")."""
    if not key.startswith('"'):
        return "blank" if key.startswith("_:") else "iri"
    if "^^<" not in key:
        return "lang"
    lexical, _, datatype = key[1:].rpartition('"^^<')
    if rdflib.Literal(lexical, datatype=datatype.rstrip(">")).ill_typed:
        return "ill-typed"
    return "numeric" if datatype.rstrip(">").removeprefix(XSD) in _NUMERIC else datatype.rstrip(">")


def pyshacl_omits(case: Case, actual: set[tuple]) -> set[tuple]:
    """svco's top-level results that SHACL requires and pySHACL 0.40.1 omits: sh:lessThan(OrEquals) on pairs
    SPARQL does not order, a length constraint on a blank node (see the module docstring)."""
    data = rdflib.Graph().parse(data=case.data, format="turtle")
    shapes = rdflib.Graph().parse(data=case.shapes, format="turtle")
    omitted = set()
    for result in actual:
        focus, _, value, shape, component, _ = result
        if value is None:
            continue
        if component in _LENGTHS and value.startswith("_:"):
            omitted.add(result)
        if component in _PAIR_ORDER and focus:  # the values of the other property at the focus node
            others = shapes.objects(rdflib.URIRef(shape), rdflib.URIRef(SH + _PAIR_ORDER[component]))
            classes = {_order_class(_term_key(o)) for p in others for o in data.objects(rdflib.URIRef(focus), p)}
            if _order_class(value) in _UNORDERED or classes & _UNORDERED or {_order_class(value)} != classes:
                omitted.add(result)
    return omitted


@contextmanager
def sparql_order():
    """pySHACL's literal comparison for the value ranges made SPARQL's: two literals SPARQL's ``<`` does not
    order are refused (TypeError, which pySHACL turns into a result). For the reference and for the shapes
    svco's ``auto`` engine hands to pySHACL alike."""
    from pyshacl.constraints.core import value_range_constraints as ranges

    compare = ranges.compare_literal

    def ordered(a: rdflib.Literal, b: rdflib.Literal) -> int:
        first, second = _order_class(_term_key(a)), _order_class(_term_key(b))
        if first != second or first in _UNORDERED:
            raise TypeError(f"SPARQL does not order {a!r} and {b!r}")
        return compare(a, b)

    ranges.compare_literal = ordered
    try:
        yield
    finally:
        ranges.compare_literal = compare


def _term_key(term: rdflib.term.Node) -> str:
    """An rdflib term as the results compare it (a blank node as "_:")."""
    if isinstance(term, rdflib.Literal):
        return _literal_key(str(term), term.language, str(term.datatype) if term.datatype else None)
    return str(term) if isinstance(term, rdflib.URIRef) else "_:"


def check(case: Case) -> None:
    """Fail with both result sets and the case as Turtle when svco and pySHACL disagree."""
    from pyshacl.errors import ReportableRuntimeError

    try:
        with sparql_order():
            expected = pyshacl_results(case)
    except ReportableRuntimeError:  # e.g. sh:lessThan on a blank node: the reference gives no answer to compare
        reject()
    with tempfile.TemporaryDirectory() as tmp:
        try:
            with sparql_order():
                actual = svco_results(case, Path(tmp))
        except Exception as exc:  # a refusal (UsageError) or a crash: both are the engine's to fix
            pytest.fail(f"svco (--engine {ENGINE}) could not validate the case: {exc}\n{case}", pytrace=False)
    expected |= pyshacl_omits(case, actual)
    if actual != expected:
        lines = [f"svco (--engine {ENGINE}) and pySHACL disagree.", "only svco:"]
        lines += [f"  {r}" for r in sorted(actual - expected, key=str)]
        lines += ["only pySHACL:"] + [f"  {r}" for r in sorted(expected - actual, key=str)]
        pytest.fail("\n".join(lines) + f"\n{case}", pytrace=False)


@settings(COMMON, max_examples=300, derandomize=True)  # CI: the same 300 cases every run
@given(cases())
def test_svco_equals_pyshacl(case: Case) -> None:
    check(case)


@pytest.mark.slow_fuzz
@settings(COMMON, max_examples=3000)
@given(cases())
def test_svco_equals_pyshacl_nightly(case: Case) -> None:
    check(case)
