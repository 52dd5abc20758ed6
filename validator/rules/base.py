"""What rule modules share: the Problem they yield and the shape of a rule module.

A rule module declares `ID` (stable kebab-case), `LEVEL` (default: error|warning|off),
`OPTIONS` (a cerberus schema per option, each with a `default`), and
`check(submission, options)` yielding Problems; optionally `validate_options(options)`
returning Chinese problems with option values that a schema cannot express (a regex). Rules never set their own id or severity:
the engine stamps both from the configuration. The module docstring is the rule's
reference page (printed by `validator rules`) with the sections 检查 / 选项 / 通过示例 /
不通过示例."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any, Protocol

from validator.records import Cell, Indicator, Submission


@dataclass(frozen=True)
class Problem:
    message: str
    suggestion: str | None = None
    cell: Cell | None = None
    sheet: str | None = None
    project: str | None = None
    indicator: str | None = None
    value: str | None = None


Options = Mapping[str, Any]


class RuleModule(Protocol):
    ID: str
    LEVEL: str
    OPTIONS: dict[str, dict[str, Any]]
    __doc__: str | None

    def check(self, submission: Submission, options: Options) -> Iterator[Problem]: ...


def at_indicator(ind: Indicator, cell: Cell | None, message: str, suggestion: str | None = None, *,
                 value: str | None = None) -> Problem:
    """A problem about one indicator, located at `cell` (or the indicator's name cell)."""
    where = cell or ind.name or ind.project
    return Problem(message, suggestion, cell=where, project=ind.project.shown or None,
                   indicator=ind.label, value=value)


def noted(problem: Problem) -> Problem:
    """A problem located at a formula cell says so: “（G16 为公式 =SUM(G9:G15)，按文件中保存的
    计算结果核对）”, so the unit looks at the formula, not only at the number."""
    cell = problem.cell
    if cell is None or cell.formula is None:
        return problem
    note = f"（{cell.coord} 为公式 {cell.formula}，按文件中保存的计算结果核对）"
    return replace(problem, message=problem.message.rstrip("。") + note + "。")
