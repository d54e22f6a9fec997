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
    """Print ``text`` exactly as ``-o`` would write it (click would strip ANSI codes from a pipe: data in a CSV
    must not change with where it goes; human formats escape control characters themselves), or write it
    atomically to ``output``."""
    if output is None:
        click.echo(text, nl=False, color=True)
        return
    from svco.output import atomic_write_text

    atomic_write_text(output, text)


def store_for_reading(store_path: Path | None, models: Sequence[Path] = ()):
    """The store a read-only command works on: in memory, or ``store_path`` opened read-only (never created,
    never written; models cannot be added to it, so giving both is a usage error)."""
    from svco.errors import UsageError
    from svco.store import Store

    if store_path is None:
        return Store()
    if models:
        raise UsageError(
            "a persistent store is read-only here: models given here would not be loaded",
            hint=f"load them first: svco load --store {store_path} MODEL...",
        )
    return Store(store_path, read_only=True)


def open_store(store_path: Path | None, models: Sequence[Path] = (), input_format: str | None = None):
    """A store (a persistent one read-only, see :func:`store_for_reading`) with the reference ontology and the
    given models loaded."""
    store = store_for_reading(store_path, models)
    store.load_reference()
    if models:
        store.load(models, input_format=input_format)
    return store


#: The report formats of ``svco validate`` and ``svco shacl`` (:data:`svco.report.FORMATS`; a test checks).
REPORT_FORMATS = ("text", "json", "turtle", "junit", "sarif", "github")


def report_options(command):
    """The report options ``svco validate`` and ``svco shacl`` share: format, fail-on, output, colour, changes."""
    options = [
        click.option(
            "--format",
            "fmt",
            type=click.Choice(REPORT_FORMATS),
            default="text",
            show_default=True,
            help="text for people (file:line:col, grouped by stream), json (documented schema), turtle "
            "(sh:ValidationReport), junit, sarif (2.1.0, for code scanning), github (workflow annotations).",
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
        click.option("--color/--no-color", default=None, help="Colour the text report (default: when on a terminal)."),
        click.option(
            "--changed-since",
            metavar="REF",
            help="Report only results located in files or lines changed since git REF (and untracked files); "
            "the whole model is still validated.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def changes_option_value(changed_since: str | None):
    """The :class:`svco.changes.Changes` for ``--changed-since`` (None without it); read before validating,
    so that a bad REF or a folder outside git fails at once (exit 2)."""
    if changed_since is None:
        return None
    from svco.changes import changed_lines

    return changed_lines(changed_since)


def emit_report(report, fmt: str, fail_on: str, output: Path | None, color: bool | None, changes=None) -> int:
    """Keep the results in ``changes`` (``--changed-since``), print or write the report; return the exit code
    the reported results give."""
    import sys

    from svco.errors import EXIT_NONCONFORMING, EXIT_OK
    from svco.output import atomic_write_parts
    from svco.report import render_parts

    if changes is not None:
        from svco.changes import keep_changed

        report = keep_changed(report, changes)
    if color is None:
        color = output is None and fmt == "text" and sys.stdout.isatty()
    for note in report.notes:
        click.echo(f"svco: {note}", err=True)
    parts = render_parts(report, fmt, fail_on, color=color)
    if output is not None:
        from svco.report import verdict

        atomic_write_parts(output, parts)
        click.echo(f"{verdict(report, fail_on)}; {fmt} report written to {output}", err=True)  # the CI log says it
    else:
        for part in parts:
            click.echo(part, nl=False, color=color)
    return EXIT_NONCONFORMING if report.fails(fail_on) else EXIT_OK
