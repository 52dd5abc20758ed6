"""What the result page shows of a report: the findings grouped by sheet and project, groups
with errors first, and within a group errors before warnings (reading order otherwise)."""

from __future__ import annotations

from dataclasses import dataclass

from validator.model import FileReport, Finding, Severity

WHOLE_FILE = "（整个文件）"
NO_PROJECT = "（不属于某个项目）"


@dataclass(frozen=True)
class Group:
    sheet: str
    project: str
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors


def grouped(report: FileReport) -> list[Group]:
    groups: dict[tuple[str, str], list[Finding]] = {}
    for finding in report.sorted_findings():
        key = (finding.sheet or WHOLE_FILE, finding.project or NO_PROJECT)
        groups.setdefault(key, []).append(finding)
    result = [Group(sheet, project, tuple(items)) for (sheet, project), items in groups.items()]
    return sorted(result, key=lambda g: 0 if g.errors else 1)  # stable: first-seen order within each kind


def cell_label(finding: Finding) -> str:
    return finding.cell or "—"
