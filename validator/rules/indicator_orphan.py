"""检查：绩效指标表中每条指标所填的项目名称，是否在项目信息表中存在（忽略空格与全角/半角差异）。

为什么：对应不上的指标无法归入任何项目，通常是项目改名后指标表未同步，或名称输入有误。

选项：无。

通过示例：指标表“项目名称”列从下拉列表中选择，与项目信息表一致。

不通过示例：项目信息表为“普法经费”，指标表写成“普法宣传经费”。
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.reader.sheets import PROJECT_SHEET
from validator.records import Submission
from validator.rules.base import Options, Problem, at_indicator
from validator.text import key
from validator.values.indicators import clip

ID = "indicator-orphan"
LEVEL = "error"
OPTIONS: dict = {}


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    if PROJECT_SHEET not in submission.sheets_found:
        return
    names = {key(r.name.text) for r in submission.projects}
    listed: set[str] = set()  # project texts found in the project sheet: every indicator row repeats one
    for ind in submission.indicators:
        if ind.project.text in listed:
            continue
        k = key(ind.project.text)
        if not k or k in names:
            listed.add(ind.project.text)
        else:
            yield at_indicator(ind, ind.project, f"指标所属项目“{clip(ind.project.shown)}”不在项目信息表中。",
                               "请从下拉列表中选择项目名称，使其与项目信息表完全一致。")
