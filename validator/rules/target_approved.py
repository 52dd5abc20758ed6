"""检查：绩效自评表与已批复（审核通过）的绩效目标表是否一致：台账中有同一单位、同一年度、同一项目
审核通过的目标表时，自评表漏掉的目标指标和目标表里没有的新增指标各提示一条（指标值改动由
target-changed 报错）；没有可对照的目标表时，整张表只提示一次。只检查自评表；在机器人中自动对照台账，
命令行 validate 不对照台账，只提示一次。

为什么：自评是对年初批复目标的打分；悄悄删掉没完成的指标、换上容易完成的新指标，自评就失去了意义。

选项：无。

通过示例：目标表批复了“法治讲座场次 ≥48场”等 5 条指标，自评表逐条自评，指标名称一致。

不通过示例：自评表少了“群众满意度”（目标表有）；多了“宣传册发放数量”（目标表没有）；
  台账中没有该单位 2027 年“普法经费”审核通过的目标表。
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.context import ReviewContext, indicator_key, target_text
from validator.records import Submission
from validator.rules.base import Options, Problem, at_indicator
from validator.text import key

ID = "target-approved"
LEVEL = "warning"
OPTIONS: dict[str, dict[str, object]] = {}


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    if submission.is_self_evaluation and submission.projects:
        yield Problem("本次审核没有对照已批复的绩效目标表（未提供台账）。",
                      "由审核机器人处理时会自动对照台账中审核通过的目标表；请确认自评指标与批复目标一致。",
                      cell=submission.projects[0].name)


def check_in_context(submission: Submission, options: Options, context: ReviewContext) -> Iterator[Problem]:
    if not submission.is_self_evaluation:
        return
    groups = submission.indicators_by_project()
    missing = []
    for row in submission.projects:
        approved = context.approved(submission.department, submission.year, row.name.shown)
        if approved is None:
            missing.append(row)
            continue
        mine = groups.get(key(row.name.text), [])
        names = {indicator_key(i) for i in mine}
        targets = {indicator_key(t) for t in approved.indicators}
        for t in approved.indicators:
            if indicator_key(t) not in names:
                yield Problem(f"批复的目标指标“{t.name.shown if t.name else ''}”（{target_text(t)}）"
                              f"在自评表中没有自评（目标表：{approved.source}）。",
                              "请对批复的每条目标指标逐条自评，不要删减。", cell=row.name, project=row.name.shown)
        for ind in mine:
            if indicator_key(ind) not in targets:
                yield at_indicator(ind, ind.name, f"指标“{ind.name.shown if ind.name else ''}”不在批复的目标表"
                                   f"（{approved.source}）中。",
                                   "自评指标应为批复的目标指标；确需调整的，请附目标调整的批复文件。")
    if missing:
        listed = "、".join(f"“{r.name.shown}”" for r in missing)
        yield Problem(f"台账中没有{submission.department or '该单位'}{submission.year or ''}年项目{listed}审核通过的"
                      "绩效目标表，未能对照批复目标。", "请确认该项目的目标表已报送并审核通过，或核对项目名称是否与目标表一致。",
                      cell=missing[0].name, project=missing[0].name.shown if len(missing) == 1 else None)
