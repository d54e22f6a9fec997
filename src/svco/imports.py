"""Resolving a model's ``owl:imports`` without surprising network access.

An import of svco itself (``https://w3id.org/svco``, ``.../reference``, versioned or not) is already loaded.
Any other import is looked up, in order: in a Protégé catalog (``catalog-v001.xml``) next to the model
that imports it; then, only with ``allow_network``, on the web (HTTP GET asking for Turtle or RDF/XML, with
a total deadline); a ``file:`` IRI only with ``allow_files`` (never with ``allow_network`` alone: a model must
not make svco read local files unasked). Other schemes are never fetched. What stays unresolved is returned,
for the report to name. Errors name the IRI and the problem, never the content that was fetched.
"""

from __future__ import annotations

import tempfile
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname
from xml.etree import ElementTree as ET

import pyoxigraph as ox

from svco.deadline import call_with_deadline
from svco.errors import InputError
from svco.store import Store

_OWL_IMPORTS = ox.NamedNode("http://www.w3.org/2002/07/owl#imports")
_SVCO = ("https://w3id.org/svco", "https://w3id.org/svco/reference")


def is_svco(iri: str) -> bool:
    """Whether an ontology IRI is svco's vocabulary or reference content (any version)."""
    return any(
        iri == base or (iri.startswith(base + "/") and iri[len(base) + 1 : len(base) + 2].isdigit()) for base in _SVCO
    )


def read_catalog(path: Path) -> dict[str, Path]:
    """The ``name -> file`` mappings of a Protégé/OASIS XML catalog."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise InputError(path, f"not a valid XML catalog: {exc}") from None
    mappings = {}
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] == "uri" and element.get("name") and element.get("uri"):
            mappings[element.get("name")] = (path.parent / element.get("uri")).resolve()
    return mappings


def resolve_imports(
    store: Store, *, allow_network: bool = False, allow_files: bool = False, timeout: float = 30.0
) -> list[str]:
    """Load what the loaded models import; return the import IRIs that could not be resolved."""
    catalogs: dict[str, Path] = {}
    for source in store.sources:
        catalog = source.path.parent / "catalog-v001.xml"
        if catalog.is_file():
            catalogs.update(read_catalog(catalog))
    done: set[str] = set()
    unresolved: list[str] = []
    while True:
        pending = sorted({q.object.value for q in store.oxigraph.quads_for_pattern(None, _OWL_IMPORTS, None)} - done)
        pending = [iri for iri in pending if not is_svco(iri)]
        if not pending:
            return unresolved
        for iri in pending:
            done.add(iri)
            if iri in catalogs:
                store.load([catalogs[iri]])
            elif iri.lower().startswith("file:") and allow_files:
                store.load([Path(url2pathname(unquote(urlparse(iri).path)))])
            elif iri.lower().startswith(("http://", "https://")) and allow_network:
                downloaded = _download(iri, timeout)
                try:
                    store.load([downloaded])
                finally:
                    downloaded.unlink(missing_ok=True)
            else:
                unresolved.append(iri)


class _HttpOnly(urllib.request.HTTPRedirectHandler):
    """Follows redirects to http(s) only: a server must not send svco to a ``file:`` or ``ftp:`` URL."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not newurl.lower().startswith(("http://", "https://")):
            raise urllib.error.HTTPError(newurl, code, "redirect to a non-HTTP URL refused", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _download(iri: str, timeout: float) -> Path:
    request = urllib.request.Request(iri, headers={"Accept": "text/turtle, application/rdf+xml;q=0.9"})

    def fetch() -> tuple[bytes, str]:
        opener = urllib.request.build_opener(_HttpOnly)
        with opener.open(request, timeout=timeout) as response:
            return response.read(), response.headers.get_content_type()

    try:
        data, kind = call_with_deadline(fetch, timeout)
    except OSError as exc:
        reason = getattr(exc, "reason", None) or getattr(exc, "strerror", None) or type(exc).__name__
        raise InputError(iri, f"cannot fetch the imported ontology: {reason}") from None
    suffix = ".ttl" if "turtle" in kind else ".rdf"
    with tempfile.NamedTemporaryFile("wb", suffix=suffix, delete=False) as handle:
        handle.write(data)
    return Path(handle.name)
