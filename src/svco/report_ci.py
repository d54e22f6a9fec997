"""Validation reports for CI services: SARIF 2.1.0 (code scanning) and GitHub Actions workflow commands.

Both point at the line: each result carries the file, line and column where its focus node is described
(:mod:`svco.locate`). SARIF paths are relative to the working folder with ``uriBaseId`` ``%SRCROOT%`` (run
svco from the repository root, as a workflow does), which is what GitHub code scanning asks for.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from svco.validate import SEVERITIES, ValidationReport, ValidationResult, shape_files

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_SARIF_LEVEL = {"Violation": "error", "Warning": "warning", "Info": "note"}
_GITHUB_LEVEL = {"Violation": "error", "Warning": "warning", "Info": "notice"}
_SHAPES = "https://w3id.org/svco/shapes#"


@cache
def _shape_info(files: tuple[Path, ...]) -> dict[str, dict[str, str]]:
    """Label, description, message and severity of each named shape in ``files``."""
    from svco.resources import queries_dir

    store = ox.Store()
    for path in files:
        store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    query = (queries_dir() / "internal" / "shape-info.rq").read_text(encoding="utf-8")
    info = {}
    for row in store.query(query):
        info[row["shape"].value] = {
            key: row[key].value for key in ("label", "description", "message", "severity") if row[key] is not None
        }
    return info


def _rule_id(shape: str) -> str:
    return "svcs:" + shape[len(_SHAPES) :] if shape.startswith(_SHAPES) else shape


def _rule(shape: str, info: dict[str, str]) -> dict:
    label = info.get("label") or _rule_id(shape)
    about = info.get("description") or info.get("message") or label
    rule = {
        "id": _rule_id(shape),
        "name": _rule_id(shape).split(":")[-1].split("#")[-1].split("/")[-1] or "shape",
        "shortDescription": {"text": label},
        "fullDescription": {"text": about},
        "help": {"text": f"{label}. {about}" if about != label else label},
        "properties": {"shape": shape},
    }
    if shape.startswith("http"):
        rule["helpUri"] = shape
    severity = info.get("severity", "http://www.w3.org/ns/shacl#Violation").rsplit("#", 1)[-1]
    rule["defaultConfiguration"] = {"level": _SARIF_LEVEL.get(severity, "error")}
    return rule


def _artifact(file: str) -> dict:
    if Path(file).is_absolute():
        return {"uri": Path(file).as_uri()}
    return {"uri": file, "uriBaseId": "%SRCROOT%"}


def _sarif_result(r: ValidationResult, index: int) -> dict:
    result: dict = {
        "ruleId": _rule_id(r.shape),
        "ruleIndex": index,
        "level": _SARIF_LEVEL[r.severity],
        "message": {"text": r.message},
        "partialFingerprints": {"svcoResult/v1": _fingerprint(r)},
        "properties": {"focus": r.focus, "component": r.component, "path": r.path, "value": r.value},
    }
    if r.file:
        physical: dict = {"artifactLocation": _artifact(r.file)}
        if r.line:
            physical["region"] = {"startLine": r.line, "startColumn": r.column or 1}
            if r.end_line and r.end_line > r.line:
                physical["region"]["endLine"] = r.end_line
        result["locations"] = [{"physicalLocation": physical, "logicalLocations": [{"fullyQualifiedName": r.focus}]}]
        if r.value_line:
            value_region = {"startLine": r.value_line, "startColumn": r.value_column or 1}
            related = {"artifactLocation": _artifact(r.file), "region": value_region}
            result["relatedLocations"] = [{"id": 1, "physicalLocation": related, "message": {"text": "the value"}}]
    else:
        result["locations"] = [{"logicalLocations": [{"fullyQualifiedName": r.focus}]}]
    return result


def _fingerprint(r: ValidationResult) -> str:
    """Stable across edits that move lines: what the result is about, not where it is."""
    key = "\x1f".join(str(x) for x in (r.shape, r.component, r.focus, r.path, r.value))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def to_sarif(report: ValidationReport) -> str:
    """SARIF 2.1.0: one rule per shape checked, one result per validation result, with its location."""
    from svco import __version__

    info = _shape_info(tuple(shape_files()))
    shapes = sorted(set(info) | {r.shape for r in report.results})
    index = {shape: i for i, shape in enumerate(shapes)}
    run = {
        "tool": {
            "driver": {
                "name": "svco",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": "https://w3id.org/svco",
                "rules": [_rule(shape, info.get(shape, {})) for shape in shapes],
            }
        },
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().resolve().as_uri() + "/"}},
        "results": [_sarif_result(r, index[r.shape]) for r in report.results],
        "properties": {"engine": report.engine, "sources": report.sources, "conforms": report.conforms},
    }
    doc = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def escape_data(text: str) -> str:
    """A workflow command's message, escaped as GitHub's runner unescapes it."""
    from svco.report import printable

    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return printable(text)


def escape_property(text: str) -> str:
    """A workflow command's property value: also ``:`` and ``,``, which would end it."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def to_github(report: ValidationReport, fail_on: str = "violation") -> str:
    """GitHub Actions workflow commands (``::error file=...,line=...::message``), then the verdict line.

    Printed in a workflow step, each result becomes an annotation on the pull request's diff.
    """
    from svco.report import verdict

    lines = []
    for r in sorted(report.results, key=lambda r: (r.file or "", r.line or 0, SEVERITIES.index(r.severity))):
        props = {}
        if r.file:
            props["file"] = r.file
            if r.line:
                props["line"], props["col"] = str(r.line), str(r.column or 1)
        props["title"] = f"{r.severity.lower()}: {_rule_id(r.shape)}"
        head = ",".join(f"{k}={escape_property(v)}" for k, v in props.items())
        lines.append(f"::{_GITHUB_LEVEL[r.severity]} {head}::{escape_data(r.message)}")
    lines.append(verdict(report, fail_on))
    return "\n".join(lines) + "\n"
