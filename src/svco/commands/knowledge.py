"""Knowledge engineers' commands: `svco reason`, `svco export`, `svco diagram`, `svco docs`."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import click

from svco.commands.options import input_format_option, models_argument, open_store, store_option
from svco.errors import EXIT_NONCONFORMING, EXIT_OK


@click.command()
@models_argument
@store_option
@input_format_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--profile",
    is_flag=True,
    help="Also check the merged ontology (vocabulary, reference, MODELS) against OWL 2 DL with the OWL API.",
)
def reason(models: tuple[Path, ...], store_path: Path | None, input_format: str | None, fmt: str, profile: bool) -> int:
    """Check with the HermiT OWL reasoner that the ontology (and MODELS) are consistent.

    Reports unsatisfiable classes and the types inferred for the models' individuals. When the ontology
    is inconsistent it names the individuals and axioms involved: one minimal set of contradicting axioms
    (HermiT) and the likely culprits found by svco's diagnosis checks. Exit 1 if inconsistent, if a class
    is unsatisfiable, or (with --profile) if the ontology is outside OWL 2 DL.
    """
    from svco.reason import reason as run_reasoner
    from svco.store import curie

    store = open_store(store_path, models, input_format)
    from svco.progress import progress

    with progress("reasoning (HermiT)"):
        report = run_reasoner(store)
    profile_report = _profile(store) if profile else None
    in_profile = profile_report is None or (profile_report.loaded and profile_report.in_profile)
    code = EXIT_OK if report.ok and in_profile else EXIT_NONCONFORMING
    if fmt == "json":
        doc = report.to_dict()
        if profile_report is not None:
            doc["profile"] = {
                "profile": "OWL 2 DL",
                "loaded": profile_report.loaded,
                "in_profile": profile_report.in_profile,
                "axioms": profile_report.axioms,
                "violations": profile_report.violations,
                "error": profile_report.error,
            }
        click.echo(json.dumps(doc, indent=2))
        return code
    if not report.consistent:
        click.echo("inconsistent: the ontology and models contradict each other")
        if report.individuals:
            click.echo("individuals involved: " + ", ".join(curie(i) for i in report.individuals))
        if report.explanation:
            click.echo("why (HermiT: a minimal set of axioms that already contradict each other):")
            for axiom in report.explanation:
                click.echo(f"  {axiom}")
        if report.findings:
            click.echo("likely culprits (svco's diagnosis checks):")
            for finding in report.findings:
                click.echo(f"  {finding.message}")
                for axiom in finding.axioms:
                    click.echo(f"      {axiom}")
    for iri in report.unsatisfiable:
        click.echo(f"unsatisfiable class: {curie(iri)}")
        for axiom in report.unsatisfiable_explanations.get(iri, []):
            click.echo(f"  because {axiom}")
    for iri, types in sorted(report.inferred_types.items()):
        click.echo(f"inferred: {curie(iri)} a {', '.join(curie(t) for t in types)}")
    for note in report.notes:
        click.echo(f"note: {note}")
    if report.consistent:
        unsat = f", {len(report.unsatisfiable)} unsatisfiable classes" if report.unsatisfiable else ""
        click.echo("consistent" + unsat)
    if profile_report is not None:
        if not profile_report.loaded:
            click.echo(f"OWL 2 DL (OWL API): could not load the merged ontology: {profile_report.error}")
        elif profile_report.in_profile:
            click.echo(f"OWL 2 DL (OWL API): in profile ({profile_report.axioms} axioms)")
        else:
            click.echo(f"OWL 2 DL (OWL API): {len(profile_report.violations)} profile violations")
            for violation in profile_report.violations:
                click.echo(f"  {violation}")
    return code


def _profile(store):
    """The OWL API's OWL 2 DL check of the store's merged ontology."""
    from svco.export import write_merged_ntriples
    from svco.owlapi import check_profile

    with tempfile.TemporaryDirectory(prefix="svco-profile-") as tmp:
        merged = Path(tmp) / "merged.nt"
        write_merged_ntriples(store, merged)
        return check_profile(merged)


@click.command()
@click.argument("out", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["ttl", "rdfxml", "owx"]),
    default=None,
    help="Syntax of OUT: Turtle, RDF/XML or OWL/XML (owx, written by the OWL API). Default: from OUT's "
    "extension (.ttl, .owl/.rdf, .owx), else ttl.",
)
@click.option(
    "--with-models",
    "models",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Merge this model file or folder in too (repeatable).",
)
@input_format_option
def export(out: Path, fmt: str | None, models: tuple[Path, ...], input_format: str | None) -> int:
    """Write vocabulary + reference content (+ models) as ONE merged ontology file OUT, atomically.

    For tools without import catalog support: the owl:imports between the merged parts are dropped and
    only svco's owl:Ontology header is kept.
    """
    from svco.export import export as write

    if fmt is None:
        fmt = {".owl": "rdfxml", ".rdf": "rdfxml", ".xml": "rdfxml", ".owx": "owx"}.get(out.suffix.lower(), "ttl")
    count = write(out, fmt, models, input_format=input_format)
    click.echo(f"wrote {out} ({fmt}, {count} triples merged)", err=True)
    return EXIT_OK


@click.command()
@click.argument("args", nargs=-1, type=click.Path(path_type=Path), metavar="[STREAM] [MODEL]...")
@click.option("--stream", "stream_option", hidden=True, help="Deprecated: give STREAM as the first argument.")
@click.option("--format", "fmt", type=click.Choice(["mermaid", "dot", "svg"]), default="mermaid", show_default=True)
@click.option(
    "--detail", is_flag=True, help="The value chain with every artifact each activity hands over and its practices."
)
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False), help="Write here (atomically).")
@store_option
@input_format_option
def diagram(
    args: tuple[Path, ...],
    stream_option: str | None,
    fmt: str,
    detail: bool,
    output: Path | None,
    store_path: Path | None,
    input_format: str | None,
) -> int:
    """Draw the value chain, or the value stream STREAM of the MODELS, as Mermaid, DOT or SVG.

    STREAM may be an IRI, a CURIE (ex:Onboarding) or a label; an argument that is an existing file or
    folder is a MODEL, the first other one is STREAM. The value chain is an overview: the six activities,
    one arrow per pair that hand each other artifacts (how many), the external parties at the edge;
    --detail lists every artifact and practice. A value stream shows its steps by position (parallel
    steps side by side), the hand-offs, and the warnings in red.
    """
    from svco.diagram import render
    from svco.errors import UsageError
    from svco.output import atomic_write_bytes
    from svco.store import EXTENSIONS

    if stream_option is not None:
        click.echo("svco diagram: --stream is deprecated; give STREAM as the first argument", err=True)
    stream = stream_option
    models: list[Path] = []
    for arg in args:
        if stream is not None or arg.exists() or arg.suffix.lower() in EXTENSIONS:
            models.append(arg)
        else:
            stream = str(arg)
    if stream is not None and not models and store_path is None:
        raise UsageError(
            f"no model to find the value stream {stream!r} in (and no such file)",
            hint="give the model files after STREAM: svco diagram STREAM MODEL...",
        )
    data = render(open_store(store_path, models, input_format), stream, fmt, detail=detail)
    if output is not None:
        atomic_write_bytes(output, data)
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(data.decode("utf-8"), nl=False)
    return EXIT_OK


@click.command()
@click.argument("outdir", type=click.Path(path_type=Path, file_okay=False))
@models_argument
@store_option
@input_format_option
def docs(outdir: Path, models: tuple[Path, ...], store_path: Path | None, input_format: str | None) -> int:
    """Write HTML documentation of the ontology (and MODELS) into OUTDIR: index.html and value-chain.svg.

    Classes, properties, the six activities, the practices, the flows, the query catalog, the value
    chain overview and an explorer (click an activity or an arrow; pick a value stream of the MODELS to
    see it on the chain with its warnings). Works from disk, offline. Every term is linkable as
    index.html#LocalName. Written atomically; other files in OUTDIR are left alone.
    """
    from svco.docs import write_docs

    written = write_docs(outdir, open_store(store_path, models, input_format))
    click.echo(f"wrote {', '.join(str(p) for p in written)}", err=True)
    return EXIT_OK


COMMANDS = [reason, export, diagram, docs]
