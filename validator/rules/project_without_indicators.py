"""检查：每个项目是否至少有一条绩效指标。

为什么：“无目标不安排预算”：没有绩效指标的项目不能进入项目库。

选项：无。

通过示例：项目“普法经费”在绩效指标表中有 6 条指标。

不通过示例：项目信息表中有“购置经费”，绩效指标表中没有任何一行属于它。
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.records import Submission
from validator.rules.base import Options, Problem
from validator.text import key

ID = "project-without-indicators"
LEVEL = "error"
OPTIONS: dict = {}


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    groups = submission.indicators_by_project()
    for row in submission.projects:
        k = key(row.name.text)
        if k and not groups.get(k):
            yield Problem("项目没有任何绩效指标。",
                          "请在绩效指标表中为该项目填写产出、效益、满意度等指标及年度指标值。",
                          cell=row.name, project=row.name.shown)
