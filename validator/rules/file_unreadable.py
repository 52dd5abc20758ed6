"""检查：文件能否作为工作簿打开（不是 zip、已损坏、已加密、旧版 .xls、空文件、压缩包异常）。

为什么：读不出来的文件无法审核，必须退回并告诉单位如何正确保存。本规则由读取阶段触发；
即使在 rules.yaml 中关闭，无法读取的文件仍会报告（否则提交会被静默丢失），只是级别可调。

选项：无。

通过示例：在 Excel 或 WPS 中“另存为 .xlsx”的绩效目标表。

不通过示例：把 .xls 文件改名为 .xlsx；设置了打开密码的工作簿；0 字节的文件。
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.records import Submission
from validator.rules.base import Options, Problem

ID = "file-unreadable"
LEVEL = "error"
OPTIONS: dict = {}


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    """Raised by the reader, stamped by the engine: nothing to check on a readable file."""
    return iter(())
