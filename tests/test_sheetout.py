"""The literal-string writer shared by the annotated copy and the summary."""

from datetime import UTC, datetime
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from validator.outputs.sheetout import LINE_HEIGHT, put_text, put_value, wrapped_lines, write_table


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_text_stays_a_string(text: str) -> None:
    cell = put_text(Workbook().active["A1"], text)
    assert cell.data_type == "s"


def test_formula_like_text_survives_a_round_trip(tmp_path: Path) -> None:
    workbook = Workbook()
    samples = ["=1+1", '=HYPERLINK("http://x","y")', "#N/A", "=cmd|' /C calc'!A0", "+1", "a\x01b"]
    for row, text in enumerate(samples, start=1):
        put_text(workbook.active.cell(row, 1), text)
    path = tmp_path / "t.xlsx"
    workbook.save(path)
    cells = [row[0] for row in load_workbook(path).active.iter_rows()]
    assert [c.value for c in cells] == [*samples[:-1], "ab"]
    assert all(c.data_type == "s" for c in cells)


def test_numbers_and_dates_keep_their_type() -> None:
    ws = Workbook().active
    assert put_value(ws["A1"], 3).data_type == "n"
    aware = put_value(ws["A2"], datetime(2026, 11, 28, 9, 0, tzinfo=UTC))
    assert aware.value == datetime(2026, 11, 28, 9, 0) and aware.number_format == "yyyy-mm-dd hh:mm"
    assert put_value(ws["A3"], True).value == "True"


def test_wrapped_rows_get_a_height_that_shows_all_their_lines() -> None:
    ws = Workbook().active
    long = "请用不少于 15 个字写明本年度的产出（数量、质量、时效）和预期效果。"  # 64 units in a 20-wide column
    write_table(ws, (("序号", 6), ("修改建议", 20)), [(1, "短"), (2, long), (3, "第一行\n第二行")], wrap=(1,))
    assert ws.row_dimensions[2].height is None  # one line: left to the default
    assert wrapped_lines(long, 20) == 4 and ws.row_dimensions[3].height == 4 * LINE_HEIGHT
    assert ws.row_dimensions[4].height == 2 * LINE_HEIGHT
