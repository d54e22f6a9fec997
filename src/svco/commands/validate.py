"""`svco validate` and `svco shacl`: the verdicts CI pipelines act on, with the same reports and exit codes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from svco.commands.options import (
    changes_option_value,
    emit_report,
    input_format_option,
    report_options,
    store_for_reading,
    store_option,
)
from svco.errors import UsageError

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


def server_options(command: Callable) -> Callable:
    """``--endpoint`` and ``--graph`` with the credentials and ``--timeout`` of `svco query`: validate there."""
    from svco.commands.query import endpoint_options

    command = endpoint_options(command)
    command = click.option(
        "--graph",
        "graphs",
        multiple=True,
        metavar="IRI",
        help="With --endpoint: validate the merge of these graphs (default-graph-uri) instead of the default graph.",
    )(command)
    return click.option(
        "--endpoint",
        metavar="URL",
        help="Validate the data on this SPARQL 1.1 query endpoint (the shapes' queries run there; nothing is written).",
    )(command)


def _server(endpoint: str | None, graphs, user, password, auth, timeout, *, data, store_path):
    """The endpoint to validate on, or None for the embedded store; usage errors for options that clash.

    Its parameters are those of :func:`server_options`, which the commands pass on as ``**server``."""
    if endpoint is None:
        if graphs:
            raise UsageError("--graph is for --endpoint", hint="name the SPARQL endpoint with --endpoint URL")
        return None
    from svco.commands.query import _endpoint

    if data:
        raise UsageError(
            "with --endpoint the data is on the server: name no model files",
            hint="put them there first with `svco load --endpoint GRAPH-STORE-URL MODEL...`",
        )
    if store_path is not None:
        raise UsageError("--store and --endpoint exclude each other", hint="validate one or the other")
    return _endpoint(endpoint, user, password, auth, timeout, graphs)


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
@server_options
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
    **server: Any,
) -> int:
    """Validate organisation MODELS (files or folders) against svco's shapes and any --shapes of your own.

    With no MODEL the reference ontology alone is validated, as every command does. With --endpoint the
    data on that SPARQL server is validated there (put it there with `svco load --endpoint`). Exit 0 when
    no result reaches --fail-on, 1 when one does (or the server failed), 2 when a model cannot be read.
    """
    from svco.progress import progress
    from svco.store import expand_sources
    from svco.validate import validate_store

    changes = changes_option_value(changed_since)
    extra = expand_sources(shapes) if shapes else ()
    remote = _server(**server, data=models, store_path=store_path)
    if remote is not None:
        from svco.remote_validate import validate_endpoint

        report = validate_endpoint(remote, extra_shapes=extra, engine=engine)
        return emit_report(report, fmt, fail_on, output, color, changes)
    store, unresolved = _load(store_path, models, input_format, allow_network, reference=True)
    with progress(f"validating {len(store)} triples"):
        report = validate_store(store, engine=engine, extra_shapes=extra)
    report.unresolved_imports = unresolved
    return emit_report(report, fmt, fail_on, output, color, changes)


@click.command()
@click.argument("data", nargs=-1, type=click.Path(path_type=Path))
@shapes_option
@report_options
@engine_options
@server_options
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
    **server: Any,
) -> int:
    """Plain SHACL: validate DATA (files or folders) against --shapes, with no svco content.

    SHACL Core and SHACL-SPARQL on svco's engine; same report formats and exit codes as `svco validate`.
    With --endpoint the data on that SPARQL server is validated there.
    """
    from svco.progress import progress
    from svco.store import expand_sources
    from svco.validate import shacl_store

    changes = changes_option_value(changed_since)
    remote = _server(**server, data=data, store_path=store_path)
    if remote is not None:
        from svco.remote_validate import shacl_endpoint

        report = shacl_endpoint(remote, expand_sources(shapes), engine=engine)
        return emit_report(report, fmt, fail_on, output, color, changes)
    if not data:
        raise UsageError("no DATA to validate", hint="name files or folders, or the server with --endpoint URL")
    store, unresolved = _load(store_path, data, input_format, allow_network, reference=False)
    with progress(f"validating {len(store)} triples"):
        report = shacl_store(store, expand_sources(shapes), engine=engine)
    report.unresolved_imports = unresolved
    return emit_report(report, fmt, fail_on, output, color, changes)


COMMANDS = [validate, shacl]
