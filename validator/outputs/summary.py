"""The office's summary workbook over one validation run: one row per submission (汇总),
every finding (问题明细) and counts per rule (规则统计). A function of the Report alone."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from validator.model import FileReport, Report, Severity
from validator.outputs.selfeval import table_kind
from validator.outputs.sheetout import FINDING_COLUMNS, write_table
from validator.rules.titles import rule_title
from validator.text import chinese_date

OVERVIEW_COLUMNS = (
    ("单位", 24),
    ("文件", 36),
    ("接收时间", 18),
    ("审核结论", 14),
    ("错误数", 8),
    ("提示数", 8),
    ("项目数", 8),
    ("常见问题", 48),
    ("表格", 12),
)
DETAIL_COLUMNS = (("单位", 24), ("文件", 30), *FINDING_COLUMNS, ("规则", 24), ("填报值", 20))
RULE_COLUMNS = (("规则", 28), ("说明", 60), ("出现次数", 10), ("其中错误", 10), ("其中提示", 10), ("涉及文件数", 12))
TOP_RULES = 3


def write_summary(report: Report, path: Path | str, *, rule_titles: Mapping[str, str] | None = None,
                  office: str | None = None, today: date | None = None) -> Path:
    """Write the summary workbook. `rule_titles` (rule id → what it checks, in Chinese), when
    given, fills the 说明 column of 规则统计 for readers who do not know the rule ids. The
    汇总 sheet has a title row (budget year, `office`, `today`) and a totals row."""
    titles = dict(rule_titles or {})
    workbook = Workbook()
    overview = workbook.active
    overview.title = "汇总"
    write_table(overview, OVERVIEW_COLUMNS, [_overview_row(fr) for fr in report.files], wrap=(7,),
                title=summary_title(report, office=office, today=today or report.generated.date()),
                totals=_totals_row(report))
    details = workbook.create_sheet("问题明细")
    write_table(details, DETAIL_COLUMNS, _detail_rows(report), wrap=(4, 5, 6, 7))
    rules = workbook.create_sheet("规则统计")
    write_table(rules, RULE_COLUMNS, rule_statistics(report, titles), wrap=(1,))
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(target)
    return target


def summary_title(report: Report, *, office: str | None, today: date) -> str:
    """2027年度项目支出绩效目标审核汇总, then who made it and when."""
    years = sorted({fr.year for fr in report.files if fr.year})
    season = f"{years[0]}年度" if len(years) == 1 else f"{years[0]}—{years[-1]}年度" if years else ""
    made = "，".join(part for part in (f"审核单位：{office}" if office else "", f"制表日期：{chinese_date(today)}") if part)
    return f"{season}项目支出绩效目标审核汇总\n（{made}）"


def _totals_row(report: Report) -> tuple[Any, ...]:
    verdicts = Counter(fr.status.office_verdict for fr in report.files)
    said = "、".join(f"{verdict}{n}" for verdict, n in verdicts.items())
    return (f"合计（{len(report.files)}个文件）", None, None, said or None, sum(fr.errors for fr in report.files),
            sum(fr.warnings for fr in report.files), sum(len(fr.projects) for fr in report.files), None)


def _overview_row(fr: FileReport) -> tuple[Any, ...]:
    common = "、".join(f"{rule_title(rule)}（{count}）" for rule, count in _top_rules(fr))
    return (fr.unit, fr.name, fr.received, fr.status.office_verdict, fr.errors, fr.warnings, len(fr.projects), common,
            table_kind(fr))


def _top_rules(fr: FileReport) -> list[tuple[str, int]]:
    """The most frequent rules; on a tie, error rules before warning rules."""
    return Counter(f.rule for f in fr.sorted_findings()).most_common(TOP_RULES)


def _detail_rows(report: Report) -> list[tuple[Any, ...]]:
    return [
        (fr.unit, fr.name, f.severity.label, f.location, f.project, f.indicator, f.message, f.suggestion, f.rule, f.value)
        for fr in report.files
        for f in fr.sorted_findings()
    ]


def rule_statistics(report: Report, titles: Mapping[str, str] | None = None) -> list[tuple[Any, ...]]:
    """Per rule: id, title, findings, of which errors, of which warnings, files affected;
    most frequent first, then by id."""
    titles = titles or {}
    by_severity: dict[str, Counter[Severity]] = defaultdict(Counter)
    files: dict[str, set[int]] = defaultdict(set)
    for index, fr in enumerate(report.files):
        for finding in fr.findings:
            by_severity[finding.rule][finding.severity] += 1
            files[finding.rule].add(index)
    rows = [
        (rule, titles.get(rule), sum(c.values()), c[Severity.ERROR], c[Severity.WARNING], len(files[rule]))
        for rule, c in by_severity.items()
    ]
    return sorted(rows, key=lambda row: (-row[2], row[0]))
