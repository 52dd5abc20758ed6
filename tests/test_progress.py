"""The batch progress bar: shown on a terminal, redrawn as files are done, and started without a
refresh thread (so `validate --workers` may fork its workers while it shows)."""

from __future__ import annotations

import io
import sys
import threading
from pathlib import Path

import pytest

from validator.outputs.progress import progress_bar


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_bar_runs_without_a_thread_and_shows_each_file(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    before = threading.active_count()
    with progress_bar(3) as advance:
        assert advance is not None
        assert threading.active_count() == before
        advance(Path("某市司法局_绩效目标表.xlsx"))
        shown = terminal.getvalue()
    assert "审核中" in shown and "1/3" in shown and "某市司法局_绩效目标表.xlsx" in shown


def test_no_bar_off_a_terminal_or_for_one_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    with progress_bar(3) as advance:
        assert advance is None
    monkeypatch.setattr(sys, "stderr", _Terminal())
    with progress_bar(1) as advance:
        assert advance is None
