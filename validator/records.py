"""What a reader yields: located records of one submission, independent of its layout.

Every value keeps the cell the user sees, so no rule ever computes coordinates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar, cast

from validator.text import fold, key, normalize

_new = object.__new__
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Cell:
    """One value as read. `coord` is an A1 reference (or `第N行第M列` for text input);
    `text` is the normalised text used for matching, `raw` the original; `number_format` is
    the cell's format when it shows a percentage or a date, else "General"."""

    sheet: str | None
    coord: str
    raw: Any
    number_format: str = "General"
    formula: str | None = None
    text: str = field(init=False)
    # A formula cell's result as the file saved it (what Excel/WPS shows); None when the file
    # was never recalculated (openpyxl writes none) or the format keeps no results.
    cached: Any = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", normalize(self.raw))

    @classmethod
    def read(cls, sheet: str | None, coord: str, raw: Any, number_format: str = "General",
             formula: str | None = None, cached: Any = None, text: str | None = None) -> Cell:
        """The same Cell as `Cell(...)`, made without the dataclass machinery: readers make
        one per stored cell, hundreds of thousands for a large workbook. `text`, when the
        reader already has it, is `normalize(raw)`. The slots are filled on an unguarded
        twin of the same layout, which then becomes the (frozen) Cell: plain attribute
        stores instead of seven `object.__setattr__` calls."""
        cell: Any = _new(CellDraft)
        cell.sheet = sheet
        cell.coord = coord
        cell.raw = raw
        cell.number_format = number_format
        cell.formula = formula
        cell.text = normalize(raw) if text is None else text
        cell.cached = cached
        cell.__class__ = cls
        return cell  # a Cell now (typing.cast would cost a call per cell)

    @property
    def empty(self) -> bool:
        return self.formula is None and self.text == ""

    @property
    def display(self) -> str:
        """The value as the user typed it, for quoting in messages."""
        if self.formula is not None:
            return self.formula
        if self.raw is None:
            return ""
        if isinstance(self.raw, float) and self.raw.is_integer():
            return str(int(self.raw))
        return str(self.raw)

    @property
    def shown(self) -> str:
        """The value quoted in messages: as written, whitespace folded (`text` is for matching)."""
        return fold(self.display)


class CellDraft:
    """Cell's slots without the frozen guard, filled by `Cell.read` (or by a reader's loop
    that makes hundreds of thousands of cells and cannot afford a call per cell) and turned
    into a Cell there: every slot is set, then `__class__ = Cell` (same slots, same base:
    Python allows the change of class). Never kept as a draft."""

    __slots__ = Cell.__slots__


def written(cell: Cell | None) -> str:
    """What a cell holds as the user wrote it (full-width punctuation kept), trimmed; "" when
    there is no cell."""
    return cell.display.strip() if cell is not None else ""


class RowKind(str, Enum):
    PROJECT = "project"
    DEPARTMENT = "department"
    TOTAL = "total"


@dataclass(frozen=True)
class FundsRow:
    """A row of the project sheet: a project, a department subtotal or the 合计 row."""

    kind: RowKind
    name: Cell
    total: Cell | None
    fiscal: Cell | None
    special: Cell | None
    other: Cell | None
    goal: Cell | None = None
    unit: Cell | None = None
    department: str | None = None
    # Further funding sources a form lists besides the three (label, cell): 上级补助, 单位自筹 …
    sources: tuple[tuple[str, Cell], ...] = ()

    @property
    def amounts(self) -> dict[str, Cell | None]:
        listed: dict[str, Cell | None] = {
            "总计": self.total, "财政拨款": self.fiscal, "财政专户拨款": self.special, "其他资金": self.other,
        }
        listed.update((label, cell) for label, cell in self.sources if label not in listed)
        return listed

    @property
    def parts(self) -> tuple[Cell | None, ...]:
        return (self.fiscal, self.special, self.other, *(cell for _, cell in self.sources))

    @property
    def parts_label(self) -> str:
        """The sources that make up the total, as the message names them: the three columns
        of the template (all of them when none is read), plus the further sources listed."""
        names = [n for n, c in (("财政拨款", self.fiscal), ("财政专户拨款", self.special),
                                ("其他资金", self.other)) if c is not None]
        if not names:
            names = ["财政拨款", "财政专户拨款", "其他资金"]
        return " + ".join([*names, *(label for label, _ in self.sources)])


@dataclass(frozen=True)
class Indicator:
    """One performance indicator. In the flat published layout all parts share one cell and
    `position` is the indicator's number inside it."""

    project: Cell
    name: Cell | None
    value: Cell | None
    level1: Cell | None = None
    level2: Cell | None = None
    direction: Cell | None = None
    unit: Cell | None = None
    note: Cell | None = None
    position: int | None = None
    # Columns only some layouts have: 权重/分值, and 指标性质/指标方向性 when it says which way is
    # better (正向/反向/定性) next to a separate operator column.
    weight: Cell | None = None
    nature: Cell | None = None
    # Self-evaluation (绩效自评表) columns: 实际完成值, 得分, 偏差原因分析及改进措施.
    actual: Cell | None = None
    score: Cell | None = None
    reason: Cell | None = None

    @property
    def label(self) -> str:
        name = (self.name.shown if self.name else "") or "（未命名指标）"
        return f"第{self.position}项 {name}" if self.position else name


@dataclass(frozen=True)
class MissingColumn:
    sheet: str
    column: str
    header_cell: str
    what: str = "列"  # "栏目" for a label of a form (the national per-project form)


@dataclass(frozen=True)
class ControlAmounts:
    """Amounts pre-filled by the budget office (control numbers), per project."""

    project: str
    total: Decimal | None
    fiscal: Decimal | None
    special: Decimal | None
    other: Decimal | None


@dataclass(frozen=True)
class TemplateMeta:
    template_id: str | None
    version: str | None
    year: int | None
    department: str | None
    rules_checksum: str | None
    sheet: str


@dataclass(frozen=True)
class FundsLine:
    """One row of a self-evaluation's 项目资金 block (年度资金总额, 财政拨款, 其他资金, 上年结转 …):
    年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分."""

    label: str
    label_cell: Cell
    start: Cell | None = None
    budget: Cell | None = None
    executed: Cell | None = None
    weight: Cell | None = None
    rate: Cell | None = None
    score: Cell | None = None


@dataclass(frozen=True)
class Evaluation:
    """What a self-evaluation says about one project besides its indicators (those are the
    submission's indicators, with `actual`, `score` and `reason`): the funds lines, the goal's
    actual completion, the 总分 row and the stated grade (自评等级)."""

    project: Cell
    funds: tuple[FundsLine, ...] = ()
    goal_actual: Cell | None = None
    total_weight: Cell | None = None
    total_score: Cell | None = None
    grade: Cell | None = None

    @property
    def total_line(self) -> FundsLine | None:
        """The 年度资金总额 line (else the first line)."""
        return next((f for f in self.funds if f.label == "年度资金总额"), self.funds[0] if self.funds else None)


SELF_EVALUATION_LAYOUTS = frozenset({"self-evaluation", "self-evaluation-rowwise"})


@dataclass
class Submission:
    """One workbook (or text table) as read, in any layout."""

    path: Path
    layout: str
    department: str | None = None
    year: int | None = None
    meta: TemplateMeta | None = None
    rows: list[FundsRow] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    sheets_found: dict[str, str] = field(default_factory=dict)
    sheets_missing: list[str] = field(default_factory=list)
    columns_missing: list[MissingColumn] = field(default_factory=list)
    control: dict[str, ControlAmounts] = field(default_factory=dict)
    # A header row repeated inside the data (copy-paste): its first cell; the row is not read.
    repeated_headers: list[Cell] = field(default_factory=list)
    file_format: str = ""  # what the file really is (xlsx, xls, ods, text …), whatever its name says
    # Rows hidden in the workbook, by sheet, numbered as the user sees them: they are checked
    # like the others, and a finding on one says the row is hidden.
    hidden_rows: dict[str, frozenset[int]] = field(default_factory=dict)
    # What the file's format did not tell the reader (reader/unread.py: formulas,
    # number-formats, merged, hidden-rows), for the `format-unchecked` hint.
    unread: frozenset[str] = frozenset()
    # Self-evaluations only: one Evaluation per project (layouts in SELF_EVALUATION_LAYOUTS).
    evaluations: list[Evaluation] = field(default_factory=list)
    # What the rules work out once per submission (every indicator's threshold …), each entry
    # kept with the indicators it was worked out from, so a changed list is worked out again.
    memo: dict[str, tuple[tuple[Indicator, ...], Any]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def is_self_evaluation(self) -> bool:
        return self.layout in SELF_EVALUATION_LAYOUTS

    @property
    def projects(self) -> list[FundsRow]:
        return [r for r in self.rows if r.kind is RowKind.PROJECT]

    def indicators_by_project(self) -> dict[str, list[Indicator]]:
        """Indicators grouped by the matching key of the project name they give."""
        groups: dict[str, list[Indicator]] = self.worked_out("by_project", _group_by_project)
        return {k: list(v) for k, v in groups.items()}

    def worked_out(self, name: str, work: Callable[[list[Indicator]], T]) -> T:
        """`work(self.indicators)`, worked out once while the indicators stay the same."""
        now = tuple(self.indicators)
        found = self.memo.get(name)
        if found is None or found[0] != now:
            found = self.memo[name] = (now, work(self.indicators))
        return cast(T, found[1])


def _group_by_project(indicators: list[Indicator]) -> dict[str, list[Indicator]]:
    groups: dict[str, list[Indicator]] = {}
    for ind in indicators:
        groups.setdefault(key(ind.project.text), []).append(ind)
    return groups
