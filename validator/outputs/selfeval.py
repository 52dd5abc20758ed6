"""The wording that tells a self-evaluation review (绩效自评表) from a target-table review: the
letter's own title (`letter.py` switches on the report's layout and asks here) and the kind of
table named in the summary and in `validator status`."""

from __future__ import annotations

from pathlib import Path

from validator.model import FileReport
from validator.records import SELF_EVALUATION_LAYOUTS

TITLE = "关于《{unit}{year}年项目支出绩效自评表》的审核意见"
FALLBACK_TITLE = "关于《{file}》（绩效自评表）的审核意见"


def self_evaluation_title(report: FileReport) -> str | None:
    """The letter title of a self-evaluation review; None for any other layout."""
    if report.layout not in SELF_EVALUATION_LAYOUTS:
        return None
    if report.unit and report.year:
        return TITLE.format(unit=report.unit, year=report.year)
    return FALLBACK_TITLE.format(file=Path(report.name).stem)


TARGETS, SELF_EVALUATION = "绩效目标表", "绩效自评表"


def table_kind(report: FileReport) -> str:
    """绩效自评表 or 绩效目标表, from the layout the reader found."""
    return SELF_EVALUATION if report.layout in SELF_EVALUATION_LAYOUTS else TARGETS
