"""The ``svco`` command: a thin layer over the library API.

``main(argv) -> int`` runs a command in-process and returns its exit code, so tests call it directly: 0 success /
conforms; 1 does not conform, or a query failed on the server; 2 bad usage or unreadable input (also Ctrl-C:
"aborted", nothing written); 3 internal error, i.e. any exception svco did not raise on purpose, printed as one
line that says it is a bug (the traceback only with ``svco --debug`` or ``SVCO_DEBUG=1``). No other way out.
The subcommands live in ``svco.commands.*``, one module a concern; heavy libraries (rdflib, pyshacl,
owlready2) are imported inside the commands that need them, so that `svco info` starts fast.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Sequence

import click

from svco import __version__
from svco.commands import core, knowledge, query, validate
from svco.errors import EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK, SvcoError


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(version=__version__, prog_name="svco", message="%(prog)s %(version)s")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error (also SVCO_DEBUG=1).")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """svco: the ITIL 4 service value chain as an ontology.

    Exit codes: 0 success / conforms, 1 does not conform (or the query failed on the server),
    2 bad usage or unreadable input (or interrupted), 3 internal error (a bug in svco).
    """
    if debug and isinstance(ctx.obj, dict):
        ctx.obj["debug"] = True


for _module in (core, knowledge, query, validate):
    for _command in _module.COMMANDS:
        cli.add_command(_command)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``svco`` command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit code."""
    args = list(argv) if argv is not None else None
    state = {"debug": os.environ.get("SVCO_DEBUG", "") not in ("", "0")}
    try:
        result = cli.main(args=args, prog_name="svco", standalone_mode=False, obj=state)
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
    except Exception as exc:  # the exit-code contract: a bug is exit 3, never a traceback
        return _internal_error(exc, debug=state["debug"])
    return result if isinstance(result, int) else EXIT_OK


def _internal_error(exc: BaseException, *, debug: bool) -> int:
    """Print one line saying svco hit a bug (the traceback too when ``debug``) and return exit code 3."""
    if debug:
        traceback.print_exception(exc, file=sys.stderr)
    detail = " ".join(str(exc).split())[:300]
    click.echo(
        f"svco: internal error (a bug in svco, not in your model): {type(exc).__name__}: {detail}; "
        f"please report it with the command you ran and the output of `svco --debug ...` (see SECURITY.md)",
        err=True,
    )
    return EXIT_INTERNAL


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
