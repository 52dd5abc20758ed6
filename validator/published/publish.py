"""`validator publish`: the disclosure table (公开表) built from accepted submissions.

Sources are validated first; files with errors are skipped (and named) unless
`include_failed`, unreadable files always are. Projects keep the order of the files and of
their rows; projects of one department, from however many files, sit under one department row.
The department rows and 合计 are recomputed from the projects (exact decimals), never copied.

Each indicator is written in the published wording `1、产出指标：<name>，年度指标值：<value>。`,
numbered from 1 in one cell. The value is the template's 指标方向 + 指标值 + 计量单位 as
`parse_threshold` reads them (“≥95%”, “<24小时”, a bare “=” left out as in “100%”); qualitative,
compound and unreadable values are written as the unit wrote them. Notes (指标解释/备注) are not
published."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from validator.config.loader import Config
from validator.engine import collect_files, validate_file
from validator.model import Status
from validator.reader import read_submission
from validator.records import Cell, FundsRow, Indicator, RowKind, Submission, written
from validator.rules.text_whitespace import cleaned
from validator.template.writer import default_year
from validator.text import key, normalize
from validator.values.amounts import other_and_sources, parse_amount
from validator.values.categories import normalize_level1
from validator.values.indicator_cell import format_cell
from validator.values.indicators import value_threshold

DEFAULT_NOTE = "注：不含保密项目。"
AMOUNT_LABELS = ("总计", "财政拨款", "财政专户拨款", "其他资金")
Amounts = tuple[Decimal, Decimal, Decimal, Decimal]


@dataclass(frozen=True)
class PublishedProject:
    name: str
    amounts: Amounts
    goal: str
    indicators: str


@dataclass
class PublishedDepartment:
    name: str
    projects: list[PublishedProject] = field(default_factory=list)

    @property
    def amounts(self) -> Amounts:
        return _sum(p.amounts for p in self.projects)


@dataclass(frozen=True)
class PublishedTable:
    title: str
    department: str
    departments: tuple[PublishedDepartment, ...]
    note: str = DEFAULT_NOTE

    @property
    def amounts(self) -> Amounts:
        return _sum(d.amounts for d in self.departments)


@dataclass(frozen=True)
class Skipped:
    path: Path
    reason: str


@dataclass(frozen=True)
class Selection:
    """Which sources go into the table, and why the others do not."""

    included: tuple[Submission, ...]
    skipped: tuple[Skipped, ...]


def select_sources(paths: Iterable[Path], config: Config, *, include_failed: bool = False,
                   exclude: Path | None = None) -> Selection:
    included: list[Submission] = []
    skipped: list[Skipped] = []
    for path in collect_files(paths):
        if exclude is not None and path.resolve() == exclude.resolve():
            continue
        report = validate_file(path, config)
        if report.status is Status.UNREADABLE:
            skipped.append(Skipped(path, "无法读取"))
        elif report.errors and not include_failed:
            skipped.append(Skipped(path, f"有错误 {report.errors} 条"))
        else:
            included.append(read_submission(path))
    return Selection(tuple(included), tuple(skipped))


def build_table(submissions: Iterable[Submission], *, title: str | None = None, department: str | None = None,
                note: str = DEFAULT_NOTE) -> PublishedTable:
    subs = list(submissions)
    departments: dict[str, PublishedDepartment] = {}
    for sub in subs:
        groups = sub.indicators_by_project()
        for row in sub.projects:
            name = _department_of(sub, row)
            entry = departments.setdefault(key(name), PublishedDepartment(name))
            entry.projects.append(published_project(row, groups.get(key(row.name.text), [])))
    names = [d.name for d in departments.values()]
    heading = department or "、".join(names)
    return PublishedTable(title or _title(heading, subs), heading, tuple(departments.values()), note)


def build_tables(submissions: Iterable[Submission], *, title: str | None = None, department: str | None = None,
                 note: str = DEFAULT_NOTE) -> list[PublishedTable]:
    """One table per department, each titled with its own department (某市司法局2027年…),
    unless a `title` or `department` is given: then one table under that heading."""
    subs = list(submissions)
    whole = build_table(subs, title=title, department=department, note=note)
    if title or department or len(whole.departments) <= 1:
        return [whole]
    return [PublishedTable(_title(d.name, subs), d.name, (d,), note) for d in whole.departments]


def _title(heading: str, subs: list[Submission]) -> str:
    year = next((s.year for s in subs if s.year), None) or default_year()
    return f"{heading}{year}年项目支出绩效目标表"


def _department_of(sub: Submission, row: FundsRow) -> str:
    unit = row.unit.text if row.unit is not None and not row.unit.empty else None
    return row.department or sub.department or unit or sub.path.stem


def published_project(row: FundsRow, indicators: list[Indicator]) -> PublishedProject:
    items = [(_level1(i), cleaned(written(i.name)), published_value(i)) for i in indicators]
    return PublishedProject(cleaned(written(row.name)), _amounts(row), written(row.goal), format_cell(items))


def _amounts(row: FundsRow) -> Amounts:
    def money(cell: Cell | None) -> Decimal:
        return parse_amount(cell).value or Decimal(0)

    other = (other_and_sources(row) or Decimal(0)) if row.sources else money(row.other)
    return money(row.total), money(row.fiscal), money(row.special), other


def _level1(ind: Indicator) -> str | None:
    text = written(ind.level1)
    return normalize_level1(text) or text or None


def published_value(ind: Indicator) -> str:
    """The value in the published wording (see the module docstring)."""
    text, unit = written(ind.value), written(ind.unit)
    t = value_threshold(ind)
    if t is None:
        return text
    if t.kind == "quantitative" and len(t.parts) == 1 and not t.parts[0].label:
        return str(t.parts[0]).removeprefix("=")
    if unit and t.kind == "quantitative" and not normalize(text).endswith(normalize(unit)):
        return f"{text}{unit}"
    return text


def _sum(rows: Iterable[Amounts]) -> Amounts:
    rows = list(rows)
    total, fiscal, special, other = (sum((r[i] for r in rows), Decimal(0)) for i in range(4))
    return total, fiscal, special, other


def table_rows(table: PublishedTable) -> list[tuple[str, Amounts, str, str, RowKind]]:
    """(name, amounts, goal, indicators, kind) in table order: 合计, then each department row
    followed by its projects. Both writers lay out exactly these rows."""
    rows: list[tuple[str, Amounts, str, str, RowKind]] = [("合计", table.amounts, "", "", RowKind.TOTAL)]
    for department in table.departments:
        rows.append((department.name, department.amounts, "", "", RowKind.DEPARTMENT))
        rows.extend((p.name, p.amounts, p.goal, p.indicators, RowKind.PROJECT) for p in department.projects)
    return rows
