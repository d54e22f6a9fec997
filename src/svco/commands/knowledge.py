"""Knowledge engineers' commands: `svco reason`."""

from __future__ import annotations

from pathlib import Path

import click

from svco.commands.options import input_format_option, models_argument, open_store, store_option
from svco.errors import EXIT_NONCONFORMING, EXIT_OK


@click.command()
@models_argument
@store_option
@input_format_option
def reason(models: tuple[Path, ...], store_path: Path | None, input_format: str | None) -> int:
    """Check with the HermiT OWL reasoner that the ontology (and MODELS) are consistent."""
    from svco.reason import reason as run_reasoner

    report = run_reasoner(open_store(store_path, models, input_format))
    if not report.consistent:
        click.echo("inconsistent: the ontology and models contradict each other")
        return EXIT_NONCONFORMING
    for iri in report.unsatisfiable:
        click.echo(f"unsatisfiable class: {iri}")
    for iri, types in sorted(report.inferred_types.items()):
        click.echo(f"inferred: {iri} a {', '.join(types)}")
    unsat = f", {len(report.unsatisfiable)} unsatisfiable classes" if report.unsatisfiable else ""
    click.echo("consistent" + unsat)
    return EXIT_OK if report.ok else EXIT_NONCONFORMING


COMMANDS = [reason]
