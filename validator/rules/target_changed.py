"""检查：绩效自评表中每条指标的年度指标值是否与已批复（审核通过）的绩效目标表中同名指标的指标值相同
（按目标值的写法规则比较，“≥ 800 件”与“≥800件”视为相同）。只检查自评表，且只在台账中有同一单位、
同一年度、同一项目审核通过的目标表时检查（由审核机器人自动对照）。

为什么：把没完成的目标改低再自评（如“≥800件”改成“≥600件”），是自评中最隐蔽也最严重的问题。

选项：无。

通过示例：目标表“法治讲座场次 ≥48场”，自评表年度指标值也是“≥48场”。

不通过示例：目标表“≥48场”，自评表写“≥40场”；目标表“≤5天”，自评表写“≤7天”。
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.context import ReviewContext, indicator_key, same_target, target_text
from validator.records import Submission
from validator.rules.base import Options, Problem, at_indicator
from validator.text import key

ID = "target-changed"
LEVEL = "error"
OPTIONS: dict[str, dict[str, object]] = {}


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    return iter(())  # nothing to compare without the approved targets (target-approved says so once)


def check_in_context(submission: Submission, options: Options, context: ReviewContext) -> Iterator[Problem]:
    if not submission.is_self_evaluation:
        return
    groups = submission.indicators_by_project()
    for row in submission.projects:
        approved = context.approved(submission.department, submission.year, row.name.shown)
        if approved is None:
            continue
        targets = {indicator_key(t): t for t in approved.indicators}
        for ind in groups.get(key(row.name.text), []):
            target = targets.get(indicator_key(ind))
            if target is not None and not same_target(ind, target):
                yield at_indicator(
                    ind, ind.value, f"年度指标值“{ind.value.shown if ind.value else ''}”与批复的目标“"
                    f"{target_text(target)}”不一致（目标表：{approved.source}）。",
                    f"请按批复的目标“{target_text(target)}”填写年度指标值并据此自评；"
                    "确需调整的，请附目标调整的批复文件。")
