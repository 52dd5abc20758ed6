"""检查：同一项目的大多数指标是否填了同一个指标值（如 7 条指标中 6 条都是“100%”），
像是套用的固定值而不是逐条测算的目标。默认关闭。

为什么：“每条都是 ≥95%”“每条都是 100%”是审核中常见的意见：固定值说明目标没有依据，
也常常套在无法衡量的指标上。

选项：
  share：同一个值占本项目指标的比例达到多少时提示，默认 0.8。
  min_count：同一个值至少出现几次才提示，默认 3。

通过示例：项目 4 条指标分别为 ≥95%、<24小时、=100%、≥200个。

不通过示例：项目 7 条指标中 6 条为“100%”。
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from validator.records import Cell, Indicator, Submission
from validator.rules.base import Options, Problem, at_indicator
from validator.text import key
from validator.values.indicators import clip, valued
from validator.values.threshold import Threshold

ID = "value-boilerplate"
LEVEL = "off"
OPTIONS = {
    "share": {"type": "number", "min": 0, "max": 1, "default": 0.8},
    "min_count": {"type": "integer", "min": 2, "default": 3},
}

Valued = tuple[Indicator, Cell, Threshold]


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    groups: dict[str, list[Valued]] = {}
    for item in valued(submission):
        if item[2].kind != "malformed":
            groups.setdefault(key(item[0].project.text), []).append(item)
    for items in groups.values():
        problem = _repeated(items, options)
        if problem is not None:
            yield problem


def _repeated(items: list[Valued], options: Options) -> Problem | None:
    counts = Counter(result.normalized for _, _, result in items)
    value, count = counts.most_common(1)[0]
    if count < options["min_count"] or count / len(items) < options["share"]:
        return None
    ind, cell, _ = next(item for item in items if item[2].normalized == value)
    message = f"本项目 {len(items)} 条指标中有 {count} 条的指标值都是“{clip(cell.display)}”，像是套用的固定值。"
    return at_indicator(ind, cell, message,
                        "请按每条指标的实际情况分别测算目标值；无法衡量的指标请改写或删除。", value=cell.display)
