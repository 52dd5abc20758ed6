"""检查：必填字段是否填写（项目名称、总计，以及每条指标的项目名称、一级、二级、三级指标）。

项目信息表中一个项目都没有填写，也按本规则报告。

为什么：空着的必填项会让项目或指标无法识别，也无法核对资金。绩效目标和指标值另有专门规则
（goal-missing、threshold-malformed）。

选项：
  project_fields：项目信息表的必填列，默认 [项目名称, 总计]。
  indicator_fields：绩效指标表的必填列，默认 [项目名称, 一级指标, 二级指标, 三级指标]。

通过示例：每个项目都填了名称与总计，每条指标都选了一级、二级指标并写了三级指标名称。

不通过示例：绩效指标表第 8 行“二级指标”为空。
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from validator.reader.columns import INDICATOR_HEADERS, PROJECT_HEADERS
from validator.reader.sheets import PROJECT_SHEET
from validator.records import Submission
from validator.rules.base import Options, Problem
from validator.rules.schema import FieldError, RecordSchema, required_schema

ID = "field-required"
LEVEL = "error"
_PROJECT_ALLOWED = [PROJECT_HEADERS[f] for f in ("name", "unit", "total", "fiscal", "special", "other")]
_INDICATOR_ALLOWED = [INDICATOR_HEADERS[f] for f in ("project", "level1", "level2", "name", "direction", "unit", "note")]
OPTIONS = {
    "project_fields": {"type": "list", "allowed": _PROJECT_ALLOWED, "default": ["项目名称", "总计"]},
    "indicator_fields": {
        "type": "list", "allowed": _INDICATOR_ALLOWED, "default": ["项目名称", "一级指标", "二级指标", "三级指标"],
    },
}


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    if PROJECT_SHEET in submission.sheets_found and not submission.projects:
        yield Problem("项目信息表中没有填写任何项目。", "请在项目信息表中逐行填写本单位的项目后再提交。",
                      sheet=submission.sheets_found[PROJECT_SHEET])
    schema = _compiled(tuple(options["project_fields"]))
    for row in submission.projects:
        cells = {PROJECT_HEADERS[f]: getattr(row, f) for f in ("name", "unit", "total", "fiscal", "special", "other")}
        errors = schema.errors(cells)
        if errors:  # the project's name is worked out only for a record with a problem
            yield from _problems(errors, project=row.name.shown or None, indicator=None)
    schema = _compiled(tuple(options["indicator_fields"]))
    for ind in submission.indicators:
        fields = ("project", "level1", "level2", "name", "direction", "unit", "note")
        cells = {INDICATOR_HEADERS[f]: getattr(ind, f) for f in fields}
        errors = schema.errors(cells)
        if errors:
            yield from _problems(errors, project=ind.project.shown or None, indicator=ind.label)


@lru_cache(maxsize=16)
def _compiled(fields: tuple[str, ...]) -> RecordSchema:
    """One compiled schema per field list, shared by every submission of the run."""
    return RecordSchema(required_schema(list(fields)))


def _problems(errors: list[FieldError], *, project: str | None, indicator: str | None) -> Iterator[Problem]:
    for err in errors:
        yield Problem(f"“{err.field}”未填写。", f"请填写“{err.field}”。", cell=err.cell,
                      project=project, indicator=indicator)
