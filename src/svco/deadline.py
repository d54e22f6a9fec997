"""A total deadline on a blocking network call.

Socket timeouts bound each read, so a server that trickles a byte every few seconds can hold a request for
ever. :func:`call_with_deadline` bounds the whole call: it runs in a daemon thread, and when the deadline
passes the caller gets :class:`TimeoutError` while the abandoned call ends with its socket (at the latest when
the process exits; a daemon thread never keeps it alive).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def call_with_deadline(function: Callable[[], T], seconds: float) -> T:
    """``function()``'s result or exception, or :class:`TimeoutError` when it takes more than ``seconds``."""
    outcome: list = []

    def work() -> None:
        try:
            outcome.append((True, function()))
        except BaseException as exc:  # handed to the caller's thread
            outcome.append((False, exc))

    worker = threading.Thread(target=work, name="svco-network", daemon=True)
    worker.start()
    worker.join(seconds)
    if not outcome:
        raise TimeoutError(f"no complete answer within {seconds:g} s")
    ok, value = outcome[0]
    if ok:
        return value
    raise value
