"""The layout scans' shortcuts (per-process memos of header keys and label fields, cached row
coordinates, the one-pass note test, the early exit of the header-copy scan, the columns of a
row taken in one call) give what the plain formulations give, on random sheets with merged
areas (overlapping ones too), notes, formulas, header words and copies of the header."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from validator.reader import columns, layout, national
from validator.reader.columns import INDICATOR_INDEX, PROJECT_INDEX, ROWWISE_INDEX, header_key, lookup_keys
from validator.reader.grid import Grid, coordinate, row_coordinates, spread_merged
from validator.reader.layout import Header, field_getter, row_fields
from validator.records import Cell
from validator.text import key

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TEXTS = ["项目名称", "*总计（万元）", "财政拨款", "一级指标", "二级指标", "三级指标", "指标值", "指标值（年度）",
         "计量单位", "备注", "注：以上为示例", "说明：", "项目资金", "年度资金总额", "年度资金总额：120",
         "单位0", "99", "  项目  名称 ", "其中：财政拨款", "总体目标", "", "x" * 210, "实施单位（盖章）"]


@st.composite
def grids(draw: Any) -> Grid:
    height = draw(st.integers(1, 12))
    width = draw(st.integers(1, 7))
    text = draw(st.booleans())
    sheet = None if text else "表"
    rows: list[list[Cell | None]] = []
    for r in range(height):
        row: list[Cell | None] = []
        for c in range(width):
            kind = draw(st.integers(0, 9))
            if kind < 3:
                row.append(None)
            elif kind == 3:
                row.append(Cell.read(sheet, coordinate(r, c, text=text), None, formula="=A1"))
            elif kind == 4:
                row.append(Cell.read(sheet, coordinate(r, c, text=text), 12.5))
            else:
                row.append(Cell.read(sheet, coordinate(r, c, text=text), draw(st.sampled_from(TEXTS))))
        rows.append(row)
    if not text:
        area = st.tuples(st.integers(0, height - 1), st.integers(0, width - 1), st.integers(0, 3), st.integers(0, 3))
        areas = [(r, c, r + dr, c + dc) for r, c, dr, dc in draw(st.lists(area, max_size=4))]
        spread_merged("表", rows, areas)  # overlapping areas left as a hostile file would have them
    if draw(st.booleans()) and height > 2:  # a copy of a row further down, as pasted headers are
        rows[-1] = [None if c is None else Cell.read(c.sheet, coordinate(height - 1, i, text=text), c.raw)
                    for i, c in enumerate(rows[draw(st.integers(0, height - 2))])]
    return Grid("表", rows, is_text=text)


def _plain_row_keys(grid: Grid, row: int) -> list[tuple[int, str, str | None]]:
    cells = grid.rows[row] if row < len(grid.rows) else []
    return [(col, *columns._lookup_keys(cell.text)) for col, cell in enumerate(cells)
            if cell is not None and cell.text and cell.coord == coordinate(row, col, text=grid.is_text)]


def _plain_is_data(grid: Grid, row: int) -> bool:
    texts = {c.coord: c.text for c in grid.rows[row] if c is not None and c.text}
    note = len(texts) == 1 and next(iter(texts.values())).startswith(layout.NOTE_PREFIXES)
    return any(c is not None and not c.empty for c in grid.rows[row]) and not note


def _plain_header_copies(grid: Grid, header: Header) -> tuple[int, ...]:
    words = {col: {columns._header_key(grid.text(r, col)) for r in range(header.first_row, header.row + 1)} - {""}
             for col in header.columns.values()}
    needed = max(2, (len(words) + 1) // 2)
    copies: list[int] = []
    for r in range(header.row + 1, len(grid.rows)):
        hits = sum(1 for col, texts in words.items() if columns._header_key(grid.text(r, col)) in texts)
        follows = bool(copies) and copies[-1] == r - 1 and header.row > header.first_row
        if hits >= needed or (follows and hits >= 2):
            copies.append(r)
    return tuple(copies)


def _plain_labels(grid: Grid, stop: int) -> list[tuple[str, str, int, int]]:
    found = []
    for r in range(min(stop, len(grid.rows))):
        for c, cell in enumerate(grid.rows[r]):
            if cell is None or cell.coord != coordinate(r, c) or cell.empty or not isinstance(cell.raw, str):
                continue
            field = national._find_field(cell.text)
            if field is not None:
                found.append((field, cell.coord, r, c))
    return found


@SETTINGS
@given(grids())
def test_row_keys_are_the_plain_ones(grid: Grid) -> None:
    for row in range(len(grid.rows) + 1):
        keys = layout._row_keys(grid, row)
        assert keys == _plain_row_keys(grid, row)
        if row < min(layout.HEADER_SCAN_ROWS, len(grid.rows)):
            assert layout._row_keysets(grid)[row] == {k for _, key, short in keys for k in (key, short) if k is not None}


@SETTINGS
@given(grids(), st.sampled_from([PROJECT_INDEX, INDICATOR_INDEX, ROWWISE_INDEX]), st.integers(1, 4))
def test_tables_read_as_the_plain_scans_read_them(grid: Grid, index: dict[str, str], minimum: int) -> None:
    header = layout.find_header(grid, index, minimum=minimum)
    if header is None:
        return
    assert tuple(layout.header_copies(grid, header)) == _plain_header_copies(grid, header)
    copies = set(_plain_header_copies(grid, header))
    assert layout.data_rows(grid, header) == [
        r for r in range(header.row + 1, len(grid.rows)) if r not in copies and _plain_is_data(grid, r)]
    fields = (*dict.fromkeys(index.values()), "no-such-field")
    cells = row_fields(grid, header, fields)
    for r in range(-1, len(grid.rows) + 2):
        get = field_getter(grid, header, r)
        assert cells(r) == [get(f) for f in fields]


@SETTINGS
@given(grids())
def test_labels_are_the_plain_ones(grid: Grid) -> None:
    if grid.is_text:
        return
    got = [(lab.field, lab.cell.coord, lab.row, lab.col) for lab in national._labels(grid, len(grid.rows))]
    assert got == _plain_labels(grid, len(grid.rows))


@pytest.mark.parametrize("text", [*TEXTS, "指标值(包含数字及文字描述)", "※三级指标（指标名称）", "x" * 300])
def test_memos_give_what_the_functions_give(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(columns, "_KEPT", 3)  # a memo that is emptied while the texts are looked up
    columns.HEADER_KEYS.clear()
    columns.LOOKUP_KEYS.clear()
    for other in [text, *TEXTS, text]:
        assert header_key(other) == columns._header_key(other)
        assert lookup_keys(other) == columns._lookup_keys(other)
        assert national._field_of(other) == national._find_field(other)
    assert len(columns.HEADER_KEYS) <= 3 and len(columns.LOOKUP_KEYS) <= 3
    assert all(len(t) <= 200 for t in (*columns.HEADER_KEYS, *columns.LOOKUP_KEYS))


@pytest.mark.parametrize("text", [False, True])
def test_row_coordinates_are_coordinates(text: bool) -> None:
    for row in (0, 7, 255, 256, 1000):
        for width in (1, 3, 30, 3, 250):  # a wider sheet after a narrower one, and back
            coords = row_coordinates(row, width, text=text)
            assert list(coords[:width]) == [coordinate(row, c, text=text) for c in range(width)]


@SETTINGS
@given(st.text(alphabet="*＊※ 　\n其中:：(万元)总计a", max_size=12))
def test_header_key_strips_markers_as_the_anchored_pattern_did(text: str) -> None:
    k = columns._PAREN.sub("", key(text))
    assert columns._header_key(text) == columns._WHEREOF.sub("", re.sub(r"^[*＊※]+|[*＊※]+$", "", k))
