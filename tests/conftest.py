"""Shared fixtures: hand-built reports and workbooks built in code."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Sequence

import pytest
from openpyxl import Workbook

from builders import SHEET, failed_file, passed_file, unreadable_file, warnings_file
from validator.model import Report


@pytest.fixture
def report() -> Report:
    return Report(files=(failed_file(), warnings_file(), passed_file(), unreadable_file()),
                  generated=datetime(2026, 11, 28, 9, 0))


@pytest.fixture
def make_xlsx(tmp_path: Path) -> Callable[..., Path]:
    """`make_xlsx(rows, name=..., sheet=..., extra_sheets=...)` writes a workbook and returns its path."""

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
