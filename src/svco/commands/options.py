"""Options and helpers shared by the subcommands."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

store_option = click.option(
    "--store",
    "store_path",
    type=click.Path(path_type=Path, file_okay=False),
    envvar="SVCO_STORE",
    help="Persistent embedded store (a folder); default: in memory. Also SVCO_STORE.",
)
input_format_option = click.option(
    "--input-format", help="RDF syntax of the models when the file extension does not say (turtle, rdfxml, ...)."
)
models_argument = click.argument("models", nargs=-1, type=click.Path(path_type=Path))
output_option = click.option(
    "--output", "-o", type=click.Path(path_type=Path, dir_okay=False), help="Write here (atomically) instead of stdout."
)


def emit(text: str, output: Path | None) -> None:
    """Print ``text``, or write it atomically to ``output``."""
    if output is None:
        click.echo(text, nl=False)
        return
    from svco.output import atomic_write_text

    atomic_write_text(output, text)


def open_store(store_path: Path | None, models: Sequence[Path] = (), input_format: str | None = None):
    """A store (persistent if ``store_path``) with the reference ontology and the given models loaded."""
    from svco.store import Store

    store = Store(store_path)
    store.load_reference()
    if models:
        store.load(models, input_format=input_format)
    return store
