"""OWL reasoning with HermiT (through owlready2) over the vocabulary, the reference content and models.

The store's union graph is written as N-Triples (``owl:imports`` dropped: everything imported is already
merged in, and nothing is fetched from the network), loaded into a private owlready2 world and classified
by HermiT. Java must be on the PATH (or named by ``SVCO_JAVA``).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from io import BytesIO

import pyoxigraph as ox

from svco.errors import ReasonerError
from svco.resources import NAMESPACE
from svco.store import Store

_OWL_IMPORTS = "http://www.w3.org/2002/07/owl#imports"
_MERGED_IRI = "https://w3id.org/svco/merged-for-reasoning"


@dataclass
class ReasoningReport:
    """What HermiT found: consistency, unsatisfiable classes, and types inferred for the models' individuals."""

    consistent: bool
    unsatisfiable: list[str] = field(default_factory=list)
    inferred_types: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Consistent and with no unsatisfiable class."""
        return self.consistent and not self.unsatisfiable


def java_executable() -> str:
    """The ``java`` to run HermiT with; :class:`ReasonerError` if there is none."""
    java = os.environ.get("SVCO_JAVA") or shutil.which("java")
    if not java:
        raise ReasonerError(
            "no Java runtime found: HermiT needs one",
            hint="install one (Debian: apt-get install default-jre-headless) or set SVCO_JAVA",
        )
    return java


def _ntriples_without_imports(store: Store) -> bytes:
    imports = ox.NamedNode(_OWL_IMPORTS)
    triples = (t for t in store.triples() if t.predicate != imports)
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)


def reason(store: Store) -> ReasoningReport:
    """Classify everything in ``store`` with HermiT and report consistency and unsatisfiable classes.

    Raises :class:`ReasonerError` when the reasoner cannot run (no Java, a Java error).
    """
    import owlready2

    owlready2.JAVA_EXE = java_executable()
    world = owlready2.World()
    ontology = world.get_ontology(_MERGED_IRI).load(
        fileobj=BytesIO(_ntriples_without_imports(store)), format="ntriples"
    )
    asserted = {ind.iri: {c.iri for c in ind.is_a if hasattr(c, "iri")} for ind in ontology.individuals()}
    try:
        with ontology:
            owlready2.sync_reasoner_hermit(world, debug=0, ignore_unsupported_datatypes=True)
    except owlready2.OwlReadyInconsistentOntologyError:
        return ReasoningReport(consistent=False)
    except owlready2.OwlReadyJavaError as exc:
        raise ReasonerError(f"HermiT failed: {str(exc).strip()[:2000]}") from None
    unsatisfiable = sorted(c.iri for c in world.inconsistent_classes() if hasattr(c, "iri"))
    inferred: dict[str, list[str]] = {}
    for ind in ontology.individuals():
        if ind.iri.startswith(NAMESPACE):  # reference content: its types are svco's own business
            continue
        now = {c.iri for c in ind.INDIRECT_is_a if hasattr(c, "iri")}
        new = sorted(now - asserted.get(ind.iri, set()) - {"http://www.w3.org/2002/07/owl#Thing"})
        if new:
            inferred[ind.iri] = new
    return ReasoningReport(consistent=True, unsatisfiable=unsatisfiable, inferred_types=inferred)
