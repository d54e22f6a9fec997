"""Writing results so that a failed run never leaves a half-written file or destroys the old one.

A regular file (or a new one) is written atomically: a temporary file in the same folder, renamed into place.
A symbolic link is followed and its target replaced, so the link stays a link. What is not a regular file
(a FIFO, a terminal, ``/dev/null``, ``/dev/stdout`` and the other streams of the process) is written through,
never replaced. Every failure (read-only folder, full disk, a parent that is a file, a name too long, a
folder) is an :class:`svco.errors.OutputError` saying what went wrong, exit code 2.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from svco.errors import OutputError

_HINTS = {
    errno.ENOSPC: "free some space on that disk, or write somewhere else",
    errno.EACCES: "choose a folder you can write to",
    errno.EPERM: "choose a folder you can write to",
    errno.EROFS: "that file system is read-only: write somewhere else",
    errno.ENAMETOOLONG: "use a shorter file name",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EEXIST: "a part of the path is a file, not a folder",
    errno.EISDIR: "give a file name, not a folder",
}


def atomic_write_bytes(destination: Path | str, data: bytes) -> None:
    """Write ``data`` to ``destination``: atomically for regular files (through symbolic links), straight
    through for FIFOs, devices and ``/dev/stdout``; :class:`OutputError` when it cannot be written.

    The rename is atomic on POSIX: readers see the old file or the new one, never a mix; on error the
    temporary file is removed and the old file is left as it was.
    """
    atomic_write_parts(destination, [data])


def atomic_write_text(destination: Path | str, text: str) -> None:
    """:func:`atomic_write_bytes` for UTF-8 text."""
    atomic_write_parts(destination, [text])


def atomic_write_parts(destination: Path | str, parts: Iterable[str | bytes]) -> None:
    """:func:`atomic_write_bytes` of the pieces ``parts`` gives (text as UTF-8), written as they come, so that
    a large output is never held whole; a failure while they are made leaves the old file as it was."""
    shown = str(destination)
    if shown in ("", "."):
        raise OutputError(f"cannot write the output to {shown!r}: that is not a file name", hint="give a file name")
    try:
        if _write_through(Path(destination)):
            with open(destination, "wb") as handle:
                _write(handle, parts)
            return
        _replace(Path(os.path.realpath(destination)), parts)
    except OSError as exc:
        problem = exc.strerror or str(exc)
        raise OutputError(f"cannot write {shown}: {problem}", hint=_HINTS.get(exc.errno or 0)) from None


def _write(handle: BinaryIO, parts: Iterable[str | bytes]) -> None:
    for part in parts:
        handle.write(part.encode("utf-8", "backslashreplace") if isinstance(part, str) else part)


#: Names of this process's own streams: written through even when they lead to a regular file (a shell's
#: ``> file``), which the shell holds open and a rename would take away from it.
_STREAMS = ("/dev/stdout", "/dev/stderr", "/dev/fd/", "/proc/")


def _write_through(destination: Path) -> bool:
    """Whether ``destination`` must be written in place: it exists and is not a regular file, or it is a
    stream of this process (``/dev/stdout``, ``/proc/self/fd/1``), whatever that is connected to."""
    if str(destination).startswith(_STREAMS) or os.path.realpath(destination).startswith("/proc/"):
        return True
    try:
        mode = os.stat(destination).st_mode
    except FileNotFoundError:
        return False
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "it is a folder")
    return not stat.S_ISREG(mode)


def _replace(destination: Path, parts: Iterable[str | bytes]) -> None:
    """Write a temporary file next to ``destination`` (a real path, no link), then rename it over it."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    if len(destination.name.encode()) > 255:
        raise OSError(errno.ENAMETOOLONG, "the file name is too long")
    fd, tmp = tempfile.mkstemp(prefix=f".{destination.name[:64]}.", suffix=".tmp", dir=destination.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            _write(handle, parts)
            handle.flush()
            os.fsync(handle.fileno())
        if destination.exists():
            os.chmod(tmp, destination.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, destination)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
