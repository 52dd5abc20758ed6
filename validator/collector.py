"""Python's cycle collector paused while one file is read and checked.

Reading a workbook makes one object per stored cell and record, all alive until the file's
report is made, so the collector's periodic passes over them find nothing to free (records
hold no reference cycles; reference counting frees them) yet cost about a tenth of the time
on a large file. Safe with threads: the collector is paused while any file is being checked
and resumed, as it was, when the last one finishes."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_state = {"holders": 0, "was_enabled": False}


@contextmanager
def collector_paused() -> Iterator[None]:
    with _lock:
        if _state["holders"] == 0:
            _state["was_enabled"] = gc.isenabled()
            gc.disable()
        _state["holders"] += 1
    try:
        yield
    finally:
        with _lock:
            _state["holders"] -= 1
            if _state["holders"] == 0 and _state["was_enabled"]:
                gc.enable()
