"""`validator import`: a published table (.txt/.tsv or .xlsx) becomes standard templates, one
per department (or one in total), with projects, amounts, goals and indicators filled in, so a
unit can revise last year's disclosed targets in the template instead of retyping them.

Each annual value is split by `parse_threshold` (the one value grammar) into the template's
指标方向, 指标值 and 计量单位:

- one measurable target: its operator (a bare value means =), number and unit (written with the
  value, or in the name as in “合格率（%）”);
- qualitative values (完成, 办公区域全覆盖): direction 定性, the text as the value;
- compound values (处级≥110学分，科级≥90学分), ranges and unreadable values: kept whole, with a
  note in 指标解释/备注;
- a remark glued to the value (100%，如未发生…) or written after it (（…为平均值。）) goes to
  指标解释/备注; when the value was rewritten, the note keeps what was written.

The published layout has no 二级指标. It is filled only where it is obvious: 满意度指标 ->
服务对象满意度指标 (the only choice); 产出指标 -> 时效指标 for timeliness (及时, 按时, 速度, 进度, a
time unit), 质量指标 for quality rates (合格率, 达标率, 可用性 …), 数量指标 for counts (…数, …数量, a
count unit). Otherwise it stays empty with a note, and the unit picks it from the dropdown.
Project and indicator names lose the spaces and line breaks that copying from a PDF leaves."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from validator.reader import read_submission
from validator.records import Cell, FundsRow, Indicator, Submission, written
from validator.rules.text_whitespace import cleaned
from validator.template.writer import IndicatorRow, ProjectRow, default_year, template_file_name, write_filled_template
from validator.text import key, normalize
from validator.values.amounts import other_and_sources, parse_amount
from validator.values.categories import normalize_level1
from validator.values.indicators import value_threshold
from validator.values.threshold import Threshold, format_decimal, parse_threshold
from validator.values.units import unit_category

NOTE_PREFIX = "导入："
NO_LEVEL2 = f"{NOTE_PREFIX}公开表未列明二级指标，请从下拉列表选择"
_TIMELY = re.compile(r"及时|按时|时限|时效|速度|进度|工期|响应时间|用时")
_QUALITY = re.compile(r"合格|达标|合规|准确|完好|优良|验收|质量|可用性|运行率|成功率")
_COUNT = re.compile(r"(?:数|数量|人次|场次|批次)$")
_BRACKETS = re.compile(r"[(（][^()（）]*[)）]")


# Layouts whose records become a filled template: the published table, budget-system exports
# (one indicator per row) and national per-project forms.
IMPORTABLE = frozenset({"published", "rowwise", "national"})


class NotPublishedTable(Exception):
    """The file is readable but not in the published layout. The message is Chinese."""


@dataclass(frozen=True)
class ImportResult:
    paths: tuple[Path, ...]
    projects: int
    indicators: int
    level2_empty: int
    kept_whole: int


@dataclass(frozen=True)
class ValueSplit:
    """An annual value as the template's columns take it."""

    direction: str | None
    value: str | None
    unit: str | None
    notes: tuple[str, ...] = ()


def import_table(path: Path, directory: Path, *, single: bool = False, rules_checksum: str = "") -> ImportResult:
    """Write the templates into `directory`; raises UnreadableFile or NotPublishedTable."""
    sub = read_submission(path)
    if sub.layout not in IMPORTABLE:
        raise NotPublishedTable(f"{path.name} 不是公开格式的绩效目标表（应为一个“绩效指标”列内写全部指标的表格）。")
    year = sub.year or default_year()
    groups = _groups(sub, single=single)
    by_project = sub.indicators_by_project()
    paths, rows = [], []
    for department, projects in groups.items():
        names = dict.fromkeys(key(p.name.text) for p in projects)  # a repeated name: its indicators once
        indicators = [indicator_row(i) for name in names for i in by_project.get(name, [])]
        target = directory / template_file_name(year, department or path.stem)
        paths.append(write_filled_template(
            target, year=year, department=department, indicators=indicators, rules_checksum=rules_checksum,
            projects=[project_row(p, p.department or department) for p in projects],
        ))
        rows.extend(indicators)
    return ImportResult(
        paths=tuple(paths), projects=sum(len(p) for p in groups.values()), indicators=len(rows),
        level2_empty=sum(1 for r in rows if not r.level2),
        kept_whole=sum(1 for r in rows if r.value and not r.direction),
    )


def _groups(sub: Submission, *, single: bool) -> dict[str | None, list[FundsRow]]:
    """Projects per department, in table order (one group under the table's department)."""
    groups: dict[str | None, list[FundsRow]] = {}
    for row in sub.projects:
        department = sub.department if single else (row.department or sub.department)
        groups.setdefault(department, []).append(row)
    return groups


def project_row(row: FundsRow, department: str | None) -> ProjectRow:
    return ProjectRow(
        name=cleaned(written(row.name)), unit=department, total=_amount(row.total), fiscal=_amount(row.fiscal),
        special=_amount(row.special),
        other=other_and_sources(row) if row.sources else _amount(row.other), goal=written(row.goal) or None,
    )


def _amount(cell: Cell | None) -> Decimal | None:
    """The amount as a number; an amount that is not one stays out (amount-invalid reports
    it in the source table)."""
    amount = parse_amount(cell)
    return amount.value if amount.problem is None else None


def indicator_row(ind: Indicator) -> IndicatorRow:
    name = cleaned(written(ind.name))
    level1_text = written(ind.level1)
    level1 = normalize_level1(level1_text) or level1_text or None
    split = split_value(_value_text(ind), name=name)
    level2 = written(ind.level2) or infer_level2(level1, name, split.unit)
    notes = [*split.notes, *([written(ind.note)] if written(ind.note) else [])]
    if not level2:
        notes.append(NO_LEVEL2)
    return IndicatorRow(project=cleaned(written(ind.project)), level1=level1, level2=level2 or None, name=name,
                        direction=split.direction, value=split.value, unit=split.unit,
                        note="；".join(notes) or None)


def _value_text(ind: Indicator) -> str:
    """The value as one text: with the operator and unit of their own columns folded in
    (指标方向“大于等于”, 指标值“48”, 计量单位“场” -> “≥48场”) when they make one target."""
    value = written(ind.value)
    if not value or not (written(ind.direction) or written(ind.unit)):
        return value
    t = value_threshold(ind)
    if t is not None and t.kind == "quantitative" and len(t.parts) == 1:
        return t.normalized
    return value


def split_value(text: str, *, name: str | None = None) -> ValueSplit:
    """Direction, value and unit of one annual value (see the module docstring)."""
    t = parse_threshold(text, name=name)
    remark = (t.remark,) if t.remark else ()
    if t.kind == "qualitative":
        return ValueSplit("定性", t.normalized or text, None, remark)
    if t.kind != "quantitative" or len(t.parts) != 1:
        return ValueSplit(None, text or None, None, (*remark, _kept_whole(t, text)))
    part = t.parts[0]
    value = format_decimal(part.value)
    composed = normalize(f"{part.op}{value}{part.unit or ''}")
    rewritten = _as_written(text, t) not in (composed, composed.removeprefix("="))
    original = (f"{NOTE_PREFIX}原指标值“{text}”",) if rewritten else ()
    return ValueSplit(part.op, value, part.unit, (*remark, *original))


def _as_written(text: str, t: Threshold) -> str:
    """The value without its remark, as compared with what the template will hold."""
    text = normalize(text)
    remark = normalize(t.remark) if t.remark else None
    if remark and remark in text:
        text = text[: text.index(remark)]
    return text.rstrip(",;。 ")


def _kept_whole(t: Threshold, text: str) -> str:
    if t.compound:
        targets = "；".join(str(p) if not p.label else f"{p.label}{p}" for p in t.parts)
        return f"{NOTE_PREFIX}指标值含多个目标（{targets}），建议拆分为多条指标"
    if t.is_range:
        return f"{NOTE_PREFIX}指标值为区间（{t.normalized}），请改为一个方向和数值"
    return f"{NOTE_PREFIX}指标值“{text}”无法识别为可衡量的目标，请修改"


def infer_level2(level1: str | None, name: str, unit: str | None) -> str | None:
    """二级指标 where the name or unit makes it obvious, else None."""
    if level1 == "满意度指标":
        return "服务对象满意度指标"
    if level1 != "产出指标":
        return None
    category = unit_category(unit)
    bare = _BRACKETS.sub("", name)
    if _TIMELY.search(name) or category == "time":
        return "时效指标"
    if category == "count":
        return "数量指标"
    if _QUALITY.search(name):
        return "质量指标"
    if _COUNT.search(bare):
        return "数量指标"
    return None
