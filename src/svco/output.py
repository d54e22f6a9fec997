"""Writing results so that a failed run never leaves a half-written file or destroys the old one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def atomic_write_bytes(destination: Path | str, data: bytes) -> None:
    """Write ``data`` to ``destination`` through a temporary file in the same folder, then rename it.

    The rename is atomic on POSIX: readers see the old file or the new one, never a mix; on error the
    temporary file is removed and the old file is left as it was.
    """
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{destination.name}.", suffix=".tmp", dir=destination.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
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


def atomic_write_text(destination: Path | str, text: str) -> None:
    """:func:`atomic_write_bytes` for UTF-8 text."""
    atomic_write_bytes(destination, text.encode("utf-8"))
