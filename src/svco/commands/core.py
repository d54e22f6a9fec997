"""`svco info` and `svco fmt`: what is loaded, and keeping the Turtle files in one form."""

from __future__ import annotations

import json
from pathlib import Path

import click

from svco.commands.options import emit, open_store, output_option, store_option
from svco.errors import EXIT_NONCONFORMING, EXIT_OK


@click.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@output_option
def info(store_path: Path | None, fmt: str, output: Path | None) -> int:
    """Print the ontology version and the counts of the reference content."""
    from svco import __version__
    from svco.info import ontology_info

    summary = ontology_info(open_store(store_path))
    if fmt == "json":
        doc = {"version": summary.version, "practices": summary.practices, "flows": summary.flows}
        doc["counts"] = summary.counts
        emit(json.dumps(doc, indent=2) + "\n", output)
        return EXIT_OK
    c = summary.counts
    lines = [f"svco ontology {summary.version} (package {__version__})"]
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
    lines += [f"  {name:<15}{count:>4}  {detail}".rstrip() for name, count, detail in rows]
    emit("\n".join(lines) + "\n", output)
    return EXIT_OK


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--check", is_flag=True, help="Only report the files that are not in canonical form (exit 1).")
@click.option("--drop-comments", is_flag=True, help="Rewrite files that have comment lines too (they are lost).")
def fmt(files: tuple[Path, ...], check: bool, drop_comments: bool) -> int:
    """Rewrite Turtle FILES in svco's one stable form (sorted, canonical blank nodes)."""
    from svco.fmt import format_files, unformatted

    if check:
        bad = unformatted(list(files))
        for path in bad:
            click.echo(f"{path}: not in canonical form (run `svco fmt {path}`)")
        return EXIT_NONCONFORMING if bad else EXIT_OK
    for path in format_files(list(files), drop_comments=drop_comments):
        click.echo(f"formatted {path}")
    return EXIT_OK


COMMANDS = [info, fmt]
