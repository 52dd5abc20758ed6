"""Run one piece of work in a worker process with a deadline. A file that takes too long (a
hostile workbook, a pathological value) is abandoned and its worker killed, so one bad file
never holds the office's run or the self-check page. Portable: a spawned process and the
public `multiprocessing.Pool` API (terminate) work the same on Linux and Windows."""

from __future__ import annotations

import multiprocessing
import signal
import time
from collections.abc import Callable
from multiprocessing.pool import Pool
from typing import Any, TypeVar

T = TypeVar("T")


class DeadlineExceeded(Exception):
    """The work did not finish within its time; its worker was killed."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"not finished within {seconds:g} s")
        self.seconds = seconds


class Abandoned(Exception):
    """A stop was asked for and the work did not finish within the grace time; its worker
    was killed."""


_POLL_SECONDS = 0.2


def _ignore_interrupts() -> None:
    """In the worker: Ctrl-C in a terminal reaches the whole process group; the parent
    decides whether the work in hand is finished or abandoned."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class DeadlineWorker:
    """One worker process, started on first use and kept for the next piece of work; replaced
    after a deadline was missed. Use as a context manager, or call `close()`.

    The callable and its arguments must be picklable (a module-level function)."""

    def __init__(self) -> None:
        self._pool: Pool | None = None

    def run(self, fn: Callable[..., T], *args: Any, seconds: float, stop: Callable[[], bool] | None = None,
            grace: float = 10.0) -> T:
        """`fn(*args)` in the worker; its exceptions are raised here. Past `seconds` the worker
        is killed and DeadlineExceeded raised. Once `stop()` is true, the work has `grace`
        more seconds (never more than its deadline) before it is killed and Abandoned raised."""
        if self._pool is None:
            self._pool = multiprocessing.get_context("spawn").Pool(1, initializer=_ignore_interrupts)
        pending = self._pool.apply_async(fn, args)
        deadline = time.monotonic() + seconds
        stopping_at: float | None = None
        while True:
            now = time.monotonic()
            if stop is not None and stopping_at is None and stop():
                stopping_at = now + grace
            until = deadline if stopping_at is None else min(deadline, stopping_at)
            try:
                return pending.get(timeout=max(0.0, min(until - now, _POLL_SECONDS if stop else until - now)))
            except multiprocessing.TimeoutError:
                if time.monotonic() < until:
                    continue
                self.close()
                if stopping_at is not None and stopping_at <= deadline:
                    raise Abandoned() from None
                raise DeadlineExceeded(seconds) from None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> DeadlineWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
