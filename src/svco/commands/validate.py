"""`svco validate`: the verdict CI pipelines act on."""

from __future__ import annotations

from pathlib import Path

import click

from svco.commands.options import (
    changes_option_value,
    emit_report,
    input_format_option,
    report_options,
    store_option,
)


@click.command()
@click.argument("models", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--engine",
    type=click.Choice(["auto", "svco", "pyshacl"]),
    default="auto",
    show_default=True,
    help="svco's SPARQL engine on Oxigraph, or pyshacl (the reference implementation; slow on big models).",
)
@click.option("--allow-network", is_flag=True, help="Fetch owl:imports that no catalog resolves from the web.")
@report_options
@store_option
@input_format_option
def validate(
    models: tuple[Path, ...],
    fmt: str,
    fail_on: str,
    output: Path | None,
    engine: str,
    allow_network: bool,
    color: bool | None,
    changed_since: str | None,
    store_path: Path | None,
    input_format: str | None,
) -> int:
    """Validate organisation MODELS (files or folders) against svco's shapes.

    With no MODEL the reference ontology alone is validated, as every command does. Exit 0 when no
    result reaches --fail-on, 1 when one does, 2 when a model cannot be read.
    """
    from svco.imports import resolve_imports
    from svco.store import Store
    from svco.validate import validate_store

    changes = changes_option_value(changed_since)
    store = Store(store_path)
    store.load_reference()
    if models:
        store.load(models, input_format=input_format)
    unresolved = resolve_imports(store, allow_network=allow_network)
    for iri in unresolved:
        click.echo(
            f"svco: warning: owl:imports <{iri}> is not resolved: add it to a catalog-v001.xml beside the model, "
            "or pass --allow-network; validating without it",
            err=True,
        )
    report = validate_store(store, engine=engine)
    report.unresolved_imports = unresolved
    return emit_report(report, fmt, fail_on, output, color, changes)


COMMANDS = [validate]
