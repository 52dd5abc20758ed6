"""Shared fixtures: hand-built reports and workbooks built in code."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings
from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).parent))

# In CI the property-based tests replay the same examples every run, so a landing never
# depends on luck; on a developer's machine they keep exploring new inputs.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

from builders import SHEET, failed_file, passed_file, unreadable_file, warnings_file  # noqa: E402
from helpers import good_sub, write_sub  # noqa: E402

from validator.model import Report  # noqa: E402


@pytest.fixture
def good_path(tmp_path: Path) -> Path:
    return write_sub(tmp_path / "good.xlsx", good_sub())


@pytest.fixture(autouse=True)
def _isolated_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never pick up a rules.yaml from wherever pytest was started."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def report() -> Report:
    """One submission per outcome: returned, passed with hints, passed, unreadable."""
    return Report(files=(failed_file(), warnings_file(), passed_file(), unreadable_file()),
                  generated=datetime(2026, 11, 28, 9, 0))


@pytest.fixture
def make_workbook(tmp_path: Path) -> Callable[..., Path]:
    """`make_workbook(rows, name=..., sheet=..., extra_sheets=...)`: one sheet of rows, saved."""

    def make(rows: Sequence[Sequence[Any]], *, name: str = "submission.xlsx", sheet: str = SHEET,
             extra_sheets: Sequence[str] = ()) -> Path:
        workbook = Workbook()
        ws = workbook.active
        ws.title = sheet
        for row in rows:
            ws.append(list(row))
        for title in extra_sheets:
            workbook.create_sheet(title)
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        workbook.save(path)
        return path

    return make
