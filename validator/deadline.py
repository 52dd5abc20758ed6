"""Run one piece of work in a worker process with a deadline. A file that takes too long (a
hostile workbook, a pathological value) is abandoned and its worker killed, so one bad file
never holds the office's run or the self-check page. A worker that dies while working (killed
by the out-of-memory killer or by hand, a crash in a C library) is noticed at once, not at the
deadline: `WorkerCrashed` is raised and the next piece of work gets a fresh worker.

Portable: a spawned `multiprocessing.Process`, a `Pipe`, and `multiprocessing.connection.wait`
on the pipe and the process's sentinel work the same on Linux and Windows. A worker asked to
`fork` is forked instead where the platform forks and this process runs a single thread (so no
lock can be held by another thread at the fork): it starts at once with everything already
imported, where a spawned worker first starts an interpreter and imports the package. (`multiprocessing.Pool`
replaces a dead worker silently and leaves its task pending forever; `ProcessPoolExecutor`
notices a death but cannot kill a stuck worker before Python 3.14.)"""

from __future__ import annotations

import multiprocessing
import signal
import sys
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, NoReturn, TypeVar

T = TypeVar("T")


class DeadlineExceeded(Exception):
    """The work did not finish within its time; its worker was killed."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"not finished within {seconds:g} s")
        self.seconds = seconds


class Abandoned(Exception):
    """A stop was asked for and the work did not finish within the grace time; its worker
    was killed."""


class WorkerCrashed(Exception):
    """The worker process ended while the work was in hand (killed, crashed). The message is
    Chinese: it is shown to the office's IT staff as the reason of a failed attempt."""

    def __init__(self, exitcode: int | None) -> None:
        super().__init__(f"审核子进程意外退出（{_how_it_ended(exitcode)}），可能是内存不足、被其他程序结束或程序错误")
        self.exitcode = exitcode


def _how_it_ended(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return f"被信号 {signal.Signals(-exitcode).name} 终止"
        except ValueError:
            return f"被信号 {-exitcode} 终止"
    return "退出码未知" if exitcode is None else f"退出码 {exitcode}"


def can_fork() -> bool:
    """Whether a worker may be forked from this process: on Linux (macOS forks too, but its
    system libraries are not safe to use after a fork, which is why Python spawns there), and
    while this process runs one thread (a thread holding a lock at the fork would leave it held
    forever in the child; later replacements, started from worker threads, are spawned instead)."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


_POLL_SECONDS = 0.2
_GONE = object()
STARTED = "started"  # the worker has taken the work: from now on a death is the work's


def _serve(conn: Connection, parent_end: Connection | None = None) -> None:
    """The worker's loop: `(fn, args)` in; `STARTED` out as soon as it is taken, then
    `(True, result)` or `(False, exception)`, until the parent closes its end. Ctrl-C in a
    terminal reaches the whole process group; the parent decides whether the work in hand is
    finished or abandoned. A forked worker inherits the parent's end of its pipe too: closed
    here, so the parent's death still reads as end of file and the worker ends with it."""
    if parent_end is not None:
        parent_end.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            fn, args = conn.recv()
            conn.send(STARTED)
        except (EOFError, OSError):
            return
        try:
            answer: tuple[bool, Any] = (True, fn(*args))
        except Exception as exc:
            answer = (False, exc)
        try:
            conn.send(answer)
        except Exception as exc:  # a result or exception that does not pickle; nothing was sent
            conn.send((False, RuntimeError(f"the worker's answer could not be sent back: {exc!r} ({answer[1]!r})")))


class DeadlineWorker:
    """One worker process, started on first use and kept for the next piece of work; replaced
    after a deadline was missed or when it died. Use as a context manager, or call `close()`.

    The callable and its arguments must be picklable (a module-level function). With
    `fork=True` the worker is forked from this process whenever that is safe (`can_fork`),
    else spawned; either way it runs the same code on the same arguments."""

    def __init__(self, *, fork: bool = False) -> None:
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None
        self._fork = fork
        self._method = "spawn"

    def start(self) -> DeadlineWorker:
        """Start the worker now instead of on first use (a forked worker must be started while
        this process has a single thread)."""
        if self._process is None or not self._process.is_alive():
            self._start()
        return self

    @property
    def start_method(self) -> str | None:
        """How the current worker process was started ("fork" or "spawn"); None before."""
        return None if self._process is None else self._method

    def run(self, fn: Callable[..., T], *args: Any, seconds: float, stop: Callable[[], bool] | None = None,
            grace: float = 10.0) -> T:
        """`fn(*args)` in the worker; its exceptions are raised here. Past `seconds` the worker
        is killed and DeadlineExceeded raised. Once `stop()` is true, the work has `grace`
        more seconds (never more than its deadline) before it is killed and Abandoned raised.
        When the worker dies meanwhile, WorkerCrashed is raised as soon as it is gone."""
        deadline = time.monotonic() + seconds
        stopping_at: float | None = None
        conn, process = self._send(fn, args)
        started, resent = False, False
        while True:
            now = time.monotonic()
            if stop is not None and stopping_at is None and stop():
                stopping_at = now + grace
            until = deadline if stopping_at is None else min(deadline, stopping_at)
            timeout = max(0.0, until - now)
            ready = wait([conn, process.sentinel], min(timeout, _POLL_SECONDS) if stop else timeout)
            if ready:
                message = self._receive(conn)
                if message is _GONE and not started and not resent:
                    conn, process, resent = *self._send(fn, args, fresh=True), True  # died idle: the work never reached it
                    continue
                if message is _GONE:
                    self._crashed(process)
                if message != STARTED:
                    return self._answer(message)
                started = True
                continue
            if time.monotonic() < until:
                continue
            self.close()
            if stopping_at is not None and stopping_at <= deadline:
                raise Abandoned() from None
            raise DeadlineExceeded(seconds) from None

    def _send(self, fn: Callable[..., Any], args: tuple[Any, ...], *,
              fresh: bool = False) -> tuple[Connection, BaseProcess]:
        """Hand the work to a live worker; one that is known to have died (or is `fresh`ly
        found gone: its pipe closes a moment before it can be reaped) is replaced first."""
        if fresh or self._process is None or not self._process.is_alive():
            self._start()
        assert self._conn is not None and self._process is not None
        with suppress(BrokenPipeError, ConnectionResetError):  # it died just now; its end reads as gone
            self._conn.send((fn, args))
        return self._conn, self._process

    def _start(self) -> None:
        self.close()
        forked = self._fork and can_fork()
        self._method = "fork" if forked else "spawn"
        context = multiprocessing.get_context("fork") if forked else multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe()
        args = (theirs, ours) if forked else (theirs,)
        process = context.Process(target=_serve, args=args, daemon=True, name="validator-worker")
        process.start()
        theirs.close()  # the worker holds its end; a dead worker then reads as end of file here
        self._process, self._conn = process, ours

    @staticmethod
    def _receive(conn: Connection) -> Any:
        """The next message, or _GONE when the worker has died (its end of the pipe closed
        with it; a dead worker's sentinel and a closed pipe both read as ready)."""
        if not conn.poll():
            return _GONE
        try:
            return conn.recv()
        except (EOFError, OSError):
            return _GONE

    @staticmethod
    def _answer(message: tuple[bool, Any]) -> Any:
        ok, value = message
        if ok:
            return value
        raise value

    def _crashed(self, process: BaseProcess) -> NoReturn:
        process.join(5)
        exitcode = process.exitcode
        self.close()
        raise WorkerCrashed(exitcode)

    def close(self) -> None:
        process, conn = self._process, self._conn
        self._process = self._conn = None
        if conn is not None:
            conn.close()
        if process is not None:
            if process.is_alive():
                process.terminate()
                process.join(5)
            if process.is_alive():
                process.kill()
            process.join()
            process.close()

    def __enter__(self) -> DeadlineWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
