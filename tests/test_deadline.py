"""The deadline worker: results and errors come back, a stuck piece of work is killed and
the next one runs in a fresh worker."""

from __future__ import annotations

import os
import time

import pytest

from validator.deadline import Abandoned, DeadlineExceeded, DeadlineWorker


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
