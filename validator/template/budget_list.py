"""The budget list that pre-fills templates: a small .xlsx or .csv of unit, project and
amounts. Columns are found by header text, like everywhere else."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

from validator.reader import UnreadableFile
from validator.reader.columns import PROJECT_FIELDS, header_key
from validator.reader.grid import Grid
from validator.reader.layout import find_header
from validator.reader.workbook import load_grids
from validator.records import Cell
from validator.template.writer import BudgetLine
from validator.values.amounts import parse_amount

UNIT_HEADERS = ("单位", "单位名称", "部门", "部门名称", "预算单位", "资金使用单位", "填报单位")
_INDEX = {header_key(h): "department" for h in UNIT_HEADERS}
_INDEX.update({header_key(h): f for f in ("name", "total", "fiscal", "special", "other") for h in PROJECT_FIELDS[f]})
_INDEX[header_key("项目名称")] = "name"
_AMOUNTS = ("total", "fiscal", "special", "other")


class BudgetListError(Exception):
    """The budget list cannot be used; the message says why, in Chinese."""


def read_budget_list(path: Path) -> dict[str, list[BudgetLine]]:
    """unit -> its projects with control amounts, in file order."""
    grid = _grid(path)
    header = find_header(grid, _INDEX, minimum=2)
    if header is None or "department" not in header.columns or "name" not in header.columns:
        raise BudgetListError(f"{path.name}：未找到“单位”和“项目名称”列（表头应包含：单位、项目名称、总计 等）。")
    units: dict[str, list[BudgetLine]] = {}
    for r in range(header.row + 1, len(grid.rows)):
        unit, project = grid.text(r, header.columns["department"]), grid.text(r, header.columns["name"])
        if not unit or not project:
            continue
        amounts = [_amount(grid, r, header.columns.get(f), path) for f in _AMOUNTS]
        units.setdefault(unit, []).append(BudgetLine(project, *amounts))
    if not units:
        raise BudgetListError(f"{path.name}：没有读到任何项目。")
    return units


def _amount(grid: Grid, row: int, col: int | None, path: Path) -> Decimal | None:
    if col is None:
        return None
    cell = grid.located(row, col)
    amount = parse_amount(cell)
    if amount.problem:
        raise BudgetListError(f"{path.name}：{cell.coord} 的金额“{cell.display}”无效，请填写数字（万元）。")
    return amount.value


def _grid(path: Path) -> Grid:
    if path.suffix.lower() == ".csv":
        return _csv_grid(path)
    try:
        grids = load_grids(path)
    except UnreadableFile as exc:
        raise BudgetListError(f"{path.name}：{exc.message}{exc.suggestion}") from exc
    return next((g for g in grids if not g.hidden), grids[0])


def _csv_grid(path: Path) -> Grid:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise BudgetListError(f"{path.name}：无法识别文件编码，请另存为 UTF-8 编码的 CSV。")
    rows = list(csv.reader(io.StringIO(text)))
    cells = [[Cell(path.name, f"第{r + 1}行第{c + 1}列", v or None) for c, v in enumerate(row)] for r, row in enumerate(rows)]
    return Grid(path.name, cells, is_text=True)  # type: ignore[arg-type]
