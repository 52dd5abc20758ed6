"""检查：提交的工作簿是否由当前版本的标准模板填写。绩效自评表由本工具的自评表模板
（validator template --kind 自评）填写的，同样核对其版本；单位按中央表样自制的自评表不提示。

为什么：旧模板的下拉选项、列和规则可能已变更；未知模板说明表格是自行制作或复制的，容易漏项。

选项：
  accepted：接受的模板版本列表，默认只接受当前版本。

通过示例：隐藏的“模板信息”表中 version 为当前版本（目标表模板和自评表模板相同）。

不通过示例：version 为 2025.1（旧版）；没有“模板信息”表（非标准模板）；用旧版自评表模板填写的自评表。
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.reader.sheets import SELF_TEMPLATE_ID, TEMPLATE_ID, TEMPLATE_VERSION
from validator.records import Submission, TemplateMeta
from validator.rules.base import Options, Problem
from validator.values.indicators import clip

ID = "template-version"
LEVEL = "warning"
OPTIONS = {"accepted": {"type": "list", "schema": {"type": "string"}, "default": [TEMPLATE_VERSION]}}


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    meta = submission.meta
    if submission.is_self_evaluation:
        if meta is not None and meta.template_id == SELF_TEMPLATE_ID:  # filled in our 自评 template
            yield from _version(meta, options, "自评表模板")
        return
    if submission.layout != "template" or (len(submission.sheets_missing) >= 2 and meta is None):
        return
    if meta is None or meta.template_id != TEMPLATE_ID:
        yield Problem("工作簿不是由标准模板生成（缺少模板信息），可能是自行制作或复制的表格。",
                      "建议使用预算科下发的最新标准模板重新填报，以免遗漏必填内容。")
        return
    yield from _version(meta, options, "标准模板")


def _version(meta: TemplateMeta, options: Options, template: str) -> Iterator[Problem]:
    accepted = [str(v) for v in options["accepted"]]
    if meta.version not in accepted:
        yield Problem(f"模板版本为 {clip(meta.version or '（未知）')}，当前接受的版本为 {'、'.join(accepted)}。",
                      f"请下载最新版本的{template}，把内容复制过去后重新提交。", sheet=meta.sheet, value=meta.version)
