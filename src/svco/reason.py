"""OWL reasoning with HermiT (through owlready2) over the vocabulary, the reference content and models.

The store's union graph is written as N-Triples (``owl:imports`` dropped: everything imported is already
merged in, and nothing is fetched from the network), loaded into a private owlready2 world and classified
by HermiT. Java must be on the PATH (or named by ``SVCO_JAVA``).

HermiT through owlready2 says *that* a model is inconsistent, not why. Two things then say why:

- an **explanation**: ``java/HermitExplain.java``, run against the HermiT jar owlready2 ships, finds one
  justification (a minimal set of axioms that already contradict each other) by QuickXplain, one HermiT
  consistency check a step; it is exact, but needs Java and may give up on very large models;
- a **diagnosis**: the SPARQL checks in ``svco/diagnosis/*.rq`` look in the store for the usual culprits
  (an individual in two disjoint classes, an eighth value chain activity, two values of a functional
  property, a literal outside its datatype range) and name them. They are fast and always run.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib.resources import files
from io import BytesIO
from pathlib import Path

import pyoxigraph as ox

from svco.errors import ReasonerError
from svco.jvm import java_executable, run_program
from svco.resources import NAMESPACE
from svco.store import PREFIXES, Store, curie

_OWL_IMPORTS = "http://www.w3.org/2002/07/owl#imports"
_MERGED_IRI = "https://w3id.org/svco/merged-for-reasoning"
_THING = "http://www.w3.org/2002/07/owl#Thing"
#: At most this many HermiT checks for one explanation (a justification of ~10 axioms takes ~100).
EXPLAIN_MAX_CHECKS = 3000
EXPLAIN_TIMEOUT = 300


@dataclass
class Finding:
    """One likely culprit named by a diagnosis check: the individual, what is wrong, the axioms behind it."""

    check: str
    focus: str
    message: str
    axioms: list[str] = field(default_factory=list)


@dataclass
class ReasoningReport:
    """What HermiT found: consistency, unsatisfiable classes, and types inferred for the models' individuals.

    When the ontology is inconsistent (or a class unsatisfiable), ``explanation`` (and
    ``unsatisfiable_explanations``) hold the axioms of one justification, and ``findings`` the diagnosis
    checks' culprits; ``notes`` says what could not be worked out.
    """

    consistent: bool
    unsatisfiable: list[str] = field(default_factory=list)
    inferred_types: dict[str, list[str]] = field(default_factory=dict)
    explanation: list[str] = field(default_factory=list)
    unsatisfiable_explanations: dict[str, list[str]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Consistent and with no unsatisfiable class."""
        return self.consistent and not self.unsatisfiable

    @property
    def individuals(self) -> list[str]:
        """The individuals outside svco's namespace that the explanation and the findings name."""
        found = {f.focus for f in self.findings}
        for axiom in self.explanation:
            found.update(re.findall(r"<([^<>\s]+)>", axiom))
        return sorted(i for i in found if not i.startswith(NAMESPACE) and not i.startswith("http://www.w3.org/"))

    def to_dict(self) -> dict:
        """The report as plain data (for ``--format json``)."""
        data = asdict(self)
        data["ok"] = self.ok
        data["individuals"] = self.individuals
        return data


def _ntriples_without_imports(store: Store) -> bytes:
    imports = ox.NamedNode(_OWL_IMPORTS)
    triples = (t for t in store.triples() if t.predicate != imports)
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)


def reason(store: Store, *, explain: bool = True) -> ReasoningReport:
    """Classify everything in ``store`` with HermiT and report consistency and unsatisfiable classes.

    With ``explain`` (the default), an inconsistent ontology or an unsatisfiable class is explained
    (:func:`explain`, needs Java; failures become ``notes``) and diagnosed (:func:`diagnose`).

    Raises :class:`ReasonerError` when the reasoner cannot run (no Java, a Java error).
    """
    import owlready2

    owlready2.JAVA_EXE = java_executable()
    ntriples = _ntriples_without_imports(store)
    world = owlready2.World()
    ontology = world.get_ontology(_MERGED_IRI).load(fileobj=BytesIO(ntriples), format="ntriples")
    asserted = {ind.iri: {c.iri for c in ind.is_a if hasattr(c, "iri")} for ind in ontology.individuals()}
    try:
        with ontology:
            owlready2.sync_reasoner_hermit(world, debug=0, ignore_unsupported_datatypes=True)
    except owlready2.OwlReadyInconsistentOntologyError:
        report = ReasoningReport(consistent=False)
        if explain:
            _add_explanations(report, ntriples, [])
            report.findings = diagnose(store)
        return report
    except owlready2.OwlReadyJavaError as exc:
        raise ReasonerError(f"HermiT failed: {str(exc).strip()[:2000]}") from None
    unsatisfiable = sorted(c.iri for c in world.inconsistent_classes() if hasattr(c, "iri"))
    inferred: dict[str, list[str]] = {}
    for ind in ontology.individuals():
        if ind.iri.startswith(NAMESPACE):  # reference content: its types are svco's own business
            continue
        now = {c.iri for c in ind.INDIRECT_is_a if hasattr(c, "iri")}
        new = sorted(now - asserted.get(ind.iri, set()) - {_THING})
        if new:
            inferred[ind.iri] = new
    report = ReasoningReport(consistent=True, unsatisfiable=unsatisfiable, inferred_types=inferred)
    if explain and unsatisfiable:
        _add_explanations(report, ntriples, unsatisfiable[:5])
    return report


def _add_explanations(report: ReasoningReport, ntriples: bytes, classes: list[str]) -> None:
    try:
        found = explain(ntriples, classes)
    except ReasonerError as exc:
        report.notes.append(f"no explanation: {exc.message}")
        return
    report.explanation = sorted(shorten(a) for a in found.get("inconsistency", []))
    report.unsatisfiable_explanations = {
        iri: sorted(shorten(a) for a in axioms) for iri, axioms in found.get("unsatisfiable", {}).items()
    }
    if not found.get("complete", True):
        report.notes.append(f"the explanation gave up after {found.get('checks')} HermiT checks (model too large)")


@cache
def hermit_jar() -> Path:
    """The HermiT jar that owlready2 ships (HermiT 1.3 with the OWL API 3 inside)."""
    import owlready2

    jar = Path(owlready2.__file__).parent / "hermit" / "HermiT.jar"
    if not jar.is_file():  # pragma: no cover - a broken owlready2 installation
        raise ReasonerError(f"owlready2's HermiT jar is missing ({jar})", hint="reinstall owlready2")
    return jar


def explain(ntriples: bytes, classes: list[str] | tuple[str, ...] = ()) -> dict:
    """One justification of the inconsistency of an N-Triples ontology (and, if consistent, of each
    unsatisfiable class in ``classes``), found by ``java/HermitExplain.java`` with HermiT.

    Returns ``{"consistent", "inconsistency": [axiom], "unsatisfiable": {class: [axiom]}, "checks",
    "complete"}``, axioms in Manchester syntax. Raises :class:`ReasonerError` when Java fails.
    """
    with tempfile.TemporaryDirectory(prefix="svco-explain-") as tmp:
        source = Path(tmp) / "merged.nt"
        source.write_bytes(ntriples)
        args = [str(source), *classes, "--max-checks", str(EXPLAIN_MAX_CHECKS)]
        return run_program(
            "HermitExplain", str(hermit_jar()), args, what="the explanation", timeout=EXPLAIN_TIMEOUT,
            require_success=True,
        )  # fmt: skip


def shorten(text: str) -> str:
    """Replace every ``<IRI>`` in ``text`` by its CURIE where svco has a prefix for it."""
    return re.sub(r"<([^<>\s]+)>", lambda m: curie(m.group(1)), text)


# ---------------------------------------------------------------------------------------------- diagnosis
@dataclass(frozen=True)
class DiagnosisCheck:
    """A SPARQL check from ``svco/diagnosis/``: its query, and the templates of its message and axioms."""

    name: str
    title: str
    text: str
    message: str
    axioms: tuple[str, ...]


@cache
def diagnosis_checks() -> tuple[DiagnosisCheck, ...]:
    """The diagnosis checks shipped in ``svco/diagnosis/*.rq`` (header: title, message, axiom lines)."""
    checks = []
    folder = files("svco") / "diagnosis"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".rq"):
            continue
        text = entry.read_text(encoding="utf-8")
        meta: dict[str, list[str]] = {}
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            key, _, value = line.lstrip("# ").partition(":")
            meta.setdefault(key.strip(), []).append(value.strip())
        checks.append(
            DiagnosisCheck(
                name=entry.name[:-3],
                title=meta.get("title", [entry.name])[0],
                text=text,
                message=meta["message"][0],
                axioms=tuple(meta.get("axiom", [])),
            )
        )
    return tuple(checks)


def _term_text(term: ox.NamedNode | ox.Literal | ox.BlankNode) -> str:
    if isinstance(term, ox.NamedNode):
        return curie(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return f'"{term.value}"@{term.language}'
        if term.datatype.value == PREFIXES["xsd"] + "string":
            return f'"{term.value}"'
        return f'"{term.value}"^^{curie(term.datatype.value)}'
    return f"_:{term.value}"


def _fill(template: str, values: dict[str, str]) -> str:
    return shorten(re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), "?"), template))


def diagnose(store: Store) -> list[Finding]:
    """Run the diagnosis checks over ``store`` and return the likely culprits of an inconsistency.

    Raises nothing for a check that fails to run: it is skipped (the diagnosis is a best effort).
    """
    findings: list[Finding] = []
    for check in diagnosis_checks():
        try:
            rows = store.rows(check.text)
        except (OSError, SyntaxError, ValueError):  # pragma: no cover - a broken check must not hide the rest
            continue
        for row in rows:
            values = {name: _term_text(term) for name, term in row.items()}
            values.update({n: t.value for n, t in row.items() if n.startswith("why")})
            if "members" in row:
                values["members"] = " ".join(sorted(curie(m) for m in row["members"].value.split()))
            focus = row["focus"].value
            findings.append(
                Finding(
                    check=check.name,
                    focus=focus,
                    message=_fill(check.message, values),
                    axioms=[_fill(a, values) for a in check.axioms],
                )
            )
    return findings
