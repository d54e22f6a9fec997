"""The exception hierarchy of svco and the exit codes the command line maps them to.

Exit codes (every command): 0 success / conforms; 1 the model does not conform, or a query failed on the
server; 2 bad usage or unreadable input; 3 internal error (a bug in svco, see ``svco.cli.main``).
"""

from __future__ import annotations

from pathlib import Path

EXIT_OK = 0
EXIT_NONCONFORMING = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3


class SvcoError(Exception):
    """Base of every error svco raises on purpose; ``exit_code`` is what the CLI returns for it."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n  hint: {self.hint}" if self.hint else self.message


class InputError(SvcoError):
    """A file or folder the user named cannot be read as RDF (missing, empty, binary, bad syntax)."""

    def __init__(
        self,
        path: Path | str,
        problem: str,
        *,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        where = str(path)
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: {problem}", hint=hint)
        self.path = Path(path)
        self.line = line
        self.column = column


class UsageError(SvcoError):
    """The command was called with options or values that make no sense."""


class OutputError(SvcoError):
    """A result cannot be written where the user asked (read-only folder, full disk, bad name, ...)."""


class StoreLockedError(SvcoError):
    """Another process holds the write lock on a persistent store."""


class QueryError(SvcoError):
    """A query is malformed, or failed where it ran (a server refused it, timed out, ...)."""

    exit_code = EXIT_NONCONFORMING


class ReasonerError(SvcoError):
    """The OWL reasoner or the OWL API could not run (no Java, a crash), as opposed to an inconsistent model."""
