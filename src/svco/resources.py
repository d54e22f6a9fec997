"""Where the packaged data lives: ontology, shapes, queries and examples.

In an installed wheel the top-level ``ontology/``, ``shapes/``, ``queries/`` and ``examples/`` folders are
mapped to ``svco/data/...`` (hatchling ``force-include``). In an editable install from a checkout they are
not, so the repository layout is used instead: the data is never copied into ``src/``.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

ONTOLOGY_IRI = "https://w3id.org/svco"
REFERENCE_IRI = "https://w3id.org/svco/reference"
NAMESPACE = "https://w3id.org/svco#"


@cache
def data_root() -> Path:
    """The folder that holds ``ontology/``, ``shapes/``, ``queries/`` and ``examples/``."""
    packaged = Path(str(files("svco"))) / "data"
    if (packaged / "ontology").is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "ontology").is_dir():
        return checkout
    raise FileNotFoundError(f"svco data files are missing: neither {packaged} nor {checkout} has ontology/")


def ontology_file() -> Path:
    """The vocabulary, ``ontology/svco.ttl``."""
    return data_root() / "ontology" / "svco.ttl"


def reference_file() -> Path:
    """The reference content, ``ontology/reference.ttl``."""
    return data_root() / "ontology" / "reference.ttl"


def catalog_file() -> Path:
    """Protégé's import catalog, ``ontology/catalog-v001.xml``."""
    return data_root() / "ontology" / "catalog-v001.xml"


def shapes_dir() -> Path:
    """The SHACL shapes that validate organisation models (``shapes/``; ``shapes/meta/`` checks the ontology)."""
    return data_root() / "shapes"


def queries_dir() -> Path:
    """The named SPARQL query catalog, one ``.rq`` a query."""
    return data_root() / "queries"


def examples_dir() -> Path:
    """The example organisation models."""
    return data_root() / "examples"


def ontology_files() -> list[tuple[Path, str]]:
    """The ontology files with the graph each is loaded into: vocabulary and reference content."""
    return [(ontology_file(), ONTOLOGY_IRI), (reference_file(), REFERENCE_IRI)]
