"""The ``svco`` command: a thin layer over the library API.

``main(argv) -> int`` runs a command in-process and returns its exit code (0 success / conforms; 1 does not
conform, or a query failed on the server; 2 bad usage or unreadable input), so tests call it directly.
Heavy libraries (rdflib, pyshacl, owlready2) are imported inside the commands that need them.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from svco.errors import EXIT_BAD_INPUT, EXIT_NONCONFORMING, EXIT_OK, SvcoError

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


def _package_version() -> str:
    from svco import __version__

    return __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(version=None, package_name="svco", prog_name="svco", message="%(prog)s %(version)s")
def cli() -> None:
    """svco: the ITIL 4 service value chain as an ontology.

    Exit codes: 0 success / conforms, 1 does not conform (or the query failed on the server),
    2 bad usage or unreadable input.
    """


def _open_store(store_path: Path | None, models: Sequence[Path] = (), input_format: str | None = None):
    """A store with the reference ontology and the given models loaded."""
    from svco.store import Store

    store = Store(store_path)
    store.load_reference()
    if models:
        store.load(models, input_format=input_format)
    return store


@cli.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def info(store_path: Path | None, fmt: str) -> int:
    """Print the ontology version and the counts of the reference content."""
    from svco.info import ontology_info

    summary = ontology_info(_open_store(store_path))
    if fmt == "json":
        doc = {"version": summary.version, "practices": summary.practices, "flows": summary.flows}
        doc["counts"] = summary.counts
        click.echo(json.dumps(doc, indent=2))
        return EXIT_OK
    c = summary.counts
    click.echo(f"svco ontology {summary.version} (package {_package_version()})")
    rows = [
        ("activities", str(c.get("activities", 0)), ""),
        (
            "practices",
            str(summary.practices),
            f"general {c.get('general management practices', 0)}, "
            f"service {c.get('service management practices', 0)}, "
            f"technical {c.get('technical management practices', 0)}",
        ),
        ("artifact types", str(c.get("artifact types", 0)), ""),
        (
            "flows",
            str(summary.flows),
            f"{c.get('flows between activities', 0)} between activities, "
            f"{c.get('flows crossing the boundary', 0)} crossing the boundary",
        ),
    ]
    for name, count, detail in rows:
        click.echo(f"  {name:<15}{count:>4}  {detail}".rstrip())
    return EXIT_OK


@cli.command()
@models_argument
@store_option
@input_format_option
def reason(models: tuple[Path, ...], store_path: Path | None, input_format: str | None) -> int:
    """Check with the HermiT OWL reasoner that the ontology (and MODELS) are consistent."""
    from svco.reason import reason as run_reasoner

    report = run_reasoner(_open_store(store_path, models, input_format))
    if not report.consistent:
        click.echo("inconsistent: the ontology and models contradict each other")
        return EXIT_NONCONFORMING
    for iri in report.unsatisfiable:
        click.echo(f"unsatisfiable class: {iri}")
    for iri, types in sorted(report.inferred_types.items()):
        click.echo(f"inferred: {iri} a {', '.join(types)}")
    click.echo("consistent" + (f", {len(report.unsatisfiable)} unsatisfiable classes" if report.unsatisfiable else ""))
    return EXIT_OK if report.ok else EXIT_NONCONFORMING


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--check", is_flag=True, help="Only report the files that are not in canonical form (exit 1).")
def fmt(files: tuple[Path, ...], check: bool) -> int:
    """Rewrite Turtle FILES in svco's one stable form (sorted, canonical blank nodes)."""
    from svco.fmt import format_files, unformatted

    if check:
        bad = unformatted(list(files))
        for path in bad:
            click.echo(f"{path}: not in canonical form (run `svco fmt {path}`)")
        return EXIT_NONCONFORMING if bad else EXIT_OK
    for path in format_files(list(files)):
        click.echo(f"formatted {path}")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``svco`` command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit code."""
    try:
        result = cli.main(args=list(argv) if argv is not None else None, prog_name="svco", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.UsageError as exc:
        exc.show()
        return EXIT_BAD_INPUT
    except click.ClickException as exc:
        exc.show()
        return EXIT_BAD_INPUT
    except click.Abort:
        click.echo("aborted", err=True)
        return EXIT_BAD_INPUT
    except SvcoError as exc:
        click.echo(f"svco: error: {exc}", err=True)
        return exc.exit_code
    return result if isinstance(result, int) else EXIT_OK


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
