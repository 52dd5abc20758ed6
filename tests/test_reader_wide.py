"""A sheet wider than the reader's column bound (a stray cell far to the right) is read from
column A like any other: a table starting in column C keeps its cell references, and both
readers give the findings the narrow sheet gives."""

from __future__ import annotations

from pathlib import Path

import yaml
from openpyxl import Workbook, load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.cell import coordinate_from_string

from validator.config.loader import load_config
from validator.engine import check_submission
from validator.reader import read_submission
from validator.reader.grid import MAX_COLS

ROOT = Path(__file__).resolve().parent
SOURCE = ROOT / "acceptance" / "fail" / "rowwise_problems.xlsx"
CONFIG = load_config()
BY = 2  # the table starts in column C


def shifted_copy(target: Path, far_column: int | None) -> Path:
    """The acceptance workbook with every cell and merged area moved BY columns right, and
    optionally one stray cell in `far_column` of the table's sheet."""
    old = load_workbook(SOURCE)
    new = Workbook()
    new.remove(new.active)
    for ws in old:
        out = new.create_sheet(ws.title)
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    out.cell(cell.row, cell.column + BY, cell.value).number_format = cell.number_format
        for area in ws.merged_cells.ranges:
            out.merge_cells(start_row=area.min_row, start_column=area.min_col + BY,
                            end_row=area.max_row, end_column=area.max_col + BY)
        if far_column:
            out.cell(2, far_column, "备注")
    new.save(target)
    return target


def findings(path: Path, engine: str) -> list[tuple[str, str | None]]:
    sub = read_submission(path, engine=engine)
    return sorted((f.rule, f"{f.sheet}!{f.cell}") for f in check_submission(sub, CONFIG))


def moved(reference: str) -> str:
    sheet, cell = reference.split("!")
    letters, row = coordinate_from_string(cell)
    return f"{sheet}!{get_column_letter(column_index_from_string(letters) + BY)}{row}"


def expected() -> list[tuple[str, str]]:
    spec = yaml.safe_load((SOURCE.with_suffix(".expect.yaml")).read_text(encoding="utf-8"))
    return sorted((rule, moved(ref)) for rule, ref in spec["findings"])


def test_a_sheet_wider_than_the_bound_keeps_its_cell_references(tmp_path: Path) -> None:
    wide = shifted_copy(tmp_path / "wide.xlsx", MAX_COLS + 30)
    assert load_workbook(wide)["绩效目标"].max_column > MAX_COLS
    found = findings(wide, "calamine")
    assert ("funds-row-total", "绩效目标!E5") in found and ("nature-conflict", "绩效目标!L6") in found
    assert found == expected()


def test_wide_and_narrow_sheets_give_the_same_findings_on_both_readers(tmp_path: Path) -> None:
    wide = shifted_copy(tmp_path / "wide.xlsx", MAX_COLS + 30)
    narrow = shifted_copy(tmp_path / "narrow.xlsx", None)
    assert findings(wide, "calamine") == findings(narrow, "calamine") == findings(wide, "openpyxl")
