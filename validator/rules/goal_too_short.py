"""检查：绩效目标是否过短（去掉空格和标点后的字数少于设定值）。

为什么：一两句话的目标说不清“做什么、做多少、达到什么效果”，无法与指标对应。

选项：
  min_chars：最少字数，默认 15。

通过示例：“完成 11 个区的法律顾问考核，群众满意度达到 90% 以上。”

不通过示例：“做好普法工作。”
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from validator.records import Submission
from validator.rules.base import Options, Problem
from validator.rules.text_placeholder import DEFAULT_PATTERNS
from validator.text import key

ID = "goal-too-short"
LEVEL = "warning"
OPTIONS = {"min_chars": {"type": "integer", "min": 1, "default": 15}}
_NOT_COUNTED = re.compile(r"[\s\W_]+")
_PLACEHOLDER = re.compile("|".join(f"(?:{p})" for p in DEFAULT_PATTERNS), re.IGNORECASE)


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    minimum = options["min_chars"]
    for row in submission.projects:
        goal = row.goal
        if goal is None or goal.empty:
            continue
        length, placeholder, goal_key = _goal(goal.text)
        if not length or placeholder or goal_key == key(row.name.text):
            continue  # one cause, one finding (see _goal)
        if length < minimum:
            yield Problem(f"绩效目标只有 {length} 个字，过于简略。",
                          f"请用不少于 {minimum} 个字写明本年度的产出（数量、质量、时效）和预期效果。",
                          cell=goal, project=row.name.shown or None)


@lru_cache(maxsize=1024)
def _goal(goal: str) -> tuple[int, bool, str]:
    """What counts of a goal: its length without spaces and punctuation, whether it holds a
    placeholder, and its matching key (worked out once per distinct goal: goals repeat). A
    goal with no words, a copy of the project name (both goal-missing) or a placeholder
    (text-placeholder) is not also "too short": one cause, one finding."""
    return len(_NOT_COUNTED.sub("", goal)), _PLACEHOLDER.search(goal) is not None, key(goal)
