"""检查：数据中间是否又出现了一遍表头（常见于从别的表格复制粘贴时连表头一起带入）。

为什么：重复的表头不是项目或指标；若当作数据读取，会凭空多出一个名为“项目名称”的项目，
并引出一串无关的问题。这样的行不读取，只在此提示，以便删除。各种版式（标准模板、公开格式、
预算系统导出、申报表的指标表）都检查。

选项：无。

通过示例：表头只在表格最上方出现一次；多个单位共用一张表时，每个单位的“单位名称：…”行下方各有一行表头。

不通过示例：第 9 行又是“项目名称 | 总计 | 财政拨款 | …”。
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from validator.records import Submission
from validator.rules.base import Options, Problem

ID = "header-repeated"
LEVEL = "warning"
OPTIONS: dict = {}
_ROW = re.compile(r"第(\d+)行|^[A-Z]+(\d+)$")


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    for cell in submission.repeated_headers:
        m = _ROW.search(cell.coord)
        row = (m.group(1) or m.group(2)) if m else cell.coord
        yield Problem(f"第 {row} 行重复了表头（可能是复制粘贴时带入的），该行未作为项目或指标读取。",
                      "请删除这一行重复的表头，再核对其上下的数据是否完整。", cell=cell)
