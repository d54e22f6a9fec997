"""`svco validate` and `svco shacl`: the verdicts CI pipelines act on, with the same reports and exit codes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from svco.commands.options import (
    changes_option_value,
    emit_report,
    input_format_option,
    report_options,
    store_for_reading,
    store_option,
)

shapes_option = click.option(
    "--shapes",
    "shapes",
    multiple=True,
    type=click.Path(path_type=Path),
    help="A SHACL shapes file (any RDF syntax); repeat for more.",
)


def engine_options(command: Callable) -> Callable:
    """``--engine``, ``--allow-network``, ``--store`` and ``--input-format``: how the data is read and checked."""
    options = [
        click.option(
            "--engine",
            type=click.Choice(["auto", "svco", "pyshacl"]),
            default="auto",
            show_default=True,
            help="svco's SPARQL engine on Oxigraph, or pyshacl (the reference implementation; slow on big models).",
        ),
        click.option("--allow-network", is_flag=True, help="Fetch owl:imports that no catalog resolves from the web."),
        click.option(
            "--allow-file-imports",
            is_flag=True,
            expose_value=False,
            callback=lambda ctx, _param, value: ctx.meta.__setitem__("svco.allow_files", value),
            help="Read owl:imports of file: IRIs (local files named by the model; off by default, also with "
            "--allow-network).",
        ),
        store_option,
        input_format_option,
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _load(store_path: Path | None, models, input_format, allow_network: bool, *, reference: bool):
    """A store with the models (and svco's reference content when ``reference``), imports resolved."""
    from svco.imports import resolve_imports
    from svco.progress import file_callback, progress

    with progress("loading") as step:
        store = store_for_reading(store_path, models)
        if reference:
            store.load_reference()
        if models:
            store.load(models, input_format=input_format, on_file=file_callback(step))
    allow_files = bool(click.get_current_context().meta.get("svco.allow_files"))
    unresolved = resolve_imports(store, allow_network=allow_network, allow_files=allow_files)
    for iri in unresolved:
        click.echo(
            f"svco: warning: owl:imports <{iri}> is not resolved: add it to a catalog-v001.xml beside the model, "
            "or pass --allow-network (--allow-file-imports for file: IRIs); validating without it",
            err=True,
        )
    return store, unresolved


@click.command()
@click.argument("models", nargs=-1, type=click.Path(path_type=Path))
@shapes_option
@report_options
@engine_options
def validate(
    models: tuple[Path, ...],
    shapes: tuple[Path, ...],
    fmt: str,
    fail_on: str,
    output: Path | None,
    color: bool | None,
    changed_since: str | None,
    engine: str,
    allow_network: bool,
    store_path: Path | None,
    input_format: str | None,
) -> int:
    """Validate organisation MODELS (files or folders) against svco's shapes and any --shapes of your own.

    With no MODEL the reference ontology alone is validated, as every command does. Exit 0 when no
    result reaches --fail-on, 1 when one does, 2 when a model cannot be read.
    """
    from svco.progress import progress
    from svco.store import expand_sources
    from svco.validate import validate_store

    changes = changes_option_value(changed_since)
    store, unresolved = _load(store_path, models, input_format, allow_network, reference=True)
    with progress(f"validating {len(store)} triples"):
        report = validate_store(store, engine=engine, extra_shapes=expand_sources(shapes) if shapes else ())
    report.unresolved_imports = unresolved
    return emit_report(report, fmt, fail_on, output, color, changes)


@click.command()
@click.argument("data", nargs=-1, required=True, type=click.Path(path_type=Path))
@shapes_option
@report_options
@engine_options
def shacl(
    data: tuple[Path, ...],
    shapes: tuple[Path, ...],
    fmt: str,
    fail_on: str,
    output: Path | None,
    color: bool | None,
    changed_since: str | None,
    engine: str,
    allow_network: bool,
    store_path: Path | None,
    input_format: str | None,
) -> int:
    """Plain SHACL: validate DATA (files or folders) against --shapes, with no svco content.

    SHACL Core and SHACL-SPARQL on svco's engine; same report formats and exit codes as `svco validate`.
    """
    from svco.progress import progress
    from svco.store import expand_sources
    from svco.validate import shacl_store

    changes = changes_option_value(changed_since)
    store, unresolved = _load(store_path, data, input_format, allow_network, reference=False)
    with progress(f"validating {len(store)} triples"):
        report = shacl_store(store, expand_sources(shapes), engine=engine)
    report.unresolved_imports = unresolved
    return emit_report(report, fmt, fail_on, output, color, changes)


COMMANDS = [validate, shacl]
