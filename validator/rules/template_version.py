"""检查：提交的工作簿是否由当前版本的标准模板填写。

为什么：旧模板的下拉选项、列和规则可能已变更；未知模板说明表格是自行制作或复制的，容易漏项。

选项：
  accepted：接受的模板版本列表，默认只接受当前版本。

通过示例：隐藏的“模板信息”表中 version 为当前版本。

不通过示例：version 为 2025.1（旧版）；没有“模板信息”表（非标准模板）。
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.reader.sheets import TEMPLATE_ID, TEMPLATE_VERSION
from validator.records import Submission
from validator.rules.base import Options, Problem
from validator.values.indicators import clip

ID = "template-version"
LEVEL = "warning"
OPTIONS = {"accepted": {"type": "list", "schema": {"type": "string"}, "default": [TEMPLATE_VERSION]}}


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    meta = submission.meta
    if submission.layout != "template" or (len(submission.sheets_missing) >= 2 and meta is None):
        return
    if meta is None or meta.template_id != TEMPLATE_ID:
        yield Problem("工作簿不是由标准模板生成（缺少模板信息），可能是自行制作或复制的表格。",
                      "建议使用预算科下发的最新标准模板重新填报，以免遗漏必填内容。")
        return
    accepted = [str(v) for v in options["accepted"]]
    if meta.version not in accepted:
        yield Problem(f"模板版本为 {clip(meta.version or '（未知）')}，当前接受的版本为 {'、'.join(accepted)}。",
                      "请下载最新版本的标准模板，把内容复制过去后重新提交。", sheet=meta.sheet, value=meta.version)
