"""The wording that tells a self-evaluation review (绩效自评表) from a target-table review: the
letter's own title (`letter.py` switches on the report's layout and asks here), the kind of
table named in the summary and in `validator status`, and the rows of the letter's own findings
table (自评结果复核意见表, written by `selfeval_letter.py`). Pure functions, no python-docx."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from validator.model import FileReport, Finding, ScoreLine
from validator.records import SELF_EVALUATION_LAYOUTS

TITLE = "关于《{unit}{year}年项目支出绩效自评表》的审核意见"
SELF_APPROVAL = "经复核，该表填报完整，执行率、得分和总分计算无误，复核结论为"  # a self-evaluation that passes
FALLBACK_TITLE = "关于《{file}》（绩效自评表）的审核意见"


def self_evaluation_title(report: FileReport) -> str | None:
    """The letter title of a self-evaluation review; None for any other layout."""
    if report.layout not in SELF_EVALUATION_LAYOUTS:
        return None
    if report.unit and report.year:
        return TITLE.format(unit=report.unit, year=report.year)
    return FALLBACK_TITLE.format(file=Path(report.name).stem)


TARGETS, SELF_EVALUATION = "绩效目标表", "绩效自评表"


def layout_word(report: FileReport) -> str | None:
    """The layout as the letter adds it after the table's name: a self-evaluation is named a
    绩效自评表 already, so only how it came (预算系统导出格式); others their layout label."""
    label = report.layout_label
    if report.layout in SELF_EVALUATION_LAYOUTS and label:
        return label.removeprefix(SELF_EVALUATION).strip("（）") or None
    return label


def table_kind(report: FileReport) -> str:
    """绩效自评表 or 绩效目标表, from the layout the reader found."""
    return SELF_EVALUATION if report.layout in SELF_EVALUATION_LAYOUTS else TARGETS


# --- the review table: each scored line with the findings at it -----------------------------


@dataclass(frozen=True)
class ReviewRow:
    """One line of the letter's 自评结果复核意见表: what the unit scored (an indicator, the
    预算执行率, the 总分; None for a finding that belongs to no scored line) and the findings at it."""

    project: str | None
    item: str
    line: ScoreLine | None
    findings: tuple[Finding, ...]


def review_rows(findings: Sequence[Finding], lines: Sequence[ScoreLine],
                project_order: Sequence[str] = ()) -> list[ReviewRow]:
    """Findings placed on the scored line whose cells hold them (else the line of the same
    project and indicator), in the order of the form; the others follow their project's lines,
    one row per indicator named (or one for the project). Projects in `project_order`."""
    by_cell = {(line.sheet, cell): n for n, line in enumerate(lines) for cell in line.cells}
    by_name = {(line.project, line.item): n for n, line in enumerate(lines)}
    placed: dict[int, list[Finding]] = {}
    loose: dict[tuple[str | None, str | None], list[Finding]] = {}
    for f in findings:
        at = by_cell.get((f.sheet, f.cell or ""), by_name.get((f.project, f.indicator or "")))
        if at is None:
            loose.setdefault((f.project, f.indicator), []).append(f)
        else:
            placed.setdefault(at, []).append(f)
    order = {name: n for n, name in enumerate(dict.fromkeys([*project_order, *(line.project or "" for line in lines)]))}
    rows = [(order.get(lines[n].project or "", len(order)), n, ReviewRow(lines[n].project, lines[n].item, lines[n],
                                                                       tuple(fs))) for n, fs in placed.items()]
    rows += [(order.get(project or "", len(order)), len(lines) + k,
              ReviewRow(project, indicator or ("项目整体" if project else "整份自评表"), None, tuple(fs)))
             for k, ((project, indicator), fs) in enumerate(loose.items())]
    return [row for *_, row in sorted(rows, key=lambda r: (r[0], r[1]))]
