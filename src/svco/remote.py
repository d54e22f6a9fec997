"""SPARQL 1.1 servers: running queries (SPARQLWrapper) and loading the ontology and models into them.

Queries go to a SPARQL 1.1 Query endpoint with the parameters already bound as RDF terms in a ``VALUES``
block, so the text that leaves svco is the same a local run uses. ``graphs`` become ``default-graph-uri``
parameters: the query's default graph is then the merge of those graphs, on any server. Without them the
server's own default graph is used, which on Virtuoso is the union of all graphs and on the Oxigraph server
is the union only when it runs with ``--union-default-graph`` (see README, "Queries and SPARQL servers").

Loading sends the svco vocabulary, the reference content and every model, either with the Graph Store
Protocol (an HTTP PUT a graph, replacing what was there, then POSTs past :data:`GSP_CHUNK` triples) or with
SPARQL 1.1 Update (``DROP SILENT GRAPH`` then ``INSERT DATA``): :func:`load_files` streams model files from
the parser (what ``svco load --endpoint`` does), :func:`load` the graphs of a local store. Without ``graph``
each source goes to the graph it has in the embedded store (the ontology IRIs, a model's ``file:`` URI);
with ``graph`` all of them go to that one graph, replaced as a whole.

Credentials come from the arguments or ``SVCO_ENDPOINT_USER`` / ``SVCO_ENDPOINT_PASSWORD``; ``auth`` is
``basic`` or ``digest`` (Virtuoso's ``/sparql-auth`` and ``/sparql-graph-crud-auth`` want digest).
Failures raise :class:`EndpointError` (exit 1): server down, timeout, refused, rejected query. ``timeout``
bounds each whole request (:func:`svco.deadline.call_with_deadline`), not each read from the socket.
"""

from __future__ import annotations

import math
import os
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from svco.deadline import call_with_deadline
from svco.errors import QueryError, UsageError
from svco.query import Results, Term, internal_query
from svco.sparql import bind_values

AUTH_METHODS = ("basic", "digest")
PROTOCOLS = ("gsp", "update")
#: The longest ``--timeout`` accepted, in seconds (a day): more is a typo, and overflows the socket layer.
MAX_TIMEOUT = 86400.0
USER_ENV = "SVCO_ENDPOINT_USER"
PASSWORD_ENV = "SVCO_ENDPOINT_PASSWORD"


class EndpointError(QueryError):
    """The server could not be reached, timed out, refused the credentials or rejected the request (exit 1)."""


@dataclass
class Endpoint:
    """A SPARQL 1.1 server at ``url`` (a query, update or graph store endpoint, depending on the use)."""

    url: str
    user: str | None = None
    password: str | None = None
    auth: str = "basic"
    timeout: float = 60.0
    graphs: Sequence[str] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        try:
            parsed = urllib.parse.urlparse(self.url)
            parsed.port  # noqa: B018 - parsing the port is what checks it
        except ValueError as exc:
            raise UsageError(
                f"--endpoint {self.url!r} is not a valid URL: {exc}", hint="e.g. http://127.0.0.1:7878/query"
            ) from None
        if not (
            isinstance(self.timeout, int | float) and math.isfinite(self.timeout) and 0 < self.timeout <= MAX_TIMEOUT
        ):
            raise UsageError(
                f"--timeout {self.timeout!r} is not a number of seconds",
                hint=f"give a number from 0 to {MAX_TIMEOUT:g}",
            )
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise UsageError(f"--endpoint {self.url!r} is not an http(s) URL", hint="e.g. http://127.0.0.1:7878/query")
        if self.auth not in AUTH_METHODS:
            raise UsageError(f"unknown authentication {self.auth!r}", hint=f"use one of: {', '.join(AUTH_METHODS)}")
        self.user = self.user or os.environ.get(USER_ENV) or None
        self.password = self.password if self.password is not None else os.environ.get(PASSWORD_ENV)
        if self.user and self.password is None:
            raise UsageError("a user is given but no password", hint=f"use --password or {PASSWORD_ENV}")
        for graph in self.graphs:
            _check_iri(graph, "--graph")

    # ------------------------------------------------------------------------------------------ queries
    def _wrapper(self):
        from SPARQLWrapper import DIGEST, JSON, POST, SPARQLWrapper

        wrapper = SPARQLWrapper(self.url, returnFormat=JSON)
        wrapper.setMethod(POST)
        wrapper.setTimeout(int(max(1, round(self.timeout))))
        if self.user:
            wrapper.setCredentials(self.user, self.password)
            if self.auth == "digest":
                wrapper.setHTTPAuth(DIGEST)
        return wrapper

    def run(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Results:
        """Run a query on the server with ``bindings`` bound as RDF terms; SELECT, ASK, CONSTRUCT, DESCRIBE."""
        from SPARQLWrapper import JSON, TURTLE

        text = sparql
        # one single-variable VALUES block a parameter: Virtuoso 7.2 fails on some multi-variable ones
        for name, term in reversed(list((bindings or {}).items())):
            text = bind_values(text, {name: term})
        wrapper = self._wrapper()
        wrapper.setQuery(_without_header(text))
        for graph in self.graphs:
            wrapper.addDefaultGraph(graph)
        graph_query = wrapper.queryType in ("CONSTRUCT", "DESCRIBE")
        wrapper.setReturnFormat(TURTLE if graph_query else JSON)
        body = self._send(wrapper)
        if graph_query:
            return Results(graph=body.decode("utf-8") if isinstance(body, bytes) else str(body))
        try:
            results = parse_results_json(body)
            if (wrapper.queryType == "ASK") != (results.boolean is not None):
                raise ValueError(f"a {'table' if results.boolean is None else 'boolean'} for a {wrapper.queryType}")
            return results
        except ValueError as exc:
            raise EndpointError(f"{self.url} did not answer with valid SPARQL results JSON: {_clip(exc)}") from None

    def update(self, sparql: str) -> None:
        """Send a SPARQL 1.1 Update request."""
        wrapper = self._wrapper()
        wrapper.setQuery(_without_header(sparql))
        self._send(wrapper)

    def _send(self, wrapper) -> bytes:
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        try:
            return call_with_deadline(lambda: wrapper.query().response.read(), self.timeout)
        except SPARQLWrapperException as exc:
            raise EndpointError(f"{self.url} refused the request: {_clip(exc)}", hint=_hint(exc, self)) from None
        except urllib.error.HTTPError as exc:
            raise EndpointError(f"{self.url} answered HTTP {exc.code} {exc.reason}", hint=_hint(exc, self)) from None
        except (urllib.error.URLError, OSError) as exc:
            raise _unreachable(self, exc) from None

    # ------------------------------------------------------------------------------------ graph store
    def put_graph(self, graph: str, turtle: bytes, *, method: str = "PUT") -> None:
        """Replace ``graph`` on a Graph Store Protocol endpoint with ``turtle`` (HTTP PUT ``?graph=IRI``), or
        with ``method="POST"`` add ``turtle`` to it."""
        separator = "&" if "?" in self.url else "?"
        target = f"{self.url}{separator}{urllib.parse.urlencode({'graph': graph})}"
        request = urllib.request.Request(target, data=turtle, method=method)
        request.add_header("Content-Type", "text/turtle; charset=utf-8")
        handlers: list[urllib.request.BaseHandler] = []
        if self.user:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(None, self.url, self.user, self.password or "")
            handler = (
                urllib.request.HTTPDigestAuthHandler if self.auth == "digest" else urllib.request.HTTPBasicAuthHandler
            )
            handlers.append(handler(passwords))
            if self.auth == "digest":
                self._authorize_digest(request, handlers[0])
        opener = urllib.request.build_opener(*handlers)

        def send() -> None:
            with opener.open(request, timeout=self.timeout) as response:
                response.read()

        try:
            call_with_deadline(send, self.timeout)
        except urllib.error.HTTPError as exc:
            detail = exc.read(300).decode("utf-8", "replace").strip().splitlines()
            raise EndpointError(
                f"{self.url} answered HTTP {exc.code} {exc.reason}" + (f": {detail[0]}" if detail else ""),
                hint=_hint(exc, self),
            ) from None
        except (urllib.error.URLError, OSError) as exc:
            raise _unreachable(self, exc) from None

    def _authorize_digest(self, request: urllib.request.Request, handler) -> None:
        """Sign ``request`` with digest credentials before it is sent.

        urllib answers a digest challenge by sending the request again, but Virtuoso answers a large PUT
        without credentials with 401 and closes the connection while the body is still being sent
        ("connection reset"). So the challenge is fetched with a bodiless HEAD first."""
        probe = urllib.request.Request(request.full_url, method="HEAD")
        try:
            with urllib.request.urlopen(probe, timeout=self.timeout):
                return  # no credentials asked for
        except urllib.error.HTTPError as exc:
            challenge = exc.headers.get("WWW-Authenticate", "")
        except (urllib.error.URLError, OSError) as exc:
            raise _unreachable(self, exc) from None
        scheme, _, params = challenge.partition(" ")
        if scheme.lower() != "digest":
            return  # let urllib's handler deal with whatever the server asks for
        fields = urllib.request.parse_keqv_list(urllib.request.parse_http_list(params))
        authorization = handler.get_authorization(request, fields)
        if authorization:
            request.add_unredirected_header("Authorization", f"Digest {authorization}")


def _without_header(sparql: str) -> str:
    """The query without the comment lines of its prologue (the catalog header).

    SPARQLWrapper guesses the query form from the first keyword it finds, comments included, and its
    comment stripping misses every other line of a block: a header saying "loaded" made it send a SELECT
    as an update. The prologue holds no string literals, so dropping its comment lines is safe.
    """
    lines = sparql.splitlines(keepends=True)
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and not stripped.upper().startswith(("PREFIX", "BASE")):
            return "".join(x for x in lines[:i] if not x.strip().startswith("#")) + "".join(lines[i:])
    return sparql


def _check_iri(iri: str, option: str) -> None:
    try:
        ox.NamedNode(iri)
    except ValueError:
        raise UsageError(f"{option} {iri!r} is not a valid IRI") from None
    if ":" not in iri:
        raise UsageError(f"{option} {iri!r} is not an absolute IRI", hint="e.g. https://example.org/graphs/models")


def _clip(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= 300 else text[:297] + "..."


def _hint(exc: BaseException, endpoint: Endpoint) -> str | None:
    text = str(exc)
    code = getattr(exc, "code", None)
    if code == 401 or "Unauthorized" in type(exc).__name__ or "401" in text:
        if not endpoint.user:
            return f"the server wants credentials: --user/--password (or {USER_ENV}/{PASSWORD_ENV})"
        other = "digest" if endpoint.auth == "basic" else "basic"
        return f"check the user and password, or try --auth {other} (Virtuoso wants digest)"
    if "SQ200" in text and "No column" in text:
        return "Virtuoso's SPARQL compiler cannot take some typed literals (xsd:duration): use --protocol gsp"
    if code == 404 or "EndPointNotFound" in type(exc).__name__:
        return "check the endpoint URL (Oxigraph: /query, /update, /store; Virtuoso: /sparql, /sparql-auth)"
    return None


def _unreachable(endpoint: Endpoint, exc: BaseException) -> EndpointError:
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, socket.timeout | TimeoutError):
        return EndpointError(f"{endpoint.url} did not answer within {endpoint.timeout:g} s", hint="raise --timeout")
    return EndpointError(
        f"cannot reach {endpoint.url}: {_clip(reason)}", hint="check that the server is running and the URL"
    )


_TERMS = (ox.NamedNode, ox.BlankNode, ox.Literal)


def parse_results_json(body: bytes | str) -> Results:
    """SPARQL 1.1 Query Results JSON text to :class:`Results` (``ValueError`` if it is not that).

    Each term object becomes a pyoxigraph term as the JSON parser meets it (``object_hook``), so a large
    answer is never held as JSON objects as well: 65,000 rows took some 100 MB as dicts."""
    blank_nodes: dict[str, ox.BlankNode] = {}

    def term(obj: dict) -> object:
        # a term has string "type" and "value"; a binding's members are terms already, never strings
        if isinstance(obj.get("type"), str) and isinstance(obj.get("value"), str):
            return term_from_json(obj, blank_nodes)
        return obj

    import json

    return results_from_json(json.loads(body, object_hook=term), blank_nodes)


def results_from_json(doc: object, blank_nodes: dict[str, ox.BlankNode] | None = None) -> Results:
    """SPARQL 1.1 Query Results JSON (and Virtuoso's ``typed-literal``) to :class:`Results` of RDF terms;
    terms may have been made already (:func:`parse_results_json`).

    A document of any other shape (a server's error page, a truncated answer) raises ``ValueError``."""
    if not isinstance(doc, dict):
        raise ValueError(f"a JSON {type(doc).__name__} instead of an object")
    if "boolean" in doc:
        if not isinstance(doc["boolean"], bool):
            raise ValueError("'boolean' is not true or false")
        return Results(boolean=doc["boolean"])
    head, results = doc.get("head", {}), doc.get("results", {})
    variables = head.get("vars", []) if isinstance(head, dict) else None
    bindings = results.get("bindings", []) if isinstance(results, dict) else None
    if not isinstance(variables, list) or not isinstance(bindings, list):
        raise ValueError("no 'head.vars' list or no 'results.bindings' list")
    blank_nodes = blank_nodes if blank_nodes is not None else {}
    for binding in bindings:
        if not isinstance(binding, dict):
            raise ValueError(f"a binding is a JSON {type(binding).__name__}, not an object")
        for name, value in binding.items():
            if not isinstance(value, _TERMS):
                binding[name] = term_from_json(value, blank_nodes)
    return Results(variables=[str(v) for v in variables], rows=bindings)


def term_from_json(value: dict, blank_nodes: dict[str, ox.BlankNode] | None = None) -> Term:
    """One RDF term of SPARQL results JSON as a pyoxigraph term (``ValueError`` if it is not one)."""
    if not isinstance(value, dict) or not isinstance(value.get("value"), str):
        raise ValueError(f"{str(value)[:80]!r} is not an RDF term of SPARQL results JSON")
    kind = value.get("type")
    if kind == "uri":
        return ox.NamedNode(value["value"])
    if kind == "bnode":
        nodes = blank_nodes if blank_nodes is not None else {}
        return nodes.setdefault(value["value"], ox.BlankNode())
    language = value.get("xml:lang")
    if language:
        return ox.Literal(value["value"], language=str(language))
    if kind not in ("literal", "typed-literal"):
        raise ValueError(f"unknown RDF term type {kind!r}")
    datatype = value.get("datatype")
    if datatype and datatype != "http://www.w3.org/2001/XMLSchema#string":
        return ox.Literal(value["value"], datatype=ox.NamedNode(str(datatype)))
    return ox.Literal(value["value"])


# ------------------------------------------------------------------------------------------------ loading
@dataclass(frozen=True)
class LoadedGraph:
    """One graph put on the server: its IRI and its size."""

    graph: str
    triples: int


UPDATE_CHUNK = 400  # triples a SPARQL Update request: Virtuoso 7.2 refuses templates that compile too big
#: Triples a Graph Store request: a larger graph is sent as one PUT and then POSTs. Virtuoso 7.2 loads 300k
#: triples in one PUT in 8 s, but never answered one of 1M triples (measured: no reply in 15 minutes).
GSP_CHUNK = 200_000


def update_chunks(triples: Sequence[ox.Triple], size: int = UPDATE_CHUNK) -> list[list[ox.Triple]]:
    """Split ``triples`` into requests of about ``size``, keeping the triples that share a blank node together
    (each request gets fresh blank nodes, so a blank node split across two would become two)."""
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for triple in triples:
        nodes = [t.value for t in (triple.subject, triple.object) if isinstance(t, ox.BlankNode)]
        for other in nodes[1:]:
            parent[find(other)] = find(nodes[0])
    groups: dict[object, list[ox.Triple]] = {}
    for index, triple in enumerate(triples):
        blank = next((t.value for t in (triple.subject, triple.object) if isinstance(t, ox.BlankNode)), None)
        groups.setdefault(find(blank) if blank is not None else index, []).append(triple)
    chunks: list[list[ox.Triple]] = []
    for with_blank_nodes in (False, True):  # apart, so that most requests can be INSERT DATA
        chunk: list[ox.Triple] = []
        for key, group in groups.items():
            if isinstance(key, int) == with_blank_nodes:
                continue
            if chunk and len(chunk) + len(group) > size:
                chunks.append(chunk)
                chunk = []
            chunk.extend(group)
        if chunk:
            chunks.append(chunk)
    return chunks


def _has_blank_node(triples: Sequence[ox.Triple]) -> bool:
    return any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples)


class _Sender:
    """Sends triples to their graphs on a server in requests of about ``size`` triples, as they come.

    The first request to a graph replaces it (a Graph Store PUT, or ``DROP SILENT GRAPH`` before the
    ``INSERT``s), each next one adds to it (POST, ``INSERT``). The triples with a blank node wait for
    :meth:`finish` and travel with every other triple of their blank nodes (:func:`update_chunks`): each
    request has blank nodes of its own, so one split across two would become two. The client so holds one
    request of triples a graph and the blank-node triples, never the whole model.
    """

    def __init__(self, endpoint: Endpoint, protocol: str) -> None:
        if protocol not in PROTOCOLS:
            raise UsageError(f"unknown protocol {protocol!r}", hint=f"use one of: {', '.join(PROTOCOLS)}")
        self.endpoint = endpoint
        self.protocol = protocol
        self.size = GSP_CHUNK if protocol == "gsp" else UPDATE_CHUNK
        self.counts: dict[str, int] = {}  # the graphs in the order first met, and the triples sent to each
        self.ground: dict[str, list[ox.Triple]] = {}
        self.with_blank_nodes: dict[str, list[ox.Triple]] = {}
        self.replaced: set[str] = set()

    def start(self, graph: str) -> None:
        """Have ``graph`` replaced even if no triple goes to it (it is then emptied)."""
        self.counts.setdefault(graph, 0)

    def add(self, graph: str, triple: ox.Triple) -> None:
        self.counts[graph] = self.counts.get(graph, 0) + 1
        if isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode):
            self.with_blank_nodes.setdefault(graph, []).append(triple)
            return
        waiting = self.ground.setdefault(graph, [])
        waiting.append(triple)
        if len(waiting) >= self.size:
            self._send(graph, waiting)
            self.ground[graph] = []

    def finish(self) -> list[LoadedGraph]:
        """Send what is left; each graph and the number of triples sent to it (a triple read twice counts
        twice: the server keeps one)."""
        for graph in self.counts:
            if self.ground.get(graph) or graph not in self.replaced:
                self._send(graph, self.ground.pop(graph, []))
            for chunk in update_chunks(self.with_blank_nodes.pop(graph, []), self.size):
                self._send(graph, chunk)
        return [LoadedGraph(graph, count) for graph, count in self.counts.items()]

    def _send(self, graph: str, triples: list[ox.Triple]) -> None:
        first = graph not in self.replaced
        self.replaced.add(graph)
        if self.protocol == "gsp":
            data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
            self.endpoint.put_graph(graph, data, method="PUT" if first else "POST")
            return
        # The data is N-Triples written by pyoxigraph and the graph an IRI it validated: no user text here.
        target = str(ox.NamedNode(graph))
        if first:
            self.endpoint.update(f"DROP SILENT GRAPH {target}")
        if not triples:
            return
        data = (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")
        if _has_blank_node(triples):  # Virtuoso refuses blank nodes in INSERT DATA
            self.endpoint.update(f"INSERT {{ GRAPH {target} {{\n{data}}} }} WHERE {{}}")
        else:  # and mangles some typed literals (xsd:duration) in INSERT templates
            self.endpoint.update(f"INSERT DATA {{ GRAPH {target} {{\n{data}}} }}")


def load(endpoint: Endpoint, store, *, graph: str | None = None, protocol: str = "gsp") -> list[LoadedGraph]:
    """Put the graphs of ``store`` (the reference ontology and models) on the server; see the module doc.

    With the Graph Store Protocol a graph is replaced by one request (PUT), or past :data:`GSP_CHUNK`
    triples by a PUT and then POSTs. With SPARQL Update it is dropped, then filled in requests of about
    :data:`UPDATE_CHUNK` triples: ``INSERT DATA``, or ``INSERT {...} WHERE {}`` for the triples with blank
    nodes, which Virtuoso refuses in ``INSERT DATA``. A failure half-way through a graph sent in parts
    leaves it half-loaded; loading again repairs it.
    """
    sender = _Sender(endpoint, protocol)
    if graph is not None:
        _check_iri(graph, "--graph")
    _add_store(sender, store, graph)
    return sender.finish()


def _add_store(sender: _Sender, store, graph: str | None) -> None:
    """Hand each graph of ``store`` to ``sender``: to its own graph, or all of them to ``graph``."""
    if graph is not None:
        sender.start(graph)
    query = internal_query("graph-triples").text
    for name in store.graphs():
        for triple in store.query(query, {"graph": ox.NamedNode(name)}):
            sender.add(graph or name, triple)


def load_files(
    endpoint: Endpoint,
    models: Sequence[Path],
    *,
    graph: str | None = None,
    protocol: str = "gsp",
    input_format: str | None = None,
) -> list[LoadedGraph]:
    """Put svco's vocabulary and reference content and ``models`` on the server, as :func:`load` does.

    The models are streamed from the parser to the server, so the client's memory stays flat however
    large they are. Each is parsed once before anything is sent (a syntax error names file and line and
    leaves the server as it was: about 3 s a million triples), then again as it is sent. Each file goes to
    its ``file:`` graph (a TriG or N-Quads file's named graphs to their own, a blank-node-named one to the
    file's), or with ``graph`` everything to that one graph.
    """
    from svco.sources import open_sources
    from svco.store import Store

    sender = _Sender(endpoint, protocol)
    if graph is not None:
        _check_iri(graph, "--graph")
    sources = open_sources(models, input_format)
    for source in sources:
        for _ in source.quads():
            pass
    reference = Store()
    reference.load_reference()
    _add_store(sender, reference, graph)
    for source in sources:
        for quad in source.quads():
            named = quad.graph_name
            sender.add(graph or (named.value if isinstance(named, ox.NamedNode) else source.graph), quad.triple)
    return sender.finish()
