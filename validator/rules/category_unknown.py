"""检查：一级、二级指标是否属于绩效目标的指标体系（新旧两种分类均接受，常见别名先归一），
二级指标是否属于所填的一级指标。

为什么：无法归类的指标不能计入“产出/效益/满意度”，审核时会被视为缺项；“投入指标”“过程指标”
属于绩效评价体系，不应出现在绩效目标表中。

选项：
  check_level2：是否检查二级指标及其与一级指标的对应关系，默认 true。

通过示例：产出指标 / 数量指标；效果指标（按效益指标处理）/ 社会效益指标；成本指标 / 经济成本指标。

不通过示例：一级指标“投入指标”；一级指标“效益指标”下的二级指标“数量指标”。
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from validator.records import Indicator, Submission
from validator.rules.base import Options, Problem, at_indicator
from validator.text import key
from validator.values.categories import NOT_TARGET, TAXONOMY, normalize_level1, normalize_level2
from validator.values.indicators import clip

ID = "category-unknown"
LEVEL = "error"
OPTIONS = {"check_level2": {"type": "boolean", "default": True}}
_LEVEL1 = "、".join(TAXONOMY)


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    fine: set[tuple[str, str | None]] = set()  # the (一级, 二级) texts already found in order: they repeat
    for ind in submission.indicators:
        level1 = _level1(ind)
        if level1 is False:
            continue
        level2 = ind.level2
        seen = (ind.level1.text, None if level2 is None or level2.empty else level2.text)  # type: ignore[union-attr]
        if seen in fine:
            continue
        if level1 is None:
            yield _unknown_level1(ind)
        elif options["check_level2"]:
            problems = list(_level2(ind, level1))
            yield from problems
            if not problems:
                fine.add(seen)
        else:
            fine.add(seen)


def _level1(ind: Indicator) -> str | Literal[False] | None:
    if ind.level1 is None or ind.level1.empty:
        return False  # empty cells are field-required's
    return normalize_level1(ind.level1.text)


def _unknown_level1(ind: Indicator) -> Problem:
    assert ind.level1 is not None
    text = clip(ind.level1.shown)
    if key(text) in NOT_TARGET:
        return at_indicator(ind, ind.level1, f"“{text}”属于绩效评价指标体系，不是绩效目标指标。",
                            f"请改用 {_LEVEL1} 之一。")
    return at_indicator(ind, ind.level1, f"一级指标“{text}”无法识别。", f"请从下拉列表中选择：{_LEVEL1}。")


def _level2(ind: Indicator, level1: str) -> Iterator[Problem]:
    if ind.level2 is None or ind.level2.empty:
        return
    level2 = normalize_level2(ind.level2.text)
    allowed = TAXONOMY[level1]
    if level2 is None:
        yield at_indicator(ind, ind.level2, f"二级指标“{clip(ind.level2.shown)}”无法识别。",
                           f"“{level1}”下可选：{'、'.join(allowed)}。")
    elif level2 not in allowed:
        yield at_indicator(ind, ind.level2, f"二级指标“{clip(ind.level2.shown)}”不属于一级指标“{level1}”。",
                           f"请改选“{level1}”下的二级指标：{'、'.join(allowed)}；或更正一级指标。")
