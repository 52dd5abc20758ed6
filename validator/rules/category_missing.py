"""检查：每个项目是否至少有一条所要求的各一级指标（默认 产出、效益、满意度）。

为什么：“三类指标缺一不可”是绩效目标审核的完整性要求；许多地区自 2021 年起还要求成本指标，
可在 rules.yaml 的 required 中加入“成本”。别名（效果指标、预期产出指标、产出指标(50分) …）先归一再判断。

选项：
  required：必须出现的一级指标，默认 [产出, 效益, 满意度]；可选 产出、成本、效益、满意度。

通过示例：项目有 产出指标 3 条、效益指标 1 条、满意度指标 1 条。

不通过示例：项目只有产出指标和满意度指标，缺效益指标。
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.records import Submission
from validator.rules.base import Options, Problem
from validator.text import key
from validator.values.categories import normalize_level1

ID = "category-missing"
LEVEL = "error"
OPTIONS = {
    "required": {
        "type": "list", "allowed": ["产出", "成本", "效益", "满意度", "产出指标", "成本指标", "效益指标", "满意度指标"],
        "default": ["产出", "效益", "满意度"],
    },
}


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    required = [normalize_level1(r) for r in options["required"]]
    groups = submission.indicators_by_project()
    for row in submission.projects:
        indicators = groups.get(key(row.name.text))
        if not indicators:
            continue  # reported by project-without-indicators
        # each distinct 一级指标 text normalised once: a project repeats a few of them
        present = {normalize_level1(text) for text in {i.level1.text for i in indicators if i.level1 is not None}}
        for category in required:
            if category and category not in present:
                yield Problem(
                    f"项目缺少“{category}”类绩效指标。",
                    f"请至少补充一条“{category}”，并写明可衡量的年度指标值。",
                    cell=row.name, project=row.name.shown or None,
                )
