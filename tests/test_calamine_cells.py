"""The Cells the fast reader makes from calamine's values in place are the Cells `Cell(...)`
makes (same fields, frozen), and cells of one text share one string."""

from __future__ import annotations

import dataclasses
from datetime import datetime

import pytest

from validator.reader.calamine_reader import _value_cells
from validator.records import Cell

ROWS = [
    ["项目名称", "", " 产出指标 ", 1.0, 0.5],
    ["项目名称", "ＡＢＣ", " 产出指标 ", datetime(2024, 1, 2), ""],
    ["", "", "", "", ""],
]


def test_cells_made_in_place_equal_the_constructor() -> None:
    rows, height, width = _value_cells("表", [list(r) for r in ROWS], {(0, 4): "0.00%"})
    assert (height, width) == (2, 5)
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if ROWS[r][c] == "":
                assert cell is None
                continue
            expected = Cell("表", f"{'ABCDE'[c]}{r + 1}", 1 if ROWS[r][c] == 1.0 else ROWS[r][c],
                            "0.00%" if (r, c) == (0, 4) else "General")
            assert type(cell) is Cell and cell == expected and cell.text == expected.text
            with pytest.raises(dataclasses.FrozenInstanceError):
                cell.raw = "x"  # type: ignore[misc]


def test_cells_of_one_text_share_one_string() -> None:
    first, second = [list(r) for r in ROWS[:2]]
    second[0] = "".join(["项目", "名称"])  # equal to first[0] but another object, as calamine gives it
    assert second[0] is not first[0]
    rows, _, _ = _value_cells("表", [first, second], {})
    assert rows[0][0] is not None and rows[1][0] is not None
    assert rows[1][0].raw is rows[0][0].raw and rows[1][0].coord == "A2"
    assert rows[0][2] is not None and rows[0][2].text == "产出指标"
