"""One merged ontology file for tools without catalog support (``svco export``).

The vocabulary, the reference content and, optionally, organisation models are merged into one file with
one ``owl:Ontology`` header (``https://w3id.org/svco``, its version IRI kept); the ``owl:imports`` between
the merged parts and the other parts' ontology headers are dropped, so nothing is left to resolve.

Turtle and RDF/XML are written by Oxigraph (no Java needed). OWL/XML (``owx``) is written by the OWL API 5
(``java/OwlConvert.java``, the library Protégé saves with): owlready2 cannot write OWL/XML, and the OWL API
is the reference implementation of that syntax. Every format is written atomically.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from svco.errors import UsageError
from svco.resources import ONTOLOGY_IRI
from svco.store import PREFIXES, Store

#: The formats ``svco export`` writes, and the file extension each is usually given.
FORMATS = {"ttl": ".ttl", "rdfxml": ".owl", "owx": ".owx"}

_RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
_OWL_ONTOLOGY = ox.NamedNode(PREFIXES["owl"] + "Ontology")
_OWL_IMPORTS = ox.NamedNode(PREFIXES["owl"] + "imports")
_RDFS_COMMENT = ox.NamedNode(PREFIXES["rdfs"] + "comment")
_HEADER = ox.NamedNode(ONTOLOGY_IRI)


def merged_triples(store: Store) -> list[ox.Triple]:
    """The union of ``store``'s graphs as one ontology: one header, no ``owl:imports``, no duplicates.

    >>> store = Store()
    >>> store.load_reference()
    >>> triples = merged_triples(store)
    >>> sum(1 for t in triples if t.predicate == _RDF_TYPE and t.object == _OWL_ONTOLOGY)
    1
    """
    headers = {t.subject for t in store.triples() if t.predicate == _RDF_TYPE and t.object == _OWL_ONTOLOGY}
    dropped = headers - {_HEADER}
    merged: dict[ox.Triple, None] = {}
    for t in store.written_literals().restore(store.triples()):  # literals as written (svco.written)
        if t.predicate == _OWL_IMPORTS or t.subject in dropped:
            continue
        if t.subject == _HEADER and t.predicate == _RDFS_COMMENT:
            continue
        merged[t] = None
    models = len(store.sources)
    parts = "the svco vocabulary and its reference content (https://w3id.org/svco/reference)"
    if models:
        parts += f" and {models} organisation model file{'s' if models != 1 else ''}"
    comment = (
        f"Merged by `svco export`: {parts} in one file, with the owl:imports between them dropped, "
        "for tools without import catalog support. The sources are the Turtle files of svco."
    )
    merged[ox.Triple(_HEADER, _RDFS_COMMENT, ox.Literal(comment, language="en"))] = None
    if _HEADER not in headers:  # pragma: no cover - the vocabulary is always loaded
        merged[ox.Triple(_HEADER, _RDF_TYPE, _OWL_ONTOLOGY)] = None
    return sorted(merged, key=lambda t: t.subject != _HEADER)  # the header first (a stable sort)


def export(
    destination: Path | str,
    fmt: str = "ttl",
    models: Iterable[Path | str] = (),
    *,
    input_format: str | None = None,
    store: Store | None = None,
) -> int:
    """Write vocabulary + reference (+ ``models``) as one merged file at ``destination``, atomically.

    ``store``, if given, is used as it is (it must hold the reference); otherwise a new in-memory store is
    filled. Returns the number of triples written (for ``owx``: of the merged graph converted).

    Raises :class:`UsageError` for an unknown format, :class:`InputError` for a model that cannot be read,
    :class:`ReasonerError` when the OWL API (needed for ``owx``) cannot run.
    """
    from svco.output import atomic_write_bytes

    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}", hint=f"use one of: {', '.join(FORMATS)}")
    destination = Path(destination)
    if store is None:
        store = Store()
        store.load_reference()
        models = list(models)
        if models:
            store.load(models, input_format=input_format)
    triples = merged_triples(store)
    if fmt == "ttl":
        atomic_write_bytes(destination, ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES))
    elif fmt == "rdfxml":
        atomic_write_bytes(destination, ox.serialize(triples, format=ox.RdfFormat.RDF_XML, prefixes=PREFIXES))
    else:
        from svco.owlapi import convert

        with tempfile.TemporaryDirectory(prefix="svco-export-") as tmp:
            source = Path(tmp) / "merged.nt"
            source.write_bytes(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
            converted = Path(tmp) / "merged.owx"
            convert(source, converted, "owx")
            atomic_write_bytes(destination, converted.read_bytes())
    return len(triples)


def write_merged_ntriples(store: Store, destination: Path) -> None:
    """Write the merged ontology of ``store`` as N-Triples (for the OWL API checks); not atomic."""
    destination.write_bytes(ox.serialize(merged_triples(store), format=ox.RdfFormat.N_TRIPLES))
