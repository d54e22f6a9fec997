"""Validation reports for people and for CI: text, JSON, Turtle (``sh:ValidationReport``) and JUnit XML.

SARIF and GitHub workflow commands are in :mod:`svco.report_ci`.

JSON schema (``"schema": "https://w3id.org/svco/validation-report/1"``; fields are only ever added)::

    {
      "schema": "https://w3id.org/svco/validation-report/1",
      "svco_version": "0.1.0",
      "passed": true,            # no result at or above --fail-on
      "fail_on": "violation",
      "conforms": true,          # SHACL's verdict: no result of any severity
      "engine": "svco",          # or "pyshacl"
      "sources": ["model.ttl"],
      "unresolved_imports": [],
      "counts": {"violation": 0, "warning": 0, "info": 0},
      "results": [
        {"severity": "violation", "message": "...", "focus": IRI, "focus_label": str|null,
         "stream": IRI|null, "stream_label": str|null, "step": IRI|null, "step_label": str|null,
         "shape": IRI, "component": "MinCountConstraintComponent", "path": IRI|"^IRI"|null,
         "value": str|null, "suggestion": "svc:Term"|null,
         # added in svco 0.2 (same schema: fields are only added):
         "value_type": "iri"|"literal"|"blank"|null, "value_datatype": IRI|null, "value_language": str|null,
         "file": str|null, "line": int|null, "column": int|null, "end_line": int|null,
         "value_line": int|null, "value_column": int|null}
      ]
    }

One form for every term: an IRI is the full IRI as a plain string (no ``<>``, no CURIE), a blank node is
``_:`` and its label, a literal is its lexical form (with ``value_datatype`` and ``value_language``);
``value_type`` says which the ``value`` is. (Before 0.2, ``value`` mixed ``<...>`` and ``svc:...`` forms.)
``file`` is where the focus node is described (relative to the working folder when inside it), ``line`` and
``column`` (1-based) where its first statement starts, ``end_line`` where it ends, ``value_line`` and
``value_column`` where the offending value is written; each is null when unknown (blank nodes, reference
content, a value found only by inference). ``suggestion`` stays a CURIE: it is text for people.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterable, Iterator
from xml.etree import ElementTree as ET

import pyoxigraph as ox

from svco.escape import printable, xml_safe
from svco.validate import SEVERITIES, ValidationReport, ValidationResult

SCHEMA = "https://w3id.org/svco/validation-report/1"
FORMATS = ("text", "json", "turtle", "junit", "sarif", "github")
_SHAPES = "https://w3id.org/svco/shapes#"


def _short(iri: str | None) -> str:
    if iri is None:
        return ""
    for prefix, namespace in (("svcs", _SHAPES), ("svc", "https://w3id.org/svco#")):
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def to_json(report: ValidationReport, fail_on: str = "violation") -> str:
    """The report in svco's JSON schema (see the module docstring)."""
    return "".join(json_parts(report, fail_on))


def json_parts(report: ValidationReport, fail_on: str = "violation") -> Iterator[str]:
    """:func:`to_json` in pieces, a result a piece, to be written as they come: a report of 100,000 results
    is never held whole as text (it took some 170 MB at 33,000 results as one ``json.dumps``)."""
    from svco import __version__

    doc = {
        "schema": SCHEMA,
        "svco_version": __version__,
        "passed": not report.fails(fail_on),
        "fail_on": fail_on.lower(),
        "conforms": report.conforms,
        "engine": report.engine,
        "sources": report.sources,
        "unresolved_imports": report.unresolved_imports,
        "counts": {s.lower(): report.count(s) for s in SEVERITIES},
        "results": [],
    }
    head = json.dumps(doc, indent=2, ensure_ascii=False)
    if not report.results:
        yield head + "\n"
        return
    yield head.removesuffix("[]\n}") + "[\n"
    for index, result in enumerate(report.results):
        entry = json.dumps(_result_json(result), indent=2, ensure_ascii=False)
        yield (",\n" if index else "") + textwrap.indent(entry, "    ")
    yield "\n  ]\n}\n"


_RESULT_KEYS = ("severity", "message", "focus", "focus_label", "stream", "stream_label", "step", "step_label")
_RESULT_KEYS += ("shape", "component", "path", "value", "suggestion", "file", "line", "column", "value_line")
_RESULT_KEYS += ("value_column", "end_line")


def _result_json(result: ValidationResult) -> dict:
    entry = {k: getattr(result, k) for k in _RESULT_KEYS}
    entry["severity"] = result.severity.lower()
    entry.update(_term_json(result.value_term, result.value))
    return entry


def _term_json(term: ox.NamedNode | ox.BlankNode | ox.Literal | None, text: str | None) -> dict:
    """A result's value in the one JSON form the module docstring documents (every key always present)."""
    entry = {"value": text, "value_type": None, "value_datatype": None, "value_language": None}
    if isinstance(term, ox.NamedNode):
        entry.update(value=term.value, value_type="iri")
    elif isinstance(term, ox.BlankNode):
        entry.update(value=f"_:{term.value}", value_type="blank")
    elif isinstance(term, ox.Literal):
        entry.update(value=term.value, value_type="literal", value_language=term.language)
        entry["value_datatype"] = term.datatype.value if term.language is None else None
    elif text is not None:
        entry["value_type"] = "literal"
    return entry


def location(result: ValidationResult) -> str:
    """``file:line:column`` as compilers write it (``file`` alone, or "", when that is all that is known)."""
    if result.file is None:
        return ""
    if result.line is None:
        return result.file
    return f"{result.file}:{result.line}:{result.column}"


def to_text(report: ValidationReport, fail_on: str = "violation", *, color: bool = False) -> str:
    """A human report grouped by value stream, most severe first, with a verdict line at the end."""
    return "".join(text_parts(report, fail_on, color=color))


def text_parts(report: ValidationReport, fail_on: str = "violation", *, color: bool = False) -> Iterator[str]:
    """:func:`to_text` in pieces, a group of results a piece, to be written as they come."""
    import click

    def style(text: str, **kw) -> str:
        return click.style(text, **kw) if color else text

    marks = {"Violation": ("✗", "red"), "Warning": ("!", "yellow"), "Info": ("i", "blue")}
    groups: dict[str, list[ValidationResult]] = {}
    for r in report.results:
        if r.stream_label or r.stream:
            title = f'value stream "{r.stream_label or r.stream}"'
        else:
            title = f'"{r.focus_label}"' if r.focus_label else r.focus
        groups.setdefault(title, []).append(r)
    for title, results in sorted(groups.items(), key=lambda g: (min(SEVERITIES.index(r.severity) for r in g[1]), g[0])):
        lines = [style(printable(title), bold=True)]
        shown = set()
        for r in sorted(results, key=lambda r: (SEVERITIES.index(r.severity), r.step_label or "", r.message)):
            if (r.severity, r.focus, r.message) in shown:  # one shape, two components, one message
                continue
            shown.add((r.severity, r.focus, r.message))
            mark, colour = marks[r.severity]
            named = r.step_label and f'"{r.step_label}"' in r.message
            where = f'step "{r.step_label}": ' if r.step_label and not named else ""
            at = f"{location(r)}: " if r.file else ""
            severity = style(mark + " " + r.severity.lower(), fg=colour)
            lines.append(f"  {printable(at)}{severity}  {printable(where + r.message)}")
            value_at = f" (value at line {r.value_line})" if r.value_line and r.value_line != r.line else ""
            lines.append(style(printable(f"      {_short(r.shape)} on {_short(r.focus)}{value_at}"), dim=True))
        yield "\n".join(lines) + "\n\n"
    lines = []
    for iri in report.unresolved_imports:
        lines.append(style(printable(f"note: owl:imports <{iri}> was not resolved (not validated)"), fg="yellow"))
    failed = report.fails(fail_on)
    word = style("FAILED", fg="red", bold=True) if failed else style("PASSED", fg="green", bold=True)
    lines.append(verdict(report, fail_on, word))
    yield "\n".join(lines) + "\n"


def verdict(report: ValidationReport, fail_on: str = "violation", word: str | None = None) -> str:
    """The one-line summary: 'PASSED: 0 violations, 2 warnings, 0 infos in 3 files (fail on ...)'."""
    counts = ", ".join(f"{report.count(s)} {s.lower()}{'s' if report.count(s) != 1 else ''}" for s in SEVERITIES)
    sources = f"{len(report.sources)} file{'s' if len(report.sources) != 1 else ''}"
    word = word or ("FAILED" if report.fails(fail_on) else "PASSED")
    return f"{word}: {counts} in {sources} (fail on {fail_on.lower()}; engine {report.engine})"


def to_turtle(report: ValidationReport) -> str:
    """The SHACL ``sh:ValidationReport`` as Turtle."""
    sh = "http://www.w3.org/ns/shacl#"

    def n(iri: str) -> ox.NamedNode:
        return ox.NamedNode(iri)

    node = _report_term

    root = ox.BlankNode()
    triples = [
        ox.Triple(root, n("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), n(sh + "ValidationReport")),
        ox.Triple(root, n(sh + "conforms"), ox.Literal(str(report.conforms).lower(), datatype=n(_XSD + "boolean"))),
    ]
    for r in report.results:
        result = ox.BlankNode()
        triples += [
            ox.Triple(root, n(sh + "result"), result),
            ox.Triple(result, n("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), n(sh + "ValidationResult")),
            ox.Triple(result, n(sh + "focusNode"), node(r.focus)),
            ox.Triple(result, n(sh + "resultSeverity"), n(sh + r.severity)),
            ox.Triple(result, n(sh + "sourceShape"), node(r.shape)),
            ox.Triple(result, n(sh + "sourceConstraintComponent"), n(sh + r.component)),
            ox.Triple(result, n(sh + "resultMessage"), ox.Literal(r.message)),
        ]
        if r.path:
            if r.path.startswith("^"):
                path = ox.BlankNode()
                triples += [
                    ox.Triple(result, n(sh + "resultPath"), path),
                    ox.Triple(path, n(sh + "inversePath"), n(r.path[1:])),
                ]
            else:
                triples.append(ox.Triple(result, n(sh + "resultPath"), n(r.path)))
        if r.value_term is not None:
            triples.append(ox.Triple(result, n(sh + "value"), r.value_term))
    prefixes = {"sh": sh, "svc": "https://w3id.org/svco#", "svcs": _SHAPES, "xsd": _XSD}
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes).decode("utf-8")


_XSD = "http://www.w3.org/2001/XMLSchema#"


def _report_term(text: str) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The RDF term a result's focus node or shape was written as: ``_:b0`` a blank node, ``"x"^^<...>`` a
    literal (N-Triples form), anything else an IRI (``urn:x`` too); text that is none of these, a literal."""
    if text.startswith("_:"):
        return ox.BlankNode(text[2:]) if re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]*", text[2:]) else ox.BlankNode()
    if text.startswith('"'):
        try:
            return next(iter(ox.parse(f"<urn:s> <urn:p> {text} .".encode(), format=ox.RdfFormat.N_TRIPLES))).object
        except (SyntaxError, ValueError, StopIteration):
            return ox.Literal(text)
    try:
        return ox.NamedNode(text)
    except ValueError:
        return ox.Literal(text)


def to_junit(report: ValidationReport, fail_on: str = "violation") -> str:
    """JUnit XML as CI systems read it: one test case per shape and focus node.

    A (shape, focus node) pair with a result at or above ``fail_on`` is a failing test case; one with only
    milder results passes and carries them in ``system-out``. A shape with no result at all appears as one
    passing test case, so the suite lists every rule that was checked.
    """
    from svco.validate import shape_names

    level = SEVERITIES.index(fail_on.capitalize())
    cases: dict[tuple[str, str], list[ValidationResult]] = {}
    for r in report.results:
        cases.setdefault((r.shape, r.focus), []).append(r)
    suite = ET.Element("testsuite", name="svco validate")
    failures = 0
    for (shape, focus), results in sorted(cases.items()):
        case = ET.SubElement(suite, "testcase", classname=_short(shape), name=_label(results[0]) or focus)
        if results[0].file:
            case.set("file", results[0].file)
        failing = [r for r in results if SEVERITIES.index(r.severity) <= level]
        if failing:
            failures += 1
            worst = min(failing, key=lambda r: SEVERITIES.index(r.severity))
            failure = ET.SubElement(case, "failure", message=worst.message, type=f"sh:{worst.severity}")
            failure.text = "\n".join(_junit_line(r) for r in failing)
        milder = [r for r in results if r not in failing]
        if milder:
            ET.SubElement(case, "system-out").text = "\n".join(_junit_line(r) for r in milder)
    checked = {shape for shape, _ in cases}
    for shape in shape_names():
        if shape not in checked:
            ET.SubElement(suite, "testcase", classname=_short(shape), name="all focus nodes conform")
    suite.set("tests", str(len(suite.findall("testcase"))))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", "0")
    root = ET.Element("testsuites", name="svco", tests=suite.get("tests"), failures=str(failures), errors="0")
    root.append(suite)
    for element in root.iter():
        element.text = xml_safe(element.text)
        for key, value in element.attrib.items():
            element.set(key, xml_safe(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _junit_line(result: ValidationResult) -> str:
    at = location(result)
    return f"{at}: [{result.severity}] {result.message}" if at else f"[{result.severity}] {result.message}"


def _label(result: ValidationResult) -> str:
    parts = [p for p in (result.stream_label, result.step_label) if p]
    if not parts and result.focus_label:
        parts = [result.focus_label]
    return " > ".join(parts) + (f" ({result.focus})" if parts else "")


def render_parts(
    report: ValidationReport, fmt: str, fail_on: str = "violation", *, color: bool = False
) -> Iterable[str]:
    """:func:`render` in pieces to write one after the other (JSON a result a piece, text a group a piece)."""
    if fmt == "json":
        return json_parts(report, fail_on)
    if fmt == "text":
        return text_parts(report, fail_on, color=color)
    return [render(report, fmt, fail_on, color=color)]


def render(report: ValidationReport, fmt: str, fail_on: str = "violation", *, color: bool = False) -> str:
    """The report in one of :data:`FORMATS`."""
    if fmt == "json":
        return to_json(report, fail_on)
    if fmt == "turtle":
        return to_turtle(report)
    if fmt == "junit":
        return to_junit(report, fail_on)
    if fmt in ("sarif", "github"):
        from svco.report_ci import to_github, to_sarif

        return to_sarif(report) if fmt == "sarif" else to_github(report, fail_on)
    return to_text(report, fail_on, color=color)
