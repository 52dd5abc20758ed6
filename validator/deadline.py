"""Run one piece of work in a worker process with a deadline. A file that takes too long (a
hostile workbook, a pathological value) is abandoned and its worker killed, so one bad file
never holds the office's run or the self-check page. Portable: a spawned process and the
public `multiprocessing.Pool` API (terminate) work the same on Linux and Windows."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from multiprocessing.pool import Pool
from typing import Any, TypeVar

T = TypeVar("T")


class DeadlineExceeded(Exception):
    """The work did not finish within its time; its worker was killed."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"not finished within {seconds:g} s")
        self.seconds = seconds


class DeadlineWorker:
    """One worker process, started on first use and kept for the next piece of work; replaced
    after a deadline was missed. Use as a context manager, or call `close()`.

    The callable and its arguments must be picklable (a module-level function)."""

    def __init__(self) -> None:
        self._pool: Pool | None = None

    def run(self, fn: Callable[..., T], *args: Any, seconds: float) -> T:
        """`fn(*args)` in the worker; its exceptions are raised here. Past `seconds` the worker
        is killed and DeadlineExceeded raised."""
        if self._pool is None:
            self._pool = multiprocessing.get_context("spawn").Pool(1)
        pending = self._pool.apply_async(fn, args)
        try:
            return pending.get(timeout=seconds)
        except multiprocessing.TimeoutError:
            self.close()
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
