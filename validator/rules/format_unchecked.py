"""检查：文件格式（.xlsb，或含有公式的 .xls）读不出某些审核要用到的信息时，说明哪项检查未能进行。
每个文件每类只提示一次，不逐格重复：

- 数字格式（.xlsb）：指标值是数字时，读不出它显示为百分比还是日期（0.95 可能显示为 95%），
  只能按数字本身审核，百分比、日期相关的检查未能进行；
- 公式（.xlsb；含有公式的 .xls）：读不出哪些单元格是公式，金额和指标值按文件中保存的计算结果审核
  （.xlsx 中公式单元格不按结果核对）；
- 合并单元格（.xlsb）：有指标的项目名称为空时，读不出它是否与上方单元格合并。

为什么：同一张表无论以哪种格式提交，审核结果都应相同；做不到的地方要明说，不能悄悄给出不同的结论。
.xlsx、.xlsm、.ods 和不含公式的 .xls 不会出现这条提示。

选项：无。

通过示例：另存为 .xlsx 后提交；或 .xls 中没有公式，指标值写成文字（“≥95%”）。

不通过示例：以 .xlsb 提交，指标值单元格中是数字 0.95（设置为百分比格式显示为 95%）。
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.reader.sniff import FORMAT_NAMES
from validator.reader.unread import FORMULAS, MERGED, NUMBER_FORMATS
from validator.records import Cell, Submission
from validator.rules.base import Options, Problem

ID = "format-unchecked"
LEVEL = "warning"
OPTIONS: dict = {}

_SAVE_AS = "请在 Excel 或 WPS 中打开后“另存为”Excel 工作簿（*.xlsx），再重新提交。"
_SHOWN = 3  # cells named in the message


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    unread = submission.unread
    if not unread:
        return
    what = FORMAT_NAMES.get(submission.file_format, "该格式")
    if NUMBER_FORMATS in unread:
        numbers = [c for c in (ind.value for ind in submission.indicators) if c is not None and _number(c)]
        if numbers:
            yield Problem(
                f"文件是{what}，读不出单元格的数字格式：指标值{_places(numbers)}是数字，无法判断显示为百分比还是日期，"
                "已按数字本身审核，百分比和日期相关的检查未能进行。",
                f"{_SAVE_AS}或把这些指标值改写成文字（如“≥95%”）。", cell=numbers[0], value=numbers[0].display)
    if FORMULAS in unread:
        cells = _amounts_and_values(submission)
        if cells:
            yield Problem(
                f"文件是{what}，读不出哪些单元格是公式：金额和指标值按文件中保存的计算结果审核"
                "（.xlsx 中的公式单元格不按保存的结果核对）。",
                _SAVE_AS, cell=cells[0])
    if MERGED in unread:
        blank = [ind.project for ind in submission.indicators if ind.project.text == ""]
        if blank:
            yield Problem(
                f"文件是{what}，读不出合并单元格：{_places(blank)}的项目名称为空，无法判断是否与上方单元格合并。",
                f"{_SAVE_AS}或在每一行填写项目名称。", cell=blank[0])


def _number(cell: Cell) -> bool:
    return cell.formula is None and type(cell.raw) in (int, float)


def _amounts_and_values(submission: Submission) -> list[Cell]:
    cells = [c for row in submission.rows for c in (row.total, row.fiscal, row.special, row.other)]
    cells += [ind.value for ind in submission.indicators]
    return [c for c in cells if c is not None and _number(c)]


def _places(cells: list[Cell]) -> str:
    shown = "、".join(c.coord for c in cells[:_SHOWN])
    return f" {shown} 等 {len(cells)} 处" if len(cells) > _SHOWN else f" {shown} "
