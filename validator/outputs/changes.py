"""What changed between a submission and the unit's earlier one: findings fixed, still open
and new. Findings are matched by (rule, sheet, cell, project, indicator), not by wording, so
a reworded message or a changed value still counts as the same problem."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from validator.model import FileReport, Finding
from validator.text import key

Key = tuple[str, str | None, str | None, str | None, str | None]


def finding_key(finding: Finding) -> Key:
    """Names are compared by their matching key: a report saved by an earlier release quoted
    them normalised (half-width punctuation), today's quote them as written."""
    return (finding.rule, finding.sheet, finding.cell, _matching(finding.project), _matching(finding.indicator))


def _matching(name: str | None) -> str | None:
    return None if name is None else key(name)


@dataclass(frozen=True)
class Changes:
    previous: FileReport
    fixed: tuple[Finding, ...]
    still_open: tuple[Finding, ...]
    new: tuple[Finding, ...]

    @property
    def unchanged(self) -> bool:
        return not self.fixed and not self.new


def compare(previous: FileReport, current: FileReport) -> Changes:
    """Multiset comparison: two identical keys in the earlier file and one now is one fixed."""
    earlier = Counter(finding_key(f) for f in previous.findings)
    still_open, new = [], []
    for finding in current.sorted_findings():
        key = finding_key(finding)
        if earlier[key] > 0:
            earlier[key] -= 1
            still_open.append(finding)
        else:
            new.append(finding)
    fixed = []
    for finding in previous.sorted_findings():
        key = finding_key(finding)
        if earlier[key] > 0:
            earlier[key] -= 1
            fixed.append(finding)
    return Changes(previous, tuple(fixed), tuple(still_open), tuple(new))
