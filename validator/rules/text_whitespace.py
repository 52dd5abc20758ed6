"""检查：项目名称和指标名称中是否有多余的空格、换行或全角空格（多见于从 PDF、Word 复制粘贴）。

为什么：名称中夹杂空白会导致同一项目在不同表中对不上，公开时也不规范。

选项：无。

通过示例：“广州市司法局2022年信息化建设开发项目”。

不通过示例：“广州市司法局 2022年信息化建设 开发项目”；名称末尾带换行。
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from validator.records import Cell, Submission
from validator.rules.base import Options, Problem

ID = "text-whitespace"
LEVEL = "warning"
OPTIONS: dict = {}

_CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef（）《》“”]"
_INNER = re.compile(rf"(?<={_CJK})[ \u3000\t]+|[ \u3000\t]+(?={_CJK})|[\r\n]|[ \u3000]{{2,}}")


def cleaned(text: str) -> str:
    """The name as it should read: no line breaks, no spaces next to Chinese characters."""
    return re.sub(r"\s{2,}", " ", _INNER.sub("", text.replace("\u3000", " "))).strip()


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    dirty: dict[str, bool] = {}  # each distinct name judged once: names repeat on every indicator row
    for row in submission.projects:
        if _dirty(row.name, dirty):
            yield _problem("项目名称", row.name, project=row.name.shown, indicator=None)
    for ind in submission.indicators:
        if ind.name is not None and _dirty(ind.name, dirty):
            yield _problem("指标名称", ind.name, project=ind.project.shown or None, indicator=ind.label)


def _dirty(cell: Cell, known: dict[str, bool]) -> bool:
    raw = cell.raw
    if not isinstance(raw, str):
        return False
    found = known.get(raw)
    if found is None:
        found = known[raw] = bool(raw.strip()) and (raw != raw.strip() or _INNER.search(raw) is not None)
    return found


def _problem(label: str, cell: Cell, *, project: str | None, indicator: str | None) -> Problem:
    fixed = cleaned(str(cell.raw))
    return Problem(f"{label}中有多余的空格或换行。", f"建议改为“{fixed}”。", cell=cell,
                   project=project, indicator=indicator, value=str(cell.raw))
