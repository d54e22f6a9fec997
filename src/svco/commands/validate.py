"""`svco validate`: the verdict CI pipelines act on."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from svco.commands.options import input_format_option, store_option
from svco.errors import EXIT_NONCONFORMING, EXIT_OK


@click.command()
@click.argument("models", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "turtle", "junit"]),
    default="text",
    show_default=True,
    help="text for people (grouped by stream), json (documented schema), turtle (sh:ValidationReport), junit.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["violation", "warning", "info"], case_sensitive=False),
    default="violation",
    show_default=True,
    help="Exit 1 when a result is at least this severe.",
)
@click.option(
    "--output", "-o", type=click.Path(path_type=Path, dir_okay=False), help="Write the report here (atomically)."
)
@click.option(
    "--engine",
    type=click.Choice(["auto", "svco", "pyshacl"]),
    default="auto",
    show_default=True,
    help="svco's SPARQL engine on Oxigraph, or pyshacl (the reference implementation; slow on big models).",
)
@click.option("--allow-network", is_flag=True, help="Fetch owl:imports that no catalog resolves from the web.")
@click.option("--color/--no-color", default=None, help="Colour the text report (default: when on a terminal).")
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
    store_path: Path | None,
    input_format: str | None,
) -> int:
    """Validate organisation MODELS (files or folders) against svco's shapes.

    With no MODEL the reference ontology alone is validated, as every command does. Exit 0 when no
    result reaches --fail-on, 1 when one does, 2 when a model cannot be read.
    """
    from svco.imports import resolve_imports
    from svco.output import atomic_write_text
    from svco.progress import file_callback, progress
    from svco.report import render
    from svco.store import Store
    from svco.validate import validate_store

    with progress("loading") as step:
        store = Store(store_path)
        store.load_reference()
        if models:
            store.load(models, input_format=input_format, on_file=file_callback(step))
    unresolved = resolve_imports(store, allow_network=allow_network)
    for iri in unresolved:
        click.echo(
            f"svco: warning: owl:imports <{iri}> is not resolved: add it to a catalog-v001.xml beside the model, "
            "or pass --allow-network; validating without it",
            err=True,
        )
    with progress(f"validating {len(store)} triples"):
        report = validate_store(store, engine=engine)
    report.unresolved_imports = unresolved
    if color is None:
        color = output is None and fmt == "text" and sys.stdout.isatty()
    text = render(report, fmt, fail_on, color=color)
    if output is not None:
        from svco.report import to_text

        atomic_write_text(output, text)
        summary = to_text(report, fail_on).rstrip("\n").rsplit("\n", 1)[-1]
        click.echo(f"{summary}; {fmt} report written to {output}", err=True)  # the CI log still says it
    else:
        click.echo(text, nl=False, color=color)
    return EXIT_NONCONFORMING if report.fails(fail_on) else EXIT_OK


COMMANDS = [validate]
