"""What changed since a git revision: the files and line ranges ``svco validate --changed-since`` reports on.

A result is kept when its focus node's first statement (``line``..``end_line``) or its offending value lies
in a changed line range, or its file is new (untracked, or added since the revision). Lines are those of the
working tree, from ``git diff --unified=0 REF``; a hunk that only deletes lines marks the lines on either
side of the gap, so removing a required property still reports the node it was removed from.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field, replace
from pathlib import Path

from svco.errors import UsageError
from svco.validate import ValidationReport, ValidationResult

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


@dataclass
class Changes:
    """Changed files (whole) and changed line ranges (inclusive, working-tree numbering), by absolute path."""

    whole: set[Path] = field(default_factory=set)
    ranges: dict[Path, list[tuple[int, int]]] = field(default_factory=dict)

    def touches(self, file: str | None, lines: tuple[int | None, int | None] | None = None) -> bool:
        """Whether ``file`` (and, when given, any line from ``lines[0]`` to ``lines[1]``) is changed."""
        if file is None:
            return False
        path = Path(file).resolve()
        if path in self.whole:
            return True
        if path not in self.ranges:
            return False
        if lines is None or lines[0] is None:
            return True  # located in a changed file, but not to a line: keep it rather than hide it
        first, last = lines[0], lines[1] or lines[0]
        return any(start <= last and first <= end for start, end in self.ranges[path])

    def keeps(self, result: ValidationResult) -> bool:
        """Whether a validation result is located in what changed."""
        return self.touches(result.file, (result.line, result.end_line)) or (
            result.value_line is not None and self.touches(result.file, (result.value_line, result.value_line))
        )


def _git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise UsageError("--changed-since needs git, which is not installed", hint="install git") from None
    if done.returncode != 0:
        raise _GitFailed(done.stderr.strip())
    return done.stdout


class _GitFailed(Exception):
    pass


def changed_lines(ref: str, cwd: Path | None = None) -> Changes:
    """The files and lines changed in the working tree since ``ref``, plus untracked files.

    Raises :class:`UsageError` (exit 2) outside a git repository or for a revision git does not know.
    """
    cwd = cwd or Path.cwd()
    try:
        top = Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())
    except _GitFailed:
        raise UsageError(
            f"--changed-since needs a git repository, and {cwd} is not in one",
            hint="run svco from inside the repository, or leave out --changed-since",
        ) from None
    if ref.startswith("-"):
        raise UsageError(f"--changed-since {ref!r}: a git revision cannot start with '-'")
    try:
        _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], cwd)
    except _GitFailed:
        raise UsageError(
            f"--changed-since: git knows no revision {ref!r}",
            hint="name a branch, tag or commit (in CI, fetch it first: git fetch origin main; REF origin/main)",
        ) from None
    diff = _git(["-c", "core.quotepath=off", "diff", "--unified=0", "--no-color", "--no-ext-diff", "--no-renames",
                 "--src-prefix=a/", "--dst-prefix=b/", ref, "--"], top)  # fmt: skip
    changes = Changes()
    current: Path | None = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            name = line[4:]
            current = (top / name[2:]).resolve() if name.startswith("b/") else None
        elif line.startswith("--- /dev/null") and current is None:
            pass
        elif (m := _HUNK.match(line)) and current is not None:
            start, count = int(m[1]), int(m[2] if m[2] is not None else 1)
            span = (start, start + count - 1) if count else (max(start, 1), start + 1)
            changes.ranges.setdefault(current, []).append(span)
    for name in _git(["-c", "core.quotepath=off", "ls-files", "--others", "--exclude-standard"], top).splitlines():
        changes.whole.add((top / name).resolve())
    return changes


def keep_changed(report: ValidationReport, changes: Changes) -> ValidationReport:
    """The report with only the results located in ``changes`` (sources and engine unchanged)."""
    return replace(report, results=[r for r in report.results if changes.keeps(r)])
