"""The ``svco`` command: a thin layer over the library API.

``main(argv) -> int`` runs a command in-process and returns its exit code (0 success / conforms; 1 does not
conform, or a query failed on the server; 2 bad usage or unreadable input), so tests call it directly.
The subcommands live in ``svco.commands.*``, one module a concern; heavy libraries (rdflib, pyshacl,
owlready2) are imported inside the commands that need them, so that `svco info` starts fast.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click

from svco import __version__
from svco.commands import core, knowledge, query, validate
from svco.errors import EXIT_BAD_INPUT, EXIT_OK, SvcoError


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(version=__version__, prog_name="svco", message="%(prog)s %(version)s")
def cli() -> None:
    """svco: the ITIL 4 service value chain as an ontology.

    Exit codes: 0 success / conforms, 1 does not conform (or the query failed on the server),
    2 bad usage or unreadable input.
    """


for _module in (core, knowledge, query, validate):
    for _command in _module.COMMANDS:
        cli.add_command(_command)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``svco`` command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit code."""
    args = list(argv) if argv is not None else None
    try:
        result = cli.main(args=args, prog_name="svco", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
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
