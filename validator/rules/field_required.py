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

from collections.abc import Callable, Iterator
from functools import lru_cache
from operator import attrgetter
from typing import Any

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


_PROJECT_FIELDS = ("name", "unit", "total", "fiscal", "special", "other")
_INDICATOR_FIELDS = ("project", "level1", "level2", "name", "direction", "unit", "note")


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    if PROJECT_SHEET in submission.sheets_found and not submission.projects:
        yield Problem("项目信息表中没有填写任何项目。", "请在项目信息表中逐行填写本单位的项目后再提交。",
                      sheet=submission.sheets_found[PROJECT_SHEET])
    yield from _checked(submission.projects, _PROJECT_FIELDS, PROJECT_HEADERS, options["project_fields"],
                        lambda row: (row.name.shown or None, None))
    yield from _checked(submission.indicators, _INDICATOR_FIELDS, INDICATOR_HEADERS, options["indicator_fields"],
                        lambda ind: (ind.project.shown or None, ind.label))


def _checked(records: list[Any], fields: tuple[str, ...], headers: dict[str, str], required: list[str],
             names: Callable[[Any], tuple[str | None, str | None]]) -> Iterator[Problem]:
    schema = _compiled(tuple(required))
    wanted = [f for f in fields if headers[f] in required]
    required_cells = attrgetter(*wanted, *wanted) if wanted else None  # a tuple, even for one field
    for record in records:
        # Text (or a formula) in every required field passes the schema: most records stop here.
        if required_cells is not None:
            for cell in required_cells(record):
                if cell is not None and not (cell.text if cell.formula is None else cell.formula):
                    break
            else:
                continue
        errors = schema.errors({headers[f]: getattr(record, f) for f in fields})
        if errors:  # the project's name is worked out only for a record with a problem
            project, indicator = names(record)
            yield from _problems(errors, project=project, indicator=indicator)


@lru_cache(maxsize=16)
def _compiled(fields: tuple[str, ...]) -> RecordSchema:
    """One compiled schema per field list, shared by every submission of the run."""
    return RecordSchema(required_schema(list(fields)))


def _problems(errors: list[FieldError], *, project: str | None, indicator: str | None) -> Iterator[Problem]:
    for err in errors:
        yield Problem(f"“{err.field}”未填写。", f"请填写“{err.field}”。", cell=err.cell,
                      project=project, indicator=indicator)
