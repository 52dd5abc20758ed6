"""Property-based robustness tests of the whole read-and-check path: real .xlsx files built
from the standard template and from arbitrary sheets, and mutated copies of the published
text table, filled with the messy values real submissions carry.

For every input: `validate_file` returns a FileReport and does not raise; no rule crashed and
no file was unreadable because of an internal error; every finding's cell is a cell the user
can find (a valid A1 reference inside the sheet it names, not hidden under a merged area, or
`第N行第M列` inside a text table); every message and suggestion is Chinese, and a message
quotes at most a short excerpt of a cell; the file is left byte-identical."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from helpers import GOOD_CELL, PUBLISHED_HEADER, good_published, good_sub, write_published, write_sub
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, MergedCell
from openpyxl.utils import column_index_from_string

from validator.config.loader import load_config
from validator.engine import validate_file
from validator.model import UNREADABLE_RULE, FileReport
from validator.reader.columns import INDICATOR_HEADERS, PROJECT_HEADERS
from validator.reader.textfile import decode

SEED = Path(__file__).parent / "data" / "seed_2023.txt"
CRASHED_RULE = "本项检查因程序内部错误未能完成"
CHINESE = re.compile(r"[\u4e00-\u9fff]")
A1 = re.compile(r"^([A-Z]{1,3})([1-9][0-9]*)$")
TEXT_CELL = re.compile(r"^第([1-9][0-9]*)行第([1-9][0-9]*)列$")
# MESSY_EXAMPLES=500 python -m pytest tests/test_messy_inputs.py for a deeper run.
EXAMPLES = int(os.environ.get("MESSY_EXAMPLES", "100"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
CONFIG = load_config()
MAX_MESSAGE = 300  # a 10,000-character cell is quoted as an excerpt (the finding's value keeps it)
# openpyxl warns about out-of-range date serials when the test reads a workbook back.
pytestmark = pytest.mark.filterwarnings("ignore:Cell .* is marked as a date:UserWarning")


class AsText(str):
    """A string starting with "=" that the test writes as text, not as a formula."""


def _legal(text: str) -> bool:
    return ILLEGAL_CHARACTERS_RE.search(text) is None


DOMAIN_TEXT = st.sampled_from([
    "≥95%", "95%以上", "100%", "≥90", "＜24小时", "不少于48场", "完成", "1、产出指标：场次，年度指标值：≥8。",
    "合计", "总计", "产出指标", "效益指标", "满意度指标", "成本指标", "数量指标", "服务对象满意度指标", "社会效益指标",
    "普法经费", "某市司法局", "9,486.23", "600.00", "-5", "0", "—", "无", "注：不含保密项目。", "部门名称：某局",
    "2027年项目支出绩效目标表", *PROJECT_HEADERS.values(), *INDICATOR_HEADERS.values(), *PUBLISHED_HEADER,
])
MESSY_TEXT = st.one_of(
    st.just(""), st.text(" \t\n\r\u3000\u00a0", min_size=1, max_size=6),
    st.sampled_from(["x" * 10_000, "绩效" * 5_000, "1" * 400]),
    st.sampled_from(["#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!"]),
    st.sampled_from(["６００．００", "≥９５％", "１００％", "，。；：（）【】“”", "😀📈🇨🇳", "\u200b普法\u200b", "\x85\u2028\x7f",
                     "1\t2\n3\r4", "  普法 经费\n", "\u202e反向"]),
    st.text(max_size=30).filter(_legal),
    DOMAIN_TEXT,
)
MESSY: st.SearchStrategy[Any] = st.one_of(
    st.none(), MESSY_TEXT, st.booleans(),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 12, 31)),
    st.dates(min_value=date(1900, 3, 1)), st.times(), st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=9000)),
    st.decimals(allow_nan=False, allow_infinity=False, min_value=Decimal("-1e20"), max_value=Decimal("1e20")),
    st.decimals(allow_nan=False, allow_infinity=False, places=12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([1e308, -1e308, 5e-324, -0.0, 0.95, 0.1 + 0.2, 44561.0, 2**53 + 1.0]),
    st.integers(min_value=-(10**18), max_value=10**18), st.sampled_from([10**30, -(10**25)]),
    st.builds(AsText, st.sampled_from(["=SUM(C4:F4)", "=1/0", "=HYPERLINK(\"x\")", "==", "=", "=普法"])),
)
FORMATS = st.sampled_from([None, None, "0%", "0.00%", "@", "yyyy-mm-dd", "#,##0.00", "h:mm"])


def put(ws: Any, row: int, col: int, value: Any, number_format: str | None = None) -> None:
    cell = ws.cell(row, col)
    if isinstance(cell, MergedCell):
        return  # covered by a merged area: not writable, as in Excel
    cell.value = value
    if isinstance(value, AsText):
        cell.data_type = "s"  # text that only looks like a formula, as a user may type '=…
    if number_format:
        cell.number_format = number_format


# ---------------------------------------------------------------- workbook invariants


def _snapshot(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _run(path: Path) -> FileReport:
    before = _snapshot(path)
    report = validate_file(path, CONFIG)
    assert isinstance(report, FileReport)
    assert _snapshot(path) == before, "the submitted file must stay byte-identical"
    assert report.sha256 == before
    for f in report.findings:
        assert CRASHED_RULE not in f.message, f"rule {f.rule} crashed on {path.name}"
        if f.rule == UNREADABLE_RULE:
            assert "内部错误" not in f.message, f"reader crashed: {f.value}"
        assert CHINESE.search(f.message), f
        quoted = re.sub(r"[0-9][0-9,.]*", "0", f.message)  # amounts of 1e308 are numbers, not quotes
        assert len(quoted) <= MAX_MESSAGE, f"{f.rule}: message of {len(f.message)} characters"
        assert f.suggestion is None or CHINESE.search(f.suggestion), f
    return report


def check_workbook(path: Path) -> FileReport:
    report = _run(path)
    located = [f for f in report.findings if f.cell is not None]
    if not located:
        return report
    book = load_workbook(path)
    for f in located:
        assert f.sheet in book.sheetnames, f"{f.rule}: sheet {f.sheet!r} not in {book.sheetnames}"
        ws = book[f.sheet]
        m = A1.match(f.cell)
        assert m, f"{f.rule}: {f.cell!r} is not an A1 reference"
        col, row = column_index_from_string(m.group(1)), int(m.group(2))
        assert row <= ws.max_row and col <= ws.max_column, f"{f.rule}: {f.sheet}!{f.cell} outside the sheet"
        for area in ws.merged_cells.ranges:
            inside = area.min_row <= row <= area.max_row and area.min_col <= col <= area.max_col
            anchor = (row, col) == (area.min_row, area.min_col)
            assert not inside or anchor, f"{f.rule}: {f.sheet}!{f.cell} is hidden under merged {area.coord}"
    return report


def check_text(path: Path) -> FileReport:
    report = _run(path)
    located = [f for f in report.findings if f.cell is not None]
    if not located:
        return report
    lines = re.split(r"\r\n|\r|\n", decode(path.read_bytes()))
    width = max(len(line.split("\t")) for line in lines)
    for f in located:
        m = TEXT_CELL.match(f.cell)
        assert m, f"{f.rule}: {f.cell!r} is not 第N行第M列"
        assert f.sheet is None, f
        row, col = int(m.group(1)), int(m.group(2))
        assert row <= len(lines) and col <= width, f"{f.rule}: {f.cell} outside the text table"
        assert lines[row - 1].strip(), f"{f.rule}: {f.cell} points at a blank line"
    return report


def _fresh(workdir: Path, suffix: str) -> Path:
    """A new file with spaces and Chinese in its name, in its own folder."""
    return Path(tempfile.mkdtemp(dir=workdir)) / f"某市 司法局 提交{suffix}"


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("messy")


# ---------------------------------------------------------------- the standard template

SHEETS = st.sampled_from(["项目信息", "绩效指标"])
ROWS = st.integers(min_value=1, max_value=12)
COLS = st.integers(min_value=1, max_value=9)
EDITS = st.one_of(
    st.tuples(st.just("set"), SHEETS, ROWS, COLS, MESSY, FORMATS),
    st.tuples(st.just("set"), st.sampled_from(["模板信息", "控制数"]), st.integers(1, 6), st.integers(1, 5), MESSY,
              FORMATS),
    st.tuples(st.just("merge"), SHEETS, st.integers(2, 10), COLS, st.integers(0, 4), st.integers(0, 3)),
    st.tuples(st.just("hide"), SHEETS, ROWS),
    st.tuples(st.just("shift"), SHEETS, st.integers(1, 25)),
    st.tuples(st.just("dup-header"), SHEETS, st.integers(4, 12)),
    st.tuples(st.just("extra-sheet"), SHEETS, st.booleans(), st.lists(MESSY, max_size=8)),
    st.tuples(st.just("delete-col"), SHEETS, COLS),
    st.tuples(st.just("delete-sheet"), SHEETS),
)


@functools.cache
def template_bytes() -> bytes:
    """Two projects with their indicators in the standard template, as a unit fills it in."""
    sub = good_sub()
    sub.projects.append(("法律援助经费", "某市法律援助处", 200, 200, None, None, "为困难群众提供法律援助不少于1500件。"))
    sub.indicators += [
        ("法律援助经费", "产出指标", "数量指标", "法律援助案件数", "≥", "1500", "件", ""),
        ("法律援助经费", "效益指标", "社会效益指标", "群众法律意识", "定性", "有效提升", None, ""),
        ("法律援助经费", "满意度指标", "服务对象满意度指标", "受援人满意度", "≥", 0.9, "%", ""),
    ]
    with tempfile.TemporaryDirectory() as folder:
        return write_sub(Path(folder) / "base.xlsx", sub).read_bytes()


def _apply(book: Any, edit: tuple[Any, ...]) -> None:
    kind, name, *args = edit
    if name not in book.sheetnames:
        return
    ws = book[name]
    if kind == "set":
        row, col, value, fmt = args
        put(ws, row, col, value, fmt)
    elif kind == "merge":
        row, col, height, width = args
        overlaps = any(a.min_row <= row + height and row <= a.max_row and a.min_col <= col + width and col <= a.max_col
                       for a in ws.merged_cells.ranges)
        if (height or width) and not overlaps:  # Excel cannot make overlapping merged areas
            ws.merge_cells(start_row=row, start_column=col, end_row=row + height, end_column=col + width)
    elif kind == "hide":
        ws.row_dimensions[args[0]].hidden = True
    elif kind == "shift":
        ws.insert_rows(1, args[0])  # the header moves down to row 4 + n (20+ for large n)
    elif kind == "dup-header":
        for col in range(1, 10):
            put(ws, args[0], col, ws.cell(3, col).value)
    elif kind == "extra-sheet":
        hidden, values = args
        extra = book.create_sheet(f"{name}（副本）", 0)
        for col in range(1, 10):
            put(extra, 1, col, ws.cell(3, col).value)
        for i, value in enumerate(values):
            put(extra, 2 + i // 4, 1 + i % 4, value)
        if hidden:
            extra.sheet_state = "hidden"
    elif kind == "delete-col":
        ws.delete_cols(args[0])
    elif kind == "delete-sheet" and len(book.sheetnames) > 1:
        book.remove(ws)


@FUZZ
@given(st.lists(EDITS, min_size=1, max_size=10))
@example([("set", "项目信息", 4, 3, 1e308, None)])
@example([("set", "项目信息", 4, 4, 10**30, "0%")])
@example([("merge", "项目信息", 4, 1, 1, 6), ("merge", "绩效指标", 4, 1, 2, 0)])
@example([("shift", "绩效指标", 20), ("shift", "项目信息", 18)])
@example([("set", "模板信息", 3, 2, "፩", None)])
@example([("set", "模板信息", 2, 2, "x" * 10_000, None), ("set", "绩效指标", 4, 6, "1、" * 2_000, None)])
@example([("set", "模板信息", 3, 2, "9" * 5000, None)])
@example([("merge", "项目信息", 6, 1, 1, 0), ("dup-header", "项目信息", 7)])
@example([("merge", "绩效指标", 3, 4, 1, 1), ("merge", "绩效指标", 4, 5, 0, 1)])
@example([("set", "绩效指标", 4, 6, 0.95, "0%"), ("set", "绩效指标", 5, 6, datetime(2021, 12, 31), None)])
def test_template_with_messy_cells(workdir: Path, edits: list[tuple[Any, ...]]) -> None:
    path = _fresh(workdir, ".xlsx")
    path.write_bytes(template_bytes())
    book = load_workbook(path)
    for edit in edits:
        _apply(book, edit)
    book.save(path)
    check_workbook(path)


def test_long_text_in_every_cell_is_quoted_as_an_excerpt(workdir: Path) -> None:
    """amount-invalid, category-unknown, indicator-duplicate, project-duplicate and
    text-placeholder quoted the whole cell: a 12,000-character message in the letter's table."""
    path = _fresh(workdir, ".xlsx")
    path.write_bytes(template_bytes())
    book = load_workbook(path)
    for name in ("项目信息", "绩效指标"):
        for row in range(4, 8):
            for col in range(1, 9):
                put(book[name], row, col, "很长的文字 xxx " * 2000 + str(col))
    book.save(path)
    rules = {f.rule for f in check_workbook(path).findings}
    assert {"amount-invalid", "category-unknown", "indicator-duplicate", "project-duplicate", "text-placeholder"} <= rules


# ---------------------------------------------------------------- arbitrary sheets

SHEET_NAMES = st.one_of(
    st.sampled_from(["Sheet1", "项目信息", "绩效指标", "项目", "指标", "下拉列表", "模板信息", "控制数", "表 1", "😀"]),
    st.text(min_size=1, max_size=31).filter(lambda s: _legal(s) and not re.search(r"[\\/?*\[\]:]", s)
                                             and s.strip("'") == s),
)
HEADER_ROWS = st.sampled_from([list(PROJECT_HEADERS.values()), list(INDICATOR_HEADERS.values()), list(PUBLISHED_HEADER),
                               ["template_id", "xmzc-jxmb"], ["项目名称", "总计", "财政拨款"]])
SHEET_ROWS = st.lists(st.one_of(HEADER_ROWS, st.lists(MESSY, max_size=9)), max_size=14)


@FUZZ
@given(st.dictionaries(SHEET_NAMES, st.tuples(SHEET_ROWS, st.integers(0, 25), st.booleans(), FORMATS),
                       min_size=1, max_size=3))
def test_arbitrary_sheets(workdir: Path, sheets: dict[str, tuple[list[list[Any]], int, bool, str | None]]) -> None:
    book = Workbook()
    book.remove(book.active)
    for name, (rows, skip, hidden, fmt) in sheets.items():
        ws = book.create_sheet(name)
        for r, values in enumerate(rows, start=1 + skip):
            for c, value in enumerate(values, start=1):
                if value is not None:
                    put(ws, r, c, value, fmt if c % 2 else None)
        if hidden and len(sheets) > 1:
            ws.sheet_state = "hidden"
    if all(ws.sheet_state == "hidden" for ws in book.worksheets):
        book.worksheets[0].sheet_state = "visible"
    path = _fresh(workdir, ".xlsx")
    book.save(path)
    check_workbook(path)


# ---------------------------------------------------------------- the published text table

SEED_TEXT = SEED.read_text(encoding="utf-8")
MUTATIONS = st.one_of(
    st.tuples(st.just("cut-lines"), st.floats(0, 1), st.floats(0, 1)),
    st.tuples(st.just("tab"), st.floats(0, 1), st.integers(1, 3)),
    st.tuples(st.just("insert"), st.floats(0, 1), st.text(max_size=20)),
    st.tuples(st.just("truncate"), st.floats(0, 1)),
    st.tuples(st.just("swap-lines"), st.floats(0, 1), st.floats(0, 1)),
    st.tuples(st.just("blank-cell"), st.floats(0, 1)),
)
ENCODINGS = st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16", "utf-16-le", "utf-16-be"])


def _mutate(text: str, mutation: tuple[Any, ...]) -> str:
    kind, where, *args = mutation
    at = int(where * len(text))
    if kind == "cut-lines":
        lines = text.split("\n")
        a, b = sorted((int(where * len(lines)), int(args[0] * len(lines))))
        return "\n".join(lines[:a] + lines[b:])
    if kind == "tab":
        return text[:at] + "\t" * args[0] + text[at:]
    if kind == "insert":
        return text[:at] + args[0] + text[at:]
    if kind == "truncate":
        return text[:at]
    if kind == "swap-lines":
        lines = text.split("\n")
        i, j = int(where * (len(lines) - 1)), int(args[0] * (len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
        return "\n".join(lines)
    lines = text.split("\n")  # blank-cell: empty one field of one line
    line = lines[int(where * (len(lines) - 1))].split("\t")
    line[len(line) // 2] = ""
    lines[int(where * (len(lines) - 1))] = "\t".join(line)
    return "\n".join(lines)


@FUZZ
@given(st.lists(MUTATIONS, max_size=6), ENCODINGS, st.sampled_from(["\n", "\r\n", "\r"]),
       st.lists(st.tuples(st.floats(0, 1), st.binary(min_size=1, max_size=4)), max_size=3),
       st.sampled_from([".txt", ".tsv"]))
@example([], "gbk", "\r\n", [], ".txt")
@example([("truncate", 0.0)], "utf-8-sig", "\n", [], ".txt")
@example([("truncate", 0.0)], "utf-16", "\n", [], ".tsv")
@example([], "utf-8", "\n", [(0.5, b"\xff\xfe"), (0.1, b"\x00")], ".txt")
def test_published_text_mutations(workdir: Path, mutations: list[tuple[Any, ...]], encoding: str, newline: str,
                                  garbage: list[tuple[float, bytes]], suffix: str) -> None:
    text = SEED_TEXT
    for mutation in mutations:
        text = _mutate(text, mutation)
    data = text.replace("\n", newline).encode(encoding, errors="replace")
    for where, junk in garbage:
        at = int(where * len(data))
        data = data[:at] + junk + data[at:]
    path = _fresh(workdir, suffix)
    path.write_bytes(data)
    check_text(path)


INDICATOR_CELLS = st.one_of(
    MESSY, st.just(GOOD_CELL),
    st.builds("1、产出指标：{}，年度指标值：{}。 2、满意度指标：群众满意度，年度指标值：{}".format, MESSY_TEXT, MESSY_TEXT, MESSY_TEXT),
)
PUBLISHED_ROWS = st.lists(st.tuples(MESSY, MESSY, MESSY, MESSY, MESSY, MESSY, INDICATOR_CELLS), max_size=6)


def _as_text(value: Any) -> str:
    text = "" if value is None else str(value)
    return re.sub(r"[\t\r\n]", " ", text)  # a tab or line break inside a cell is a new cell or line


@FUZZ
@given(PUBLISHED_ROWS, st.booleans(), st.sampled_from([".xlsx", ".txt"]))
def test_published_layout_with_messy_rows(workdir: Path, rows: list[tuple[Any, ...]], keep_good: bool,
                                          suffix: str) -> None:
    rows = (good_published() if keep_good else []) + rows
    if suffix == ".txt":
        rows = [tuple(_as_text(v) for v in row) for row in rows]
    path = write_published(_fresh(workdir, suffix), rows)
    (check_text if suffix == ".txt" else check_workbook)(path)


# ---------------------------------------------------------------- the command line over a folder


LONG_NAME = "很长的文件名" * 13 + ".xlsx"  # 239 bytes: near the 255-byte limit of most file systems


def test_cli_json_over_a_folder_of_messy_files(tmp_path: Path) -> None:
    folder = tmp_path / "收件 箱"
    folder.mkdir()
    (folder / "空文件.xlsx").write_bytes(b"")
    (folder / "其实是文本.xlsx").write_text("项目名称\t绩效指标\n", encoding="utf-8")
    (folder / "公开表 GBK.txt").write_bytes(SEED_TEXT.encode("gbk", errors="replace"))
    (folder / "截断.tsv").write_bytes(SEED_TEXT.encode("utf-8")[:3001])
    (folder / LONG_NAME).write_bytes(template_bytes())
    book = load_workbook(folder / LONG_NAME)
    for row, value in enumerate([1e308, "#N/A", AsText("=1/0"), -0.0, True, "６００"], start=4):
        put(book["项目信息"], row, 3, value, "0%")
    book.save(folder / "乱填.xlsx")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = subprocess.run([sys.executable, "-m", "validator", "validate", "--format", "json", str(folder)],
                            capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    data = json.loads(result.stdout)
    assert len(data["files"]) == len(before)
    assert data["summary"]["files"] == len(before)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    for entry in data["files"]:
        for f in entry["findings"]:
            assert CRASHED_RULE not in f["message"] and "内部错误" not in f["message"], f
