"""检查：单元格中的文字是否超过设定的字数上限（默认 32767 个字符，即 Excel 一个单元格的上限）。

为什么：超长的内容（如粘贴了整篇文档的绩效目标）既无法审核也无法公开，在 Excel 中打开时还会被截断，
不应当作“通过”。

选项：
  max_chars：一个单元格最多的字符数，默认 32767。

通过示例：绩效目标“全年开展法治讲座不少于48场，覆盖全市11个区，群众满意度达到90%以上。”

不通过示例：绩效目标一格中粘贴了上百万个字符的文字。
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.records import Cell, Submission
from validator.rules.base import Options, Problem
from validator.text import shorten

ID = "text-too-long"
LEVEL = "error"
OPTIONS = {"max_chars": {"type": "integer", "min": 1, "default": 32767}}
EXCERPT_CHARS = 30


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    limit = options["max_chars"]
    seen: set[tuple[str | None, str]] = set()
    for cell, owner in _long_cells(submission, limit):
        where = (cell.sheet, cell.coord)
        if where in seen:
            continue
        seen.add(where)
        excerpt = shorten(cell.raw[: EXCERPT_CHARS * 4], EXCERPT_CHARS)
        yield Problem(f"单元格内容有 {len(cell.raw):,} 个字符，超过 {limit:,} 个字符的上限（开头为“{excerpt}”）。",
                      "请精简为要点后重新填写；详细说明可另附材料，不要整段粘贴到表格中。",
                      cell=cell, project=owner.text[:200] or None, value=excerpt)


def _long_cells(submission: Submission, limit: int) -> Iterator[tuple[Cell, Cell]]:
    """Every cell a reader kept whose text is longer than `limit`, with the cell naming the
    project it belongs to."""
    for row in submission.rows:
        for cell in (row.name, row.goal, row.unit, *row.amounts.values()):
            if cell is not None and isinstance(cell.raw, str) and len(cell.raw) > limit:
                yield cell, row.name
    for ind in submission.indicators:
        for cell in (ind.project, ind.name, ind.value, ind.level1, ind.level2, ind.direction, ind.unit, ind.note):
            if cell is not None and isinstance(cell.raw, str) and len(cell.raw) > limit:
                yield cell, ind.project
