"""检查：项目名称、资金使用单位、绩效目标、指标名称和指标解释中是否残留占位文字
（XXX、××、待定、请填写、示例、此处填写 …）。

为什么：占位文字说明表格未填完，或照搬了模板中的示例。

选项：
  patterns：视为占位文字的正则表达式列表（不区分大小写）。

通过示例：“全市公共法律服务平台数量”。

不通过示例：“XXX项目经费”；“请填写绩效目标”；“示例：法治讲座场次”。
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from validator.records import Cell, Submission
from validator.rules.base import Options, Problem
from validator.values.indicators import clip

ID = "text-placeholder"
LEVEL = "error"
DEFAULT_PATTERNS = [
    r"[xX×＊*]{2,}", r"待定", r"待补充", r"请填写", r"请输入", r"此处填写", r"^示例", r"示例[:：]",
    r"^例[:：]", r"^测试$", r"^test$", r"^[?？]+$", r"^[.。…]+$", r"^略$", r"^无$",
]
OPTIONS = {"patterns": {"type": "list", "schema": {"type": "string"}, "default": DEFAULT_PATTERNS}}


def validate_options(options: Options) -> list[str]:
    """Patterns are compiled up front so a typo in rules.yaml is a usage error, not a crash."""
    problems = []
    for pattern in options["patterns"]:
        try:
            re.compile(pattern)
        except re.error as exc:
            problems.append(f"patterns：“{pattern}”不是有效的正则表达式（{exc}）")
    return problems


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    pattern = re.compile("|".join(f"(?:{p})" for p in options["patterns"]), re.IGNORECASE)
    hits: dict[str, bool] = {}  # each distinct text searched once: names and categories repeat
    for row in submission.projects:
        for label, cell in (("项目名称", row.name), ("资金使用单位", row.unit), ("绩效目标", row.goal)):
            if _hit(pattern, cell, hits):
                yield _problem(label, cell, project=row.name.shown or None, indicator=None)  # type: ignore[arg-type]
    for ind in submission.indicators:
        name, note = ind.name, ind.note
        # _hit inlined for the two cells of every indicator row: a known text is one lookup
        if name is not None and (hits[name.text] if name.text in hits else _hit(pattern, name, hits)) and not name.empty:
            yield _problem("指标名称", name, project=ind.project.shown or None, indicator=ind.label)
        if note is not None and (hits[note.text] if note.text in hits else _hit(pattern, note, hits)) and not note.empty:
            yield _problem("指标解释", note, project=ind.project.shown or None, indicator=ind.label)


def _hit(pattern: re.Pattern[str], cell: Cell | None, hits: dict[str, bool]) -> bool:
    """Whether the cell holds a placeholder; `hits` keeps the answer for each text (whether
    the cell is empty is not part of it)."""
    if cell is None:
        return False
    found = hits.get(cell.text)
    if found is None:
        found = hits[cell.text] = pattern.search(cell.text) is not None
    return found and not cell.empty


def _problem(label: str, cell: Cell, *, project: str | None, indicator: str | None) -> Problem:
    return Problem(f"{label}“{clip(cell.shown)}”含有占位或示例文字。", f"请把{label}改为实际内容。",
                   cell=cell, project=project, indicator=indicator)
