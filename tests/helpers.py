"""Builders shared by the tests: real .xlsx files made in code."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from openpyxl import Workbook, load_workbook

from validator.config import Config, RuleSetting, load_config
from validator.engine import validate_file
from validator.model import FileReport, Finding, Severity
from validator.rules import RULES
from validator.template import FIRST_DATA_ROW, BudgetLine, write_template

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
