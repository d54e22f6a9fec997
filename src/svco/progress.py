"""A progress display on stderr for long work (loading models, validating, reasoning, loading a server):
rich's spinner and bar when stderr is a terminal, nothing at all otherwise, so CI logs stay clean.

>>> with progress("validating") as step:   # not a terminal here: a silent no-op
...     step("shapes")
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path


def enabled() -> bool:
    """Whether progress is shown: stderr is a terminal."""
    return sys.stderr.isatty()


@contextlib.contextmanager
def progress(what: str) -> Iterator[Callable[[str], None]]:
    """Show ``what`` with a spinner while the block runs; the yielded function names the current step."""
    if not enabled():
        yield lambda _detail: None
        return
    from rich.console import Console

    with Console(stderr=True).status(what) as status:
        yield lambda detail: status.update(f"{what}: {detail}")


def file_callback(step: Callable[[str], None]) -> Callable[[Path, int, int], None]:
    """An ``on_file`` callback for :meth:`svco.store.Store.load` that reports each file on ``step``."""
    return lambda path, index, count: step(f"{path.name} ({index + 1}/{count})")
