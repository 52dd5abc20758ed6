"""Findings grouped the way a reviewer writes them: each problem once, with every place.

Pure functions over findings (no python-docx), so the letter's structure is testable without
a document. A *problem* is a rule, split by its suggestion where the same suggestion recurs
(缺少“效益指标” and 缺少“满意度指标” are two problems with two remedies). A *row* is what one
project has of one problem: its places, indicators and texts, each named once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from validator.model import Finding, Severity
from validator.rules.remedies import body_remedy
from validator.rules.titles import rule_title

CHINESE_NUMBERS = "一二三四五六七八九十"


@dataclass(frozen=True)
class Problem:
    """One problem of a file: its rule, the suggestion its findings share (None when each
    place has its own), and the findings themselves in reading order."""

    rule: str
    severity: Severity
    suggestion: str | None
    findings: tuple[Finding, ...]

    @property
    def title(self) -> str:
        return rule_title(self.rule)

    @property
    def projects(self) -> list[str]:
        return _unique(f.project for f in self.findings if f.project)

    @property
    def remedies(self) -> list[str]:
        """The suggestions the letter's body states once: the one its places share, or the
        few variants a recurring problem has (a floor here, a cap there); [] when the places
        have suggestions of their own, which the attachment gives beside each place."""
        distinct = _unique(f.suggestion.rstrip("。") for f in self.findings if f.suggestion)
        if len(distinct) == 1 or (1 < len(distinct) <= 3 and len(self.findings) >= 2 * len(distinct)):
            one = body_remedy(self.rule, distinct)  # the variants as one sentence, where the rule has one
            return [one] if one else distinct
        return []

    @property
    def message(self) -> str | None:
        """The message the findings share, if they all say the same."""
        messages = {f.message for f in self.findings}
        return next(iter(messages)) if len(messages) == 1 else None


@dataclass(frozen=True)
class Row:
    """What one project has of one problem (several findings merged, nothing dropped)."""

    project: str | None
    problem: int  # index into the file's problems
    findings: tuple[Finding, ...]

    @property
    def places(self) -> list[str]:
        return _unique(f.location for f in self.findings if f.location)

    @property
    def indicators(self) -> list[str]:
        return _unique(f.indicator for f in self.findings if f.indicator)

    @property
    def messages(self) -> list[str]:
        return _unique(f.message.rstrip("。") for f in self.findings)

    @property
    def suggestions(self) -> list[str]:
        return _unique(f.suggestion.rstrip("。") for f in self.findings if f.suggestion)


def problems_of(findings: Sequence[Finding]) -> list[Problem]:
    """Errors first, then the problems that occur most often; a rule whose suggestion
    recurs is split by suggestion, a rule whose every place has its own stays whole."""
    by_rule: dict[str, list[Finding]] = {}
    for finding in findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    problems = []
    for rule, group in by_rule.items():
        counts = Counter(f.suggestion for f in group)
        if len(counts) > 1 and all(n > 1 for n in counts.values()):
            for suggestion in counts:
                same = tuple(f for f in group if f.suggestion == suggestion)
                problems.append(Problem(rule, same[0].severity, suggestion, same))
        else:
            common = next(iter(counts)) if len(counts) == 1 else None
            problems.append(Problem(rule, group[0].severity, common, tuple(group)))
    return sorted(problems, key=lambda p: (p.severity is not Severity.ERROR, -len(p.findings)))


def rows_by_project(problems: Sequence[Problem], project_order: Sequence[str] = ()) -> list[Row]:
    """One row per project and problem: projects in the file's order (`project_order`, then
    any other project as first met, then findings of no project), problems in the order of
    `problems` within a project."""
    seen = _unique(f.project or "" for p in problems for f in p.findings)
    order = {name: n for n, name in enumerate(_unique([*project_order, *[s for s in seen if s]]))}
    rows = []
    for project in sorted(seen, key=lambda name: order.get(name, len(order))):
        for index, problem in enumerate(problems):
            mine = tuple(f for f in problem.findings if (f.project or "") == project)
            if mine:
                rows.append(Row(project or None, index, mine))
    return rows


def problem_number(index: int) -> str:
    """（一）（二）…（十一）… as the body numbers its problems (index 0 is （一）)."""
    return f"（{chinese_numeral(index + 1)}）"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 99 → 九十九 (as 公文 number their items); past 99, digits."""
    if not 1 <= n <= 99:
        return str(n)
    tens, ones = divmod(n, 10)
    prefix = "" if tens == 0 else ("十" if tens == 1 else CHINESE_NUMBERS[tens - 1] + "十")
    return prefix + (CHINESE_NUMBERS[ones - 1] if ones else "")


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
