"""检查：每个项目是否填写了绩效目标（年度目标），且不是简单照抄项目名称。

为什么：绩效目标是审核指标相关性的依据，缺少或照抄名称的目标无法评价。

选项：无。

通过示例：“全年开展法治讲座不少于 48 场，群众满意度达到 90% 以上。”

不通过示例：绩效目标为空；绩效目标就是“普法经费”。
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.records import Submission
from validator.rules.base import Options, Problem
from validator.text import key

ID = "goal-missing"
LEVEL = "error"
OPTIONS: dict = {}


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    for row in submission.projects:
        goal = row.goal
        if goal is None:
            continue  # no goal column: column-missing reports it
        if goal.empty:
            yield Problem("未填写绩效目标。", "请写明本年度要达到的产出和效果（做什么、做多少、达到什么效果）。",
                          cell=goal, project=row.name.shown or None)
        elif key(goal.text) == key(row.name.text):
            yield Problem("绩效目标照抄了项目名称。", "请写明本年度要达到的产出和效果，而不是重复项目名称。",
                          cell=goal, project=row.name.shown or None)
