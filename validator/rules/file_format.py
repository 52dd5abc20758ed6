"""检查：文件名后缀是否与文件的实际格式一致（例如 .xls 文件被改名为 .xlsx）。

为什么：系统按文件内容识别格式，改了后缀的工作簿照常审核；但单位或其他部门用 Excel/WPS
打开时会报错或提示“文件格式与扩展名不匹配”，后续流转中容易被当成损坏的文件。

选项：无。

通过示例：在 Excel 或 WPS 中“另存为”得到的 .xlsx、.xls、.ods 文件，后缀与内容一致。

不通过示例：把 Excel 97-2003 格式的 .xls 文件直接改名为“绩效目标表.xlsx”后提交。
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.reader.sniff import FORMAT_NAMES, SUFFIXES, WORKBOOK_FORMATS
from validator.records import Submission
from validator.rules.base import Options, Problem

ID = "file-format"
LEVEL = "warning"
OPTIONS: dict = {}


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    real = submission.file_format
    suffix = submission.path.suffix.lower()
    if not real or suffix in SUFFIXES.get(real, {suffix}):
        return
    proper = WORKBOOK_FORMATS.get(real, ".csv")
    shown = suffix or "（无后缀）"
    yield Problem(
        f"文件名后缀是 {shown}，但文件内容实际是{FORMAT_NAMES[real]}；已按实际格式读取并审核。",
        f"请把文件改名为“{submission.path.stem}{proper}”（只改后缀）后再提交，"
        "或在 Excel/WPS 中打开后“另存为”Excel 工作簿（*.xlsx）。",
        value=suffix,
    )
