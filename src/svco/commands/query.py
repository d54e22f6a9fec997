"""`svco query`, `svco queries` and `svco load`: the query catalog, persistent stores and SPARQL servers."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import click

from svco.commands.options import emit, input_format_option, models_argument, output_option, store_option
from svco.errors import EXIT_OK, UsageError

_FORMATS = ("table", "csv", "json", "markdown")


def endpoint_options(function):
    """``--user``, ``--password``, ``--auth`` and ``--timeout``, for commands that talk to a server."""
    function = click.option("--timeout", type=float, default=60.0, show_default=True, help="Seconds to wait.")(function)
    function = click.option(
        "--auth",
        type=click.Choice(["basic", "digest"]),
        default="basic",
        show_default=True,
        help="HTTP authentication (Virtuoso's /sparql-auth wants digest).",
    )(function)
    function = click.option(
        "--password", envvar="SVCO_ENDPOINT_PASSWORD", help="Password (or SVCO_ENDPOINT_PASSWORD)."
    )(function)
    function = click.option("--user", envvar="SVCO_ENDPOINT_USER", help="User name (or SVCO_ENDPOINT_USER).")(function)
    return function


def _endpoint(url: str, user, password, auth: str, timeout: float, graphs=()):
    from svco.remote import Endpoint

    return Endpoint(url, user=user, password=password, auth=auth, timeout=timeout, graphs=tuple(graphs))


@click.command()
@click.argument("name", required=False)
@models_argument
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help='A parameter: an IRI, a CURIE (svc:Plan) or a label ("Design and transition").',
)
@click.option("--format", "fmt", type=click.Choice(_FORMATS), default="table", show_default=True)
@click.option("--sparql", help="Run this SPARQL text instead of a catalog query (NAME is then a model).")
@click.option("--endpoint", metavar="URL", help="Run on this SPARQL 1.1 query endpoint instead of the embedded store.")
@click.option(
    "--graph",
    "graphs",
    multiple=True,
    metavar="IRI",
    help="With --endpoint: query the merge of these graphs (default-graph-uri) instead of the default graph.",
)
@endpoint_options
@store_option
@input_format_option
@output_option
def query(
    name: str | None,
    models: tuple[Path, ...],
    params: tuple[str, ...],
    fmt: str,
    sparql: str | None,
    endpoint: str | None,
    graphs: tuple[str, ...],
    user: str | None,
    password: str | None,
    auth: str,
    timeout: float,
    store_path: Path | None,
    input_format: str | None,
    output: Path | None,
) -> int:
    """Run the catalog query NAME (or a FILE.rq) on the reference ontology and MODELS.

    Run `svco queries` to list the catalog and its parameters.
    """
    from svco import query as q

    if sparql is not None:
        if name is not None:
            models = (Path(name), *models)
        if params:
            raise UsageError(
                "--param works with catalog queries and .rq files, not --sparql",
                hint="save the query in a .rq file with `# param:` header lines",
            )
        named = q.query_from_text(sparql)
    elif name is None:
        raise UsageError("name a query (or give --sparql TEXT)", hint="run `svco queries` to list the catalog")
    else:
        named = q.load_query(name)
    given = q.parse_param_options(params)
    if graphs and not endpoint:
        raise UsageError("--graph needs --endpoint", hint="the embedded store always queries the union of its graphs")
    if endpoint:
        if models:
            raise UsageError(
                "models are not read when querying a server",
                hint=f"load them first: svco load --endpoint URL {' '.join(map(str, models))}",
            )
        backend = _endpoint(endpoint, user, password, auth, timeout, graphs)
    else:
        from svco.store import Store

        if store_path is not None:
            if models:
                raise UsageError(
                    "a persistent store is queried read-only: models given here would not be loaded",
                    hint=f"load them first: svco load --store {store_path} MODEL...",
                )
            store = Store(store_path, read_only=True)
        else:
            store = Store()
        from svco.progress import file_callback, progress

        with progress("loading") as step:
            store.load_reference()
            if models:
                store.load(models, input_format=input_format, on_file=file_callback(step))
        backend = q.StoreBackend(store)
    results = q.run(backend, named, given)
    terminal = output is None and sys.stdout.isatty()
    width = shutil.get_terminal_size().columns if terminal else None
    prefixes = getattr(backend, "prefixes", None)
    text = q.format_results(results, fmt, width=width, rich=terminal, prefixes=prefixes, secondary=named.secondary)
    emit(text, output)
    return EXIT_OK


@click.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@output_option
def queries(fmt: str, output: Path | None) -> int:
    """List the query catalog: each query's name, title, description and parameters."""
    import json
    import textwrap

    from svco.catalog import catalog

    entries = catalog()
    if fmt == "json":
        doc = [
            {
                "name": n.name,
                "title": n.title,
                "description": n.description,
                "params": [{"name": p.name, "type": p.type, "default": p.default, "doc": p.doc} for p in n.params],
            }
            for n in entries.values()
        ]
        emit(json.dumps(doc, indent=2) + "\n", output)
        return EXIT_OK
    width = min(shutil.get_terminal_size().columns, 100) if output is None and sys.stdout.isatty() else 100
    lines = []
    for named in entries.values():
        lines += [named.name, f"    {named.title}"]
        if named.description:
            lines += textwrap.wrap(named.description, width, initial_indent="    ", subsequent_indent="    ")
        for p in named.params:
            default = f" (default {p.default})" if p.default else " (default: all)"
            lines.append(f"    --param {p.name}=<{p.type}>{default}: {p.doc}")
        lines.append("")
    emit("\n".join(lines), output)
    return EXIT_OK


@click.command()
@models_argument
@store_option
@click.option("--endpoint", metavar="URL", help="Put the data into this SPARQL server instead of a local store.")
@click.option("--graph", metavar="IRI", help="With --endpoint: put everything into this one graph, replacing it.")
@click.option(
    "--protocol",
    type=click.Choice(["gsp", "update"]),
    default="gsp",
    show_default=True,
    help="With --endpoint: Graph Store Protocol (URL = the graph store) or SPARQL Update (URL = the update endpoint).",
)
@endpoint_options
@input_format_option
def load(
    models: tuple[Path, ...],
    store_path: Path | None,
    endpoint: str | None,
    graph: str | None,
    protocol: str,
    user: str | None,
    password: str | None,
    auth: str,
    timeout: float,
    input_format: str | None,
) -> int:
    """Load the reference ontology and MODELS into a persistent store (--store) or a SPARQL server (--endpoint).

    Each file replaces the graph it was loaded into before, so loading again updates a model.
    """
    if endpoint:
        from svco.progress import progress
        from svco.remote import load_files

        server = _endpoint(endpoint, user, password, auth, timeout)
        with progress(f"loading into {endpoint}"):
            loaded_files = load_files(server, list(models), graph=graph, protocol=protocol, input_format=input_format)
        for loaded in loaded_files:
            click.echo(f"{loaded.graph}: {loaded.triples} triples")
        return EXIT_OK
    if graph:
        raise UsageError("--graph needs --endpoint", hint="a local store keeps each file in a graph of its own")
    if store_path is None:
        raise UsageError("say where to load: --store PATH (or SVCO_STORE) or --endpoint URL")
    from svco.store import Store

    store = Store(store_path)
    store.load_reference()
    for source in store.load(list(models), input_format=input_format):
        click.echo(f"{source.path}: {source.triples} triples into {source.graph}")
    store.flush()
    click.echo(f"{store_path}: {len(store)} triples in {len(store.graphs())} graphs")
    return EXIT_OK


COMMANDS = [query, queries, load]
