"""Builders shared by the tests: real .xlsx files made in code."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

from validator.config.loader import Config, RuleSetting, load_config
from validator.engine import validate_file
from validator.model import FileReport, Finding, Severity
from validator.rules import RULES
from validator.template.writer import FIRST_DATA_ROW, BudgetLine, write_template

GOOD_GOAL = "全年开展法治讲座不少于48场，覆盖全市11个区，群众满意度达到90%以上。"


@dataclass
class Sub:
    """A filled standard template, described row by row."""

    projects: list[tuple[Any, ...]] = field(default_factory=list)
    indicators: list[tuple[Any, ...]] = field(default_factory=list)
    department: str | None = "某市司法局"
    lines: list[BudgetLine] | None = None
    year: int = 2027


def good_sub() -> Sub:
    """One project that passes every rule."""
    return Sub(
        projects=[("普法经费", "某市司法局", 600, 500, 0, 100, GOOD_GOAL)],
        indicators=[
            ("普法经费", "产出指标", "数量指标", "法治讲座场次", "≥", "48", "场", ""),
            ("普法经费", "效益指标", "社会效益指标", "宪法宣传周活动区覆盖率", "=", "100", "%", ""),
            ("普法经费", "满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "%", ""),
        ],
    )


def with_indicator(name: str, value: object, *, direction: str | None = None, unit: str | None = None,
                   level1: str = "产出指标", level2: str = "数量指标") -> Sub:
    """good_sub() with its first indicator (row 4, value in 绩效指标!F4) replaced."""
    sub = good_sub()
    sub.indicators[0] = ("普法经费", level1, level2, name, direction, value, unit, "")
    return sub


def write_sub(path: Path, sub: Sub) -> Path:
    """Write `sub` into a real template workbook (as a unit would fill it in)."""
    write_template(path, year=sub.year, department=sub.department, lines=sub.lines)
    book = load_workbook(path)
    for sheet, rows in (("项目信息", sub.projects), ("绩效指标", sub.indicators)):
        ws = book[sheet]
        for r, values in enumerate(rows, start=FIRST_DATA_ROW):
            for c, value in enumerate(values, start=1):
                ws.cell(r, c, value)
    book.save(path)
    return path


def make_xlsx(path: Path, sheets: dict[str, Iterable[Iterable[Any]]]) -> Path:
    """A plain workbook: sheet name -> rows of values (None leaves a cell blank)."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for r, values in enumerate(rows, start=1):
            for c, value in enumerate(values, start=1):
                if value is not None:
                    ws.cell(r, c, value)
    book.save(path)
    return path


def only_rule(rule_id: str, **options: Any) -> Config:
    """A configuration with just `rule_id` enabled (as an error), options over its defaults."""
    base = load_config()
    rules = {rid: RuleSetting(None, s.options) for rid, s in base.rules.items()}
    defaults = dict(base.rules[rule_id].options)
    defaults.update(options)
    rules[rule_id] = RuleSetting(Severity.ERROR, defaults)
    return Config(rules, base.sections, "test", base.checksum)


def run_rule(rule_id: str, path: Path, **options: Any) -> list[Finding]:
    assert rule_id in RULES
    return list(validate_file(path, only_rule(rule_id, **options)).findings)


def check(tmp_path: Path, rule_id: str, sub: Sub, **options: Any) -> list[Finding]:
    """The one-line harness: write `sub`, run one rule, return its findings."""
    return run_rule(rule_id, write_sub(tmp_path / "sub.xlsx", sub), **options)


def cells(findings: list[Finding]) -> list[tuple[str | None, str | None]]:
    return [(f.sheet, f.cell) for f in findings]


def validate(path: Path) -> FileReport:
    return validate_file(path, load_config())


PUBLISHED_HEADER = ("项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标")
PUBLISHED_FIRST_ROW = 6  # line of the first data row written by `write_published`


def published_lines(rows: Iterable[Iterable[Any]], *, department: str = "某市司法局", year: int = 2023,
                    note: str = "注：不含保密项目。") -> list[list[Any]]:
    """A published flat table: title, 部门名称, 单位, header on line 5, `rows`, blank, note."""
    return [[f"{department}{year}年项目支出绩效目标表"], [], [f"部门名称：{department}"], ["单位：万元"],
            list(PUBLISHED_HEADER), *[list(r) for r in rows], [], [note]]


def write_published(path: Path, rows: Iterable[Iterable[Any]], **kwargs: Any) -> Path:
    """`rows` (项目名称, 总计, 财政拨款, 财政专户拨款, 其他资金, 绩效目标, 绩效指标) as a published
    table: tab-separated UTF-8 text, or a workbook when `path` ends in .xlsx."""
    lines = published_lines(rows, **kwargs)
    if path.suffix == ".xlsx":
        return make_xlsx(path, {"Sheet1": lines})
    text = "\n".join("\t".join("" if v is None else str(v) for v in line) for line in lines)
    path.write_text(text + "\n", encoding="utf-8")
    return path


GOOD_CELL = ("1、产出指标：法治讲座场次，年度指标值：≥48场。 2、效益指标：宪法宣传周活动区覆盖率，年度指标值：100%。 "
             "3、满意度指标：群众满意度，年度指标值：≥90%。")


def good_published() -> list[tuple[Any, ...]]:
    """合计, the department row and one project that passes every rule."""
    return [
        ("合计", "600.00", "600.00", None, None, None, None),
        ("某市司法局", "600.00", "600.00", None, None, None, None),
        ("普法经费", "600.00", "600.00", None, None, GOOD_GOAL, GOOD_CELL),
    ]


def check_published(tmp_path: Path, rule_id: str, rows: Iterable[Iterable[Any]], *, suffix: str = ".txt",
                    **options: Any) -> list[Finding]:
    """The one-line harness for the published layout: write `rows`, run one rule."""
    return run_rule(rule_id, write_published(tmp_path / f"pub{suffix}", rows), **options)


def assert_same_cells(committed: Workbook, fresh: Workbook) -> None:
    """A committed workbook holds what a fresh build holds: the same sheets, every cell's value
    and the same data validations (styles and file bytes may differ)."""
    assert committed.sheetnames == fresh.sheetnames
    for ws in fresh.worksheets:
        old = committed[ws.title]
        assert [[c.value for c in r] for r in old.iter_rows()] == [[c.value for c in r] for r in ws.iter_rows()], ws.title
        assert sorted(str(d.sqref) + str(d.formula1) for d in old.data_validations.dataValidation) == \
            sorted(str(d.sqref) + str(d.formula1) for d in ws.data_validations.dataValidation)


def xls_with_hidden_row_and_formula(tmp_path: Path) -> tuple[Path, Path]:
    """The styled table as LibreOffice-made .xls files: (one with row 4 of 绩效指标 hidden, the
    same with a formula in 项目信息!C4). Skips the test when LibreOffice is not installed."""
    import subprocess

    import pytest

    book = load_workbook(Path(__file__).resolve().parent / "data" / "formats" / "styled.xlsx")
    book["绩效指标"].row_dimensions[4].hidden = True
    book.save(tmp_path / "hidden.xlsx")
    book["项目信息"]["C4"] = "=D4+E4+F4"
    book.save(tmp_path / "formula.xlsx")
    try:
        for name in ("hidden.xlsx", "formula.xlsx"):
            subprocess.run(["soffice", "--headless", "--convert-to", "xls", "--outdir", str(tmp_path), str(tmp_path / name)],
                           check=True, capture_output=True, timeout=120)
    except (OSError, subprocess.SubprocessError):
        pytest.skip("LibreOffice is not installed")
    return tmp_path / "hidden.xls", tmp_path / "formula.xls"
