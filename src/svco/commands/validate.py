"""`svco validate` and `svco shacl`: the verdicts CI pipelines act on, with the same reports and exit codes."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from svco.commands.options import input_format_option, store_option
from svco.errors import EXIT_NONCONFORMING, EXIT_OK, UsageError

shapes_option = click.option(
    "--shapes",
    "shapes",
    multiple=True,
    type=click.Path(path_type=Path),
    help="A SHACL shapes file (any RDF syntax); repeat for more.",
)


def report_options(command: Callable) -> Callable:
    """The options every validating command shares: report format, --fail-on, -o, engine, network, colour."""
    options = [
        click.option(
            "--format",
            "fmt",
            type=click.Choice(["text", "json", "turtle", "junit"]),
            default="text",
            show_default=True,
            help="text for people (grouped by stream), json (documented schema), turtle (sh:ValidationReport), junit.",
        ),
        click.option(
            "--fail-on",
            type=click.Choice(["violation", "warning", "info"], case_sensitive=False),
            default="violation",
            show_default=True,
            help="Exit 1 when a result is at least this severe.",
        ),
        click.option(
            "--output",
            "-o",
            type=click.Path(path_type=Path, dir_okay=False),
            help="Write the report here (atomically).",
        ),
        click.option(
            "--engine",
            type=click.Choice(["auto", "svco", "pyshacl"]),
            default="auto",
            show_default=True,
            help="svco's SPARQL engine on Oxigraph, or pyshacl (the reference implementation; slow on big models).",
        ),
        click.option("--allow-network", is_flag=True, help="Fetch owl:imports that no catalog resolves from the web."),
        click.option("--color/--no-color", default=None, help="Colour the text report (default: when on a terminal)."),
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


def _server(endpoint_url: str | None, graphs, user, password, auth, timeout, *, data, store_path):
    """The endpoint to validate on, or None for the embedded store; usage errors for options that clash."""
    if endpoint_url is None:
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
    return _endpoint(endpoint_url, user, password, auth, timeout, graphs)


def _load(store_path: Path | None, models, input_format, allow_network: bool, *, reference: bool):
    """A store with the models (and svco's reference content when ``reference``), imports resolved."""
    from svco.imports import resolve_imports
    from svco.store import Store

    store = Store(store_path)
    if reference:
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
    return store, unresolved


def _emit(report, fmt: str, fail_on: str, output: Path | None, color: bool | None) -> int:
    """Print or write the report; the exit code from --fail-on."""
    from svco.output import atomic_write_text
    from svco.report import render

    if color is None:
        color = output is None and fmt == "text" and sys.stdout.isatty()
    text = render(report, fmt, fail_on, color=color)
    if output is not None:
        atomic_write_text(output, text)
    else:
        click.echo(text, nl=False, color=color)
    return EXIT_NONCONFORMING if report.fails(fail_on) else EXIT_OK


@click.command()
@click.argument("models", nargs=-1, type=click.Path(path_type=Path))
@shapes_option
@report_options
@server_options
def validate(
    models: tuple[Path, ...],
    shapes: tuple[Path, ...],
    endpoint: str | None,
    graphs: tuple[str, ...],
    user: str | None,
    password: str | None,
    auth: str,
    timeout: float,
    fmt: str,
    fail_on: str,
    output: Path | None,
    engine: str,
    allow_network: bool,
    color: bool | None,
    store_path: Path | None,
    input_format: str | None,
) -> int:
    """Validate organisation MODELS (files or folders) against svco's shapes and any --shapes of your own.

    With no MODEL the reference ontology alone is validated, as every command does. With --endpoint the
    data on that SPARQL server is validated there (put it there with `svco load --endpoint`). Exit 0 when
    no result reaches --fail-on, 1 when one does (or the server failed), 2 when a model cannot be read.
    """
    from svco.store import expand_sources
    from svco.validate import validate_store

    extra = expand_sources(shapes) if shapes else ()
    server = _server(endpoint, graphs, user, password, auth, timeout, data=models, store_path=store_path)
    if server is not None:
        from svco.remote_validate import validate_endpoint

        return _emit(validate_endpoint(server, extra_shapes=extra, engine=engine), fmt, fail_on, output, color)
    store, unresolved = _load(store_path, models, input_format, allow_network, reference=True)
    report = validate_store(store, engine=engine, extra_shapes=extra)
    report.unresolved_imports = unresolved
    return _emit(report, fmt, fail_on, output, color)


@click.command()
@click.argument("data", nargs=-1, type=click.Path(path_type=Path))
@shapes_option
@report_options
@server_options
def shacl(
    data: tuple[Path, ...],
    shapes: tuple[Path, ...],
    endpoint: str | None,
    graphs: tuple[str, ...],
    user: str | None,
    password: str | None,
    auth: str,
    timeout: float,
    fmt: str,
    fail_on: str,
    output: Path | None,
    engine: str,
    allow_network: bool,
    color: bool | None,
    store_path: Path | None,
    input_format: str | None,
) -> int:
    """Plain SHACL: validate DATA (files or folders) against --shapes, with no svco content.

    SHACL Core and SHACL-SPARQL on svco's engine; same report formats and exit codes as `svco validate`.
    """
    from svco.store import expand_sources
    from svco.validate import shacl_store

    server = _server(endpoint, graphs, user, password, auth, timeout, data=data, store_path=store_path)
    if server is not None:
        from svco.remote_validate import shacl_endpoint

        return _emit(shacl_endpoint(server, expand_sources(shapes), engine=engine), fmt, fail_on, output, color)
    if not data:
        raise UsageError("no DATA to validate", hint="name files or folders, or the server with --endpoint URL")
    store, unresolved = _load(store_path, data, input_format, allow_network, reference=False)
    report = shacl_store(store, expand_sources(shapes), engine=engine)
    report.unresolved_imports = unresolved
    return _emit(report, fmt, fail_on, output, color)


COMMANDS = [validate, shacl]
