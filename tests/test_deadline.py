"""The deadline worker: results and errors come back, a stuck piece of work is killed and
the next one runs in a fresh worker."""

from __future__ import annotations

import os
import signal
import time

import pytest

from validator.deadline import Abandoned, DeadlineExceeded, DeadlineWorker, WorkerCrashed


def _pid_plus(n: int) -> tuple[int, int]:
    return os.getpid(), n + 1


def _stuck(seconds: float) -> None:
    time.sleep(seconds)


def _fails() -> None:
    raise ValueError("坏文件")


def test_result_comes_back_from_a_reused_worker() -> None:
    with DeadlineWorker() as worker:
        pid, value = worker.run(_pid_plus, 1, seconds=60)
        again, _ = worker.run(_pid_plus, 2, seconds=60)
    assert value == 2 and pid == again != os.getpid()


def test_an_error_in_the_work_is_raised_here() -> None:
    with DeadlineWorker() as worker, pytest.raises(ValueError, match="坏文件"):
        worker.run(_fails, seconds=60)


def test_stuck_work_is_killed_and_a_fresh_worker_takes_the_next() -> None:
    with DeadlineWorker() as worker:
        first, _ = worker.run(_pid_plus, 0, seconds=60)
        with pytest.raises(DeadlineExceeded):
            worker.run(_stuck, 600, seconds=0.5)
        second, value = worker.run(_pid_plus, 41, seconds=60)
    assert value == 42 and second != first
    with pytest.raises(ProcessLookupError):
        os.kill(first, 0)  # the stuck worker is gone, not left running


def test_a_stop_lets_short_work_finish() -> None:
    with DeadlineWorker() as worker:
        worker.run(_pid_plus, 0, seconds=60)  # started
        _, value = worker.run(_pid_plus, 1, seconds=60, stop=lambda: True, grace=30)
    assert value == 2


def test_a_stop_abandons_long_work_after_the_grace_time() -> None:
    with DeadlineWorker() as worker:
        first, _ = worker.run(_pid_plus, 0, seconds=60)
        with pytest.raises(Abandoned):
            worker.run(_stuck, 600, seconds=600, stop=lambda: True, grace=0.3)
        second, _ = worker.run(_pid_plus, 0, seconds=60)
    assert second != first
    with pytest.raises(ProcessLookupError):
        os.kill(first, 0)


def test_the_deadline_still_holds_while_stop_is_polled() -> None:
    with DeadlineWorker() as worker, pytest.raises(DeadlineExceeded):
        worker.run(_stuck, 600, seconds=0.5, stop=lambda: False)


def _segfault() -> None:
    import ctypes

    ctypes.string_at(0)  # a real crash in C code: reading address 0


def _kill_self(signum: int) -> None:
    os.kill(os.getpid(), signum)
    time.sleep(600)


def test_a_segfault_in_the_work_is_noticed_at_once_and_a_fresh_worker_takes_the_next() -> None:
    with DeadlineWorker() as worker:
        first, _ = worker.run(_pid_plus, 0, seconds=60)
        with pytest.raises(WorkerCrashed, match="审核子进程意外退出（被信号 SIGSEGV 终止）") as crash:
            worker.run(_segfault, seconds=3600)  # were it noticed only at the deadline, this would hang an hour
        assert crash.value.exitcode == -signal.SIGSEGV
        second, value = worker.run(_pid_plus, 1, seconds=60)
    assert value == 2 and second != first


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM])
def test_a_worker_killed_while_working_is_noticed_even_while_stop_is_polled(signum: int) -> None:
    with DeadlineWorker() as worker:
        with pytest.raises(WorkerCrashed, match=f"被信号 {signal.Signals(signum).name} 终止"):
            worker.run(_kill_self, signum, seconds=3600, stop=lambda: False)
        _, value = worker.run(_pid_plus, 5, seconds=60)
    assert value == 6


def test_a_worker_killed_while_idle_is_replaced_before_the_next_work() -> None:
    with DeadlineWorker() as worker:
        first, _ = worker.run(_pid_plus, 0, seconds=60)
        os.kill(first, signal.SIGKILL)
        second, value = worker.run(_pid_plus, 1, seconds=60)
    assert value == 2 and second != first


class _Unpicklable(Exception):
    def __init__(self, lock: object) -> None:
        super().__init__("带锁的异常")
        self.lock = lock


def _raises_unpicklable() -> None:
    import threading

    raise _Unpicklable(threading.Lock())


def test_an_error_that_cannot_be_sent_back_still_comes_back_as_an_error() -> None:
    with DeadlineWorker() as worker:
        with pytest.raises(RuntimeError, match="could not be sent back"):
            worker.run(_raises_unpicklable, seconds=60)
        _, value = worker.run(_pid_plus, 1, seconds=60)
    assert value == 2


# A parent process that forks a worker, reports how it was started and its pid, then dies
# without closing anything (as when the office's run is killed).
_ORPHANING_PARENT = """
import os, sys, threading
from validator.deadline import DeadlineWorker
from tests.test_deadline import _pid_plus
if sys.argv[1] == "threaded":
    threading.Thread(target=threading.Event().wait, daemon=True).start()
worker = DeadlineWorker(fork=True).start()
pid, value = worker.run(_pid_plus, 41, seconds=60)
print(worker.start_method, pid, value, flush=True)
os.kill(os.getpid(), 9)
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a zombie waiting to be reaped by init is gone too
        return stat.read().split(")")[-1].split()[0] != "Z"


@pytest.mark.skipif(not os.path.exists("/proc"), reason="reads /proc to see whether the orphan lives on")
@pytest.mark.parametrize(("threads", "method"), [("single", "fork"), ("threaded", "spawn")])
def test_a_fork_worker_is_forked_only_from_a_single_thread_and_ends_with_its_parent(threads: str, method: str) -> None:
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-c", _ORPHANING_PARENT, threads], cwd=root, capture_output=True,
                          text=True, timeout=60)
    started, pid, value = done.stdout.split()
    assert (started, value) == (method, "42") and done.returncode == -signal.SIGKILL
    deadline = time.monotonic() + 10
    while _alive(int(pid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(int(pid)), f"the {method} worker {pid} outlived its killed parent"


def test_a_forked_worker_gives_the_same_results_and_errors() -> None:
    with DeadlineWorker(fork=True) as worker:
        worker.start()
        pid, value = worker.run(_pid_plus, 1, seconds=60)
        assert value == 2 and pid != os.getpid()
        with pytest.raises(ValueError, match="坏文件"):
            worker.run(_fails, seconds=60)
