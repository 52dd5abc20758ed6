"""Stopping `validator run` gracefully: SIGTERM (systemd, `kill`) or SIGINT (Ctrl-C) sets a
stop flag instead of killing the process. The pass then finishes or abandons the file in
hand (see `process_inbox`) and records the run as stopped, never leaving it `running`."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from validator.bot.runner import StopFlag

log = logging.getLogger("validator.bot")

SIGNALS = (signal.SIGTERM, signal.SIGINT)


@contextmanager
def stop_on_signals() -> Iterator[StopFlag]:
    """Within the block, SIGTERM and SIGINT set the yielded flag; the previous handlers are
    restored afterwards. Call from the main thread."""
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        if not stop.is_set():
            log.info("收到停止信号（%s），处理完或放弃当前文件后结束。", signal.Signals(signum).name)
        stop.set()

    previous = {number: signal.signal(number, on_signal) for number in SIGNALS}
    try:
        yield stop.is_set
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
