"""Running catalog queries: resolving parameter values, running on the embedded store or a server, formatting.

A parameter value given on the command line may be an IRI (``<https://...>`` or ``https://...``), a CURIE
(``svc:Plan``) or a label (``"Design and transition"``, matched case-insensitively against ``rdfs:label``
and ``skos:altLabel``). Labels are matched in Python against the entities of the parameter's type, fetched
by the internal query ``queries/internal/entities.rq``: the user's text never enters a query. The resolved
value is bound as an RDF term in a ``VALUES`` block (:func:`svco.sparql.bind_values`).

>>> from svco.store import Store
>>> store = Store()
>>> store.load_reference()
>>> results = run(StoreBackend(store), find_query("flows-between"), {"from": "plan", "to": "Design & Transition"})
>>> sorted(row["artifactLabel"].value for row in results.rows)[0]
'Architectures and policies'
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from svco._callable import make_callable
from svco.catalog import NamedQuery, Param, find_query, parse_query_file
from svco.errors import QueryError, UsageError
from svco.resources import NAMESPACE, queries_dir
from svco.store import PREFIXES, Store, curie

Term = ox.NamedNode | ox.Literal | ox.BlankNode

#: Parameter types whose values are entities, and the class those entities belong to.
ENTITY_TYPES: dict[str, str] = {
    "activity": NAMESPACE + "ValueChainActivity",
    "practice": NAMESPACE + "Practice",
    "artifact": NAMESPACE + "ArtifactType",
    "flow": NAMESPACE + "Flow",
    "stream": NAMESPACE + "ValueStream",
    "step": NAMESPACE + "ValueStreamStep",
    "organization": NAMESPACE + "Organization",
}
#: Parameter types whose values are literals, and their datatype.
LITERAL_TYPES: dict[str, str] = {
    "string": "http://www.w3.org/2001/XMLSchema#string",
    "integer": "http://www.w3.org/2001/XMLSchema#integer",
    "decimal": "http://www.w3.org/2001/XMLSchema#decimal",
    "boolean": "http://www.w3.org/2001/XMLSchema#boolean",
    "date": "http://www.w3.org/2001/XMLSchema#date",
    "duration": "http://www.w3.org/2001/XMLSchema#duration",
}
#: Output formats of :func:`format_results`.
FORMATS = ("table", "csv", "json", "markdown")

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_CURIE = re.compile(r"^(?P<prefix>[A-Za-z][\w.-]*)?:(?P<local>[\w.-]*)$")


@dataclass
class Results:
    """The answer to a query: SELECT rows (variable name to RDF term, unbound left out), an ASK boolean,
    or the Turtle text of a CONSTRUCT/DESCRIBE graph."""

    variables: list[str] = field(default_factory=list)
    rows: list[dict[str, Term]] = field(default_factory=list)
    boolean: bool | None = None
    graph: str | None = None


class Backend(Protocol):
    """Where queries run: the embedded store or a SPARQL server (:class:`svco.remote.Endpoint`)."""

    def run(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Results:
        """Run ``sparql`` with ``bindings`` bound as RDF terms."""
        ...


class StoreBackend:
    """Queries on an embedded :class:`~svco.store.Store` (the union of its graphs)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def prefixes(self) -> dict[str, str]:
        """The prefixes a CURIE may use here: the loaded models' own and svco's."""
        return self.store.all_prefixes

    def run(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Results:
        """Run ``sparql`` on the store; :class:`UsageError` (exit 2) pointing into the text if it is not valid
        SPARQL, :class:`QueryError` (exit 1) if the engine fails on it."""
        try:
            answer = self.store.query(sparql, bindings)
        except SyntaxError as exc:
            raise syntax_error(exc, sparql) from None
        except OSError as exc:
            raise QueryError(f"the query failed: {_first_line(exc)}") from None
        if isinstance(answer, ox.QuerySolutions):
            names = [v.value for v in answer.variables]
            rows = [{n: s[n] for n in names if s[n] is not None} for s in answer]
            return Results(variables=names, rows=rows)
        if isinstance(answer, ox.QueryBoolean):
            return Results(boolean=bool(answer))
        text = ox.serialize(answer, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
        return Results(graph=(text or b"").decode("utf-8"))


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or ["unknown error"])[0]


#: svco's prefixes, declared on the first line of an ad hoc query (so that its line numbers stay the user's).
_DECLARED = "".join(f"PREFIX {p}: <{ns}> " for p, ns in PREFIXES.items())
_POSITION = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)


def syntax_error(exc: SyntaxError, sparql: str) -> UsageError:
    """A usage error for a query the parser rejected: line and column in the user's own text, the text just
    before the place, and the problem in words instead of the parser's list of expected tokens."""
    match = _POSITION.search(str(exc))
    if not match:
        return UsageError(f"the query is not valid SPARQL: {_first_line(exc)}")
    line, column, detail = int(match[1]), int(match[2]), match[3]
    lines = sparql.splitlines() or [""]
    text = lines[min(line, len(lines)) - 1]
    if line == 1 and text.startswith(_DECLARED):
        text, column = text[len(_DECLARED) :], max(1, column - len(_DECLARED))
    problem = "the parser cannot go on from here"
    hint = "check the SPARQL syntax just before this place (a missing term, bracket or dot)"
    if "Prefix not found" in detail:
        used = re.findall(r"(?<![\w<?$])([A-Za-z][\w.-]*):", text[: column + 1])
        name = used[-1] if used else ""
        problem = f"the prefix {name + ':' if name else 'used here'} is not declared"
        hint = f"add PREFIX {name}: <...> (svco declares {', '.join(p + ':' for p in PREFIXES)} and the models' own)"
    before = text[: column - 1].strip()
    where = f" (after {('...' + before[-40:]) if len(before) > 40 else before!r})" if before else ""
    return UsageError(f"the query is not valid SPARQL at line {line}, column {column}{where}: {problem}", hint=hint)


# ---------------------------------------------------------------------------------------------- queries
def query_from_text(sparql: str) -> NamedQuery:
    """An ad hoc query (``--sparql``), with the standard prefixes declared (on its first line, so that line
    numbers in errors are the user's) so that it runs on any server."""
    return NamedQuery(
        name="sparql", path=Path("<--sparql>"), text=_DECLARED + sparql, title="ad hoc query", description=""
    )


def load_query(name_or_path: str) -> NamedQuery:
    """A catalog query by name or a ``.rq`` file by path (see :func:`svco.catalog.find_query`)."""
    return find_query(name_or_path)


def internal_query(name: str) -> NamedQuery:
    """One of svco's own lookups, ``queries/internal/NAME.rq``."""
    return parse_query_file(queries_dir() / "internal" / f"{name}.rq")


def parse_param_options(options: Sequence[str]) -> dict[str, str]:
    """``["KEY=VALUE", ...]`` to a dict; :class:`UsageError` for an option without ``=``."""
    params: dict[str, str] = {}
    for option in options:
        key, sep, value = option.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--param {option!r} is not KEY=VALUE", hint="write --param activity=svc:Plan")
        params[key.strip()] = value.strip()
    return params


# ------------------------------------------------------------------------------------- parameter values
def expand_curie(value: str, prefixes: Mapping[str, str] = PREFIXES) -> str | None:
    """The IRI a CURIE with a known prefix stands for (``svc:Plan``, or ``ex:X`` with the model's ``ex:``),
    else None.

    >>> expand_curie("ex:RestorePayroll", {"ex": "https://example.org/acme#"})
    'https://example.org/acme#RestorePayroll'
    """
    match = _CURIE.match(value)
    if match and (match["prefix"] or "") in prefixes:
        return prefixes[match["prefix"] or ""] + match["local"]
    return None


def _as_iri(value: str, prefixes: Mapping[str, str] = PREFIXES) -> str | None:
    """The IRI written as ``<...>``, a CURIE or an absolute IRI, else None (it is a label)."""
    if value.startswith("<") and value.endswith(">"):
        return value[1:-1]
    expanded = expand_curie(value, prefixes)
    if expanded is not None:
        return expanded
    if _SCHEME.match(value) and " " not in value:
        return value
    return None


def _named_node(iri: str, param: Param) -> ox.NamedNode:
    try:
        return ox.NamedNode(iri)
    except ValueError:
        raise UsageError(f"--param {param.name}: {iri!r} is not a valid IRI") from None


def resolve_value(backend: Backend, param: Param, value: str) -> Term:
    """The RDF term ``value`` names for ``param``: a literal of the parameter's datatype, or an entity of its
    type given as IRI, CURIE or label. :class:`UsageError` (exit 2), listing close matches, if there is none.
    """
    kind = param.type.lower()
    if kind in LITERAL_TYPES:
        datatype = LITERAL_TYPES[kind]
        if datatype.endswith("#string"):
            return ox.Literal(value)
        literal = ox.Literal(value, datatype=ox.NamedNode(datatype))
        return literal
    prefixes = getattr(backend, "prefixes", PREFIXES)
    iri = _as_iri(value, prefixes)
    type_iri = ENTITY_TYPES.get(kind)
    if type_iri is None:  # an IRI of any kind: only IRIs and CURIEs, labels would be guesses
        if iri is None:
            raise UsageError(
                f"--param {param.name}: {value!r} is not an IRI or a CURIE",
                hint="write <https://...> or a CURIE such as svc:Plan",
            )
        return _named_node(iri, param)
    candidates = backend.run(internal_query("entities").text, {"type": ox.NamedNode(type_iri)}).rows
    entities = {row["entity"].value for row in candidates if isinstance(row.get("entity"), ox.NamedNode)}
    labels: dict[str, set[str]] = {}
    for row in candidates:
        if isinstance(row.get("entity"), ox.NamedNode) and "label" in row:
            labels.setdefault(row["label"].value.strip().casefold(), set()).add(row["entity"].value)
    if iri is not None:
        if iri in entities:
            return _named_node(iri, param)
        names = sorted(curie(e, prefixes) for e in entities)
        close = difflib.get_close_matches(curie(iri, prefixes), names, n=5, cutoff=0.6)
        raise UsageError(
            f"--param {param.name}: {value!r} is not {_a(kind)} in the loaded data",
            hint=f"did you mean {', '.join(close)}?" if close else _listing_hint(kind, entities),
        )
    wanted = value.strip().casefold()
    found = labels.get(wanted)
    if not found:  # the local name, svc:DesignAndTransition as "DesignAndTransition"
        found = {e for e in entities if re.split(r"[#/]", e)[-1].casefold() == wanted}
    if len(found) == 1:
        return _named_node(next(iter(found)), param)
    if len(found) > 1:
        raise UsageError(
            f"--param {param.name}: the label {value!r} names {len(found)} {_plural(kind)}",
            hint="give one of them as an IRI or CURIE: " + ", ".join(sorted(curie(e, prefixes) for e in found)),
        )
    originals = {row["label"].value.strip().casefold(): row["label"].value for row in candidates if "label" in row}
    close = difflib.get_close_matches(wanted, list(originals), n=5, cutoff=0.5)
    hint = (
        "did you mean " + ", ".join(repr(originals[c]) for c in close) + "?"
        if close
        else f"no {kind} is loaded"
        if not entities
        else f"there {'is' if len(entities) == 1 else 'are'} {_count(len(entities), kind)}; none is labelled so; "
        + _listing_hint(kind, entities)
    )
    raise UsageError(f"--param {param.name}: no {kind} is labelled {value!r}", hint=hint)


#: The catalog query that lists the entities of each parameter type, named in hints.
_LISTING = {"stream": "value-stream-steps", "practice": "practice-usage", "activity": "activity-coverage",
            "flow": "flows-between", "step": "value-stream-steps"}  # fmt: skip


def _a(noun: str) -> str:
    """``an activity``, ``a stream``."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def _plural(noun: str) -> str:
    """``activities``, ``streams``."""
    return noun[:-1] + "ies" if noun.endswith("y") and noun[-2:-1] not in "aeiou" else noun + "s"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun if n == 1 else _plural(noun)}"


def _listing_hint(kind: str, entities: set[str]) -> str:
    """Where to see the entities of a kind: a catalog query that lists them, or the first few."""
    if kind in _LISTING:
        return f"run `svco query {_LISTING[kind]} MODEL...` to list the {_plural(kind)}"
    shown = ", ".join(sorted(curie(e) for e in entities)[:8])
    return f"the loaded {_plural(kind)}: {shown}" if shown else f"no {kind} is loaded"


def resolve_params(backend: Backend, query: NamedQuery, given: Mapping[str, str]) -> dict[str, Term]:
    """The bindings for a run: each given value (or the header's default) resolved to an RDF term.

    A parameter with no value and no default stays unbound: the query then covers every such entity.
    """
    for name in given:
        query.param(name)  # UsageError for a parameter the query does not declare
    bindings: dict[str, Term] = {}
    for param in query.params:
        value = given.get(param.name, param.default)
        if value is not None:
            bindings[param.name] = resolve_value(backend, param, value)
    return bindings


def run(backend: Backend, query: NamedQuery, params: Mapping[str, str] | None = None) -> Results:
    """Resolve ``params`` and run ``query`` on ``backend``."""
    bindings = resolve_params(backend, query, params or {})
    for name in bindings:
        if not re.search(rf"\?{re.escape(name)}\b", query.text):
            raise QueryError(f"query {query.name!r} declares parameter {name!r} but never uses ?{name}")
    return backend.run(query.text, bindings)


# -------------------------------------------------------------------------------------------- formatting
def term_to_json(term: Term) -> dict[str, str]:
    """One RDF term in SPARQL 1.1 Query Results JSON."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != LITERAL_TYPES["string"]:
        out["datatype"] = term.datatype.value
    return out


def _display(term: Term | None, prefixes: Mapping[str, str] | None = None) -> str:
    """A term as people read it: a CURIE where a known prefix fits, a literal's text."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        short = curie(term.value, prefixes)
        return short if not short.startswith("<") else term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def format_results(
    results: Results,
    fmt: str,
    *,
    width: int | None = None,
    rich: bool = False,
    prefixes: Mapping[str, str] | None = None,
    secondary: Sequence[str] = (),
) -> str:
    """``results`` as ``table``, ``csv`` (SPARQL 1.1 CSV), ``json`` (SPARQL 1.1 results JSON) or ``markdown``;
    a graph result is Turtle whatever the format.

    Tables and markdown show IRIs as CURIEs with ``prefixes`` (the models' own and svco's). A ``table`` leaves
    out the ``secondary`` columns (a query's ``# secondary:`` header: IRIs beside their labels) while at least
    one other column remains; ``csv`` and ``json`` keep every column. ``rich`` draws the table with rich,
    wrapping cells to fit ``width`` (for a terminal); otherwise it is plain aligned text, which is about 4x
    faster to produce for a few hundred rows and reads the same in a file or a pipe.
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}", hint=f"use one of: {', '.join(FORMATS)}")
    if results.graph is not None:
        return results.graph
    if fmt == "json":
        if results.boolean is not None:
            return json.dumps({"head": {}, "boolean": results.boolean}, indent=2) + "\n"
        bindings = [{k: term_to_json(v) for k, v in row.items()} for row in results.rows]
        return json.dumps({"head": {"vars": results.variables}, "results": {"bindings": bindings}}, indent=2) + "\n"
    if results.boolean is not None:
        return ("true" if results.boolean else "false") + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(results.variables)
        for row in results.rows:
            writer.writerow([_csv_value(row.get(v)) for v in results.variables])
        return buffer.getvalue()
    shown = list(results.variables)
    if fmt == "table" and any(v not in secondary for v in shown):
        shown = [v for v in shown if v not in secondary]
    cells = [[_display(row.get(v), prefixes) for v in shown] for row in results.rows]
    if fmt == "markdown":
        lines = ["| " + " | ".join(shown) + " |", "|" + "---|" * len(shown)]
        lines += ["| " + " | ".join(_markdown_cell(c) for c in row) + " |" for row in cells]
        return "\n".join(lines) + "\n"
    caption = f"{len(results.rows)} row{'' if len(results.rows) == 1 else 's'}"
    if len(shown) < len(results.variables):
        caption += f" (not shown: {', '.join(v for v in results.variables if v not in shown)}; see --format csv)"
    if not rich:
        return _plain_table(shown, cells) + caption + "\n"
    from rich import box
    from rich.console import Console
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, caption=caption)
    for name in shown:
        table.add_column(name, overflow="fold")
    for row in cells:
        table.add_row(*row)
    buffer = io.StringIO()
    Console(file=buffer, width=width or 200, highlight=False, markup=False, emoji=False).print(table)
    return buffer.getvalue()


def _plain_table(variables: Sequence[str], cells: Sequence[Sequence[str]]) -> str:
    """An aligned text table: a header, a rule, one line a row (newlines in cells shown as spaces)."""
    cells = [[c.replace("\n", " ") for c in row] for row in cells]
    widths = [max([len(v), *(len(row[i]) for row in cells)]) for i, v in enumerate(variables)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(variables, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    return "\n".join(lines) + "\n"


def _csv_value(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _markdown_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def normalised(results: Results) -> list[tuple[tuple[str, str], ...]]:
    """The rows as sorted, comparable tuples, for checking that two engines agree: numbers compared by value
    (rounded to 6 places), the "; "-joined lists of GROUP_CONCAT compared as sets (their order is free)."""
    out = []
    for row in results.rows:
        cells = []
        for name in results.variables:
            term = row.get(name)
            cells.append((name, _normal_cell(term)))
        out.append(tuple(cells))
    return sorted(out)


_NUMERIC = {LITERAL_TYPES["integer"], LITERAL_TYPES["decimal"], "http://www.w3.org/2001/XMLSchema#double",
            "http://www.w3.org/2001/XMLSchema#float"}  # fmt: skip


def _normal_cell(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Literal) and term.datatype.value in _NUMERIC:
        return f"{round(float(term.value), 6):g}"
    if isinstance(term, ox.Literal) and "; " in term.value:
        return "; ".join(sorted(term.value.split("; ")))
    if isinstance(term, ox.Literal) and term.language:
        return f"{term.value}@{term.language.lower()}"
    return term.value


make_callable(__name__)  # svco.query(...) runs svco.api.query: see svco._callable
