"""HTML documentation of the ontology (``svco docs OUTDIR [MODEL...]``), from a small Jinja2 template.

The page (``index.html``) has the ontology header; the value chain overview as inline SVG with an explorer
(``templates/explorer.js``, inlined with its data as JSON, see :mod:`svco.explorer`: click an activity or
an arrow, pick a value stream of the loaded models); the six activities, the practices by category, the
artifact types, the canonical flows as a table, the classes and properties, and the query catalog (read
at run time with :func:`svco.catalog.catalog`). Every term is an anchor named by its IRI fragment
(``index.html#Plan``, ``#ValueStream``), so the IRIs of the w3id namespace can redirect to it. The
overview is also written as ``value-chain.svg``.

Written atomically: the files are made in a temporary folder beside OUTDIR and each is moved into place
by a rename; OUTDIR's other files are not touched. pyLODE was not used: its releases that run on Python
3.11 are pinned to an old rdflib, and a template of our own shows svco's activities, flows and queries.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from svco.diagram import activity_sort_key, local_name, render_svg, to_dot, value_chain, view
from svco.errors import InputError
from svco.explorer import explorer_data, explorer_json
from svco.resources import NAMESPACE
from svco.store import Store

#: The files ``svco docs`` writes into OUTDIR.
OUTPUTS = ("index.html", "value-chain.svg")

_KINDS = {
    "http://www.w3.org/2002/07/owl#Class": "Classes",
    "http://www.w3.org/2002/07/owl#ObjectProperty": "Object properties",
    "http://www.w3.org/2002/07/owl#DatatypeProperty": "Datatype properties",
    "http://www.w3.org/2002/07/owl#AnnotationProperty": "Annotation properties",
}


@dataclass
class Link:
    """A term to show as a link (to its anchor on the page when svco defines it)."""

    iri: str
    label: str
    anchor: str | None = None


@dataclass
class Term:
    """A class, property or individual as the page shows it."""

    iri: str
    anchor: str
    label: str
    definition: str = ""
    comment: str = ""
    facts: list[tuple[str, list[Link]]] = field(default_factory=list)


def _v(row: dict, name: str) -> str:
    term = row.get(name)
    return term.value if term is not None else ""


def _split(text: str) -> list[str]:
    return sorted(v for v in text.split("|") if v)


def _anchor(iri: str) -> str | None:
    return iri[len(NAMESPACE) :] if iri.startswith(NAMESPACE) else None


def _xsd(iri: str) -> str:
    for prefix, ns in (("xsd", "http://www.w3.org/2001/XMLSchema#"), ("owl", "http://www.w3.org/2002/07/owl#")):
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return local_name(iri)


def collect(store: Store) -> dict:
    """Everything the page shows, read from ``store`` (which must hold the reference ontology)."""
    from svco.catalog import catalog

    labels: dict[str, str] = {}
    terms_by_kind: dict[str, list[Term]] = {k: [] for k in _KINDS.values()}
    rows = store.rows(view("terms"))
    for row in rows:
        labels[_v(row, "term")] = _v(row, "label") or local_name(_v(row, "term"))
    for row in store.rows(view("artifacts")):
        labels[_v(row, "artifact")] = _v(row, "label") or local_name(_v(row, "artifact"))

    def link(iri: str) -> Link:
        return Link(iri, labels.get(iri) or _xsd(iri), _anchor(iri) if iri in labels else None)

    for row in rows:
        iri = _v(row, "term")
        term = Term(iri, _anchor(iri) or local_name(iri), labels[iri], _v(row, "definition"), _v(row, "comment"))
        for name, column in (
            ("subclass of" if _v(row, "kind").endswith("Class") else "subproperty of", "supers"),
            ("domain", "domains"),
            ("range", "ranges"),
            ("characteristics", "characteristics"),
            ("disjoint with", "disjoints"),
        ):
            values = _split(_v(row, column))
            if values:
                term.facts.append((name, [link(v) for v in values]))
        terms_by_kind[_KINDS[_v(row, "kind")]].append(term)
    for terms in terms_by_kind.values():
        terms.sort(key=lambda t: t.label.casefold())

    chain = value_chain(store)
    details = {_v(r, "activity"): r for r in store.rows(view("activity-details"))}
    activities = []
    for activity in chain.activities:
        row = details.get(activity.iri, {})
        activities.append(
            {
                "anchor": activity.key,
                "iri": activity.iri,
                "label": activity.label,
                "purpose": _v(row, "purpose"),
                "focus": _v(row, "focus"),
                "objectives": _split(_v(row, "objectives")),
                "decisions": _split(_v(row, "decisions")),
                "practices": activity.practices,
                "outputs": [f for f in chain.flows if f.source == activity.iri],
                "inputs": [f for f in chain.flows if f.target == activity.iri],
            }
        )
    names = {a.iri: a.label for a in chain.activities} | chain.parties

    practices: dict[str, dict] = {}
    for row in store.rows(view("practices")):
        iri = _v(row, "practice")
        entry = practices.setdefault(
            iri,
            {
                "anchor": _anchor(iri) or local_name(iri),
                "iri": iri,
                "label": _v(row, "label") or local_name(iri),
                "category": _v(row, "categoryLabel") or local_name(_v(row, "category")),
                "definition": _v(row, "definition"),
                "activities": [],
            },
        )
        activity = _v(row, "activity")
        if activity and activity not in entry["activities"]:
            entry["activities"].append(activity)
    categories: dict[str, list[dict]] = {}
    for entry in sorted(practices.values(), key=lambda p: p["label"].casefold()):
        entry["activities"] = [
            Link(a, names.get(a, local_name(a)), local_name(a))
            for a in sorted(entry["activities"], key=activity_sort_key)
        ]
        categories.setdefault(entry["category"], []).append(entry)

    flows = []
    for row in store.rows(view("flows")):
        flow, artifact = _v(row, "flow"), _v(row, "artifact")
        source, target = _v(row, "from"), _v(row, "to")
        flows.append(
            {
                "anchor": _anchor(flow) or local_name(flow),
                "from": Link(source, names[source], local_name(source)) if source else None,
                "to": Link(target, names[target], local_name(target)) if target else None,
                "artifact": Link(artifact, labels.get(artifact, local_name(artifact)), _anchor(artifact)),
                "party": _v(row, "partyLabel") or (local_name(_v(row, "party")) if _v(row, "party") else ""),
            }
        )
    flows.sort(key=lambda f: (activity_sort_key(f["from"].iri if f["from"] else "~"), f["artifact"].label))
    artifacts = [
        {
            "anchor": _anchor(_v(r, "artifact")) or local_name(_v(r, "artifact")),
            "iri": _v(r, "artifact"),
            "label": _v(r, "label"),
            "definition": _v(r, "definition"),
        }
        for r in store.rows(view("artifacts"))
    ]
    header_rows = store.rows(view("ontology-header"))
    header = {k: _v(header_rows[0], k) for k in ("title", "description", "version", "versionIRI", "license")}
    queries = sorted(catalog().values(), key=lambda q: q.name)
    explorer = explorer_data(store, chain)
    return {
        "explorer": explorer_json(explorer),
        "streams": [(i, s["label"]) for i, s in enumerate(explorer["streams"])],
        "header": header,
        "namespace": NAMESPACE,
        "activities": activities,
        "practice_categories": sorted(categories.items()),
        "practice_count": len(practices),
        "flows": flows,
        "artifacts": artifacts,
        "terms_by_kind": [(k, v) for k, v in terms_by_kind.items() if v],
        "queries": queries,
        "names": names,
        "chain": chain,
    }


def _inline_svg(svg: bytes) -> str:
    """Graphviz SVG made fit for inlining: no XML prolog or DOCTYPE, scaled to the page width; Graphviz's
    ``&#45;`` written as the hyphen it stands for, so ids read as written (``chain-Plan``)."""
    text = svg.decode("utf-8").replace("&#45;", "-")
    text = text[text.index("<svg") :]
    return re.sub(r'<svg width="[^"]*" height="[^"]*"', '<svg class="diagram" role="img"', text, count=1)


def render_html(store: Store, diagram_svg: bytes | None = None) -> str:
    """The documentation page as HTML text. Raises :class:`GraphvizError` when Graphviz cannot draw."""
    import jinja2

    data = collect(store)
    if diagram_svg is None:
        diagram_svg = render_svg(to_dot(data["chain"]))
    templates = files("svco") / "templates"
    template_text = (templates / "docs.html.j2").read_text(encoding="utf-8")
    script = (templates / "explorer.js").read_text(encoding="utf-8")
    env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    return env.from_string(template_text).render(diagram=_inline_svg(diagram_svg), script=script, **data)


def write_docs(outdir: Path | str, store: Store | None = None) -> list[Path]:
    """Write ``index.html`` and ``value-chain.svg`` into ``outdir``, atomically; returns the paths written.

    The files are made in a temporary folder beside ``outdir`` and renamed into place one by one; other
    files in ``outdir`` are left alone. Raises :class:`InputError` when ``outdir`` is a file or cannot be
    written, :class:`GraphvizError` when Graphviz is missing.
    """
    outdir = Path(outdir)
    if outdir.exists() and not outdir.is_dir():
        raise InputError(outdir, "is a file, not a folder", hint="give a folder for the documentation")
    if store is None:
        store = Store()
        store.load_reference()
    svg = render_svg(to_dot(value_chain(store)))
    page = render_html(store, svg)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{outdir.name}.", dir=outdir.parent))
    except OSError as exc:
        raise InputError(outdir, f"cannot write there: {exc.strerror or exc}") from None
    try:
        (tmp / "index.html").write_text(page, encoding="utf-8")
        (tmp / "value-chain.svg").write_bytes(svg)
        written = []
        for name in OUTPUTS:
            (tmp / name).chmod(0o644)
            os.replace(tmp / name, outdir / name)
            written.append(outdir / name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return written
