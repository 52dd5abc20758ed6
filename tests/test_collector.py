"""The cycle collector is paused while a file is checked and resumed as it was afterwards,
also when checks overlap in threads or one raises."""

from __future__ import annotations

import gc
import threading

import pytest

from validator.collector import collector_paused


def test_paused_inside_and_resumed_after() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer check is still running
    assert gc.isenabled()


def test_resumed_after_an_error() -> None:
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("a reader bug")
    assert gc.isenabled()


def test_left_off_when_it_was_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_overlapping_threads_resume_it_once_all_are_done() -> None:
    inside, release = threading.Barrier(3), threading.Event()

    def check() -> None:
        with collector_paused():
            inside.wait()
            release.wait()

    threads = [threading.Thread(target=check) for _ in range(2)]
    for thread in threads:
        thread.start()
    inside.wait()
    assert not gc.isenabled()
    release.set()
    for thread in threads:
        thread.join()
    assert gc.isenabled()
