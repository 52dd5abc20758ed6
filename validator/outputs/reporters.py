"""Terminal text and JSON renderings of a Report. Both read the report only."""

from __future__ import annotations

from pathlib import PurePath

from validator.model import FileReport, Finding, Report
from validator.text import readable


def finding_line(file_name: str, finding: Finding) -> str:
    """`文件:工作表!E7 [错误] message — suggestion (rule-id)`, or `文件:第12行第7列 …` for a
    text table (whose only "sheet" is the file itself, so it is not named twice)."""
    location = finding.location if finding.location != PurePath(file_name).name else ""
    where = f"{file_name}:{location}" if location else file_name
    context = "".join(f"［{x}］" for x in (finding.project, finding.indicator) if x)
    suggestion = f" — {finding.suggestion}" if finding.suggestion else ""
    return f"{where} [{finding.severity.label}] {context}{finding.message}{suggestion} ({finding.rule})"


def file_block(report: FileReport, *, quiet: bool = False) -> list[str]:
    path = readable(report.path)  # a GBK file name must not make the terminal output unencodable
    lines = [] if quiet else [finding_line(path, f) for f in report.sorted_findings()]
    lines.append(f"{path}：{report.status.office_verdict}（错误 {report.errors} 条，提示 {report.warnings} 条）"
                 + (f"［{report.layout_label}］" if report.layout_label else ""))
    return lines


def render_text(report: Report, *, quiet: bool = False) -> str:
    lines: list[str] = []
    for file_report in report.files:
        lines.extend(file_block(file_report, quiet=quiet))
        if not quiet:
            lines.append("")
    s = report.summary()
    lines.append(
        f"共 {s.files} 个文件：通过 {s.passed}，通过（有提示）{s.with_warnings}，退回修改 {s.failed}，"
        f"无法读取 {s.unreadable}；错误 {s.errors} 条，提示 {s.warnings} 条。"
    )
    return "\n".join(lines)


def render_json(report: Report) -> str:
    return report.to_json()
