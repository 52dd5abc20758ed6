"""检查：同一份提交中项目名称是否重复（忽略空格、换行和全角/半角差异）。

为什么：重名项目会让指标无法对应到项目，也可能是同一项目被重复申报资金。

选项：无。

通过示例：各项目名称互不相同。

不通过示例：第 5 行与第 9 行都是“普法经费”（或“普法 经费”）。
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.records import Cell, Submission
from validator.rules.base import Options, Problem
from validator.text import key
from validator.values.indicators import clip

ID = "project-duplicate"
LEVEL = "error"
OPTIONS: dict = {}


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    first: dict[str, Cell] = {}
    for row in submission.projects:
        k = key(row.name.text)
        if not k:
            continue
        if k in first:
            yield Problem(f"项目名称“{clip(row.name.shown)}”与 {first[k].coord} 重复。",
                          "同一项目只填一行；如确为不同项目，请在名称中加以区分。",
                          cell=row.name, project=row.name.shown)
        else:
            first[k] = row.name
