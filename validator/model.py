"""The validation report: the hub that every output (text, JSON, letter, annotated copy,
summary) reads. Plain frozen dataclasses that round-trip through JSON."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from enum import Enum
from typing import Any

from validator.text import readable


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return "错误" if self is Severity.ERROR else "提示"


class Status(str, Enum):
    PASSED = "passed"
    WARNINGS = "warnings"
    FAILED = "failed"
    UNREADABLE = "unreadable"

    @property
    def verdict(self) -> str:
        """The outcome as the feedback letter states it."""
        return _VERDICTS[self]

    @property
    def office_verdict(self) -> str:
        """The outcome as the office's outputs (terminal, bot, summary) state it: an unreadable
        file is returned like a failed one, but is counted apart, so it says why."""
        return "退回修改（文件无法读取）" if self is Status.UNREADABLE else _VERDICTS[self]


_VERDICTS = {
    Status.PASSED: "通过",
    Status.WARNINGS: "通过（有提示）",
    Status.FAILED: "退回修改",
    Status.UNREADABLE: "退回修改",
}

UNREADABLE_RULE = "file-unreadable"
# The layouts a submission can be in (FileReport.layout), as outputs name them.
LAYOUT_LABELS: dict[str, str] = {
    "template": "标准模板",
    "published": "公开格式",
    "rowwise": "预算系统导出格式",
    "national": "申报表格式",
    "self-evaluation": "绩效自评表",
    "self-evaluation-rowwise": "绩效自评表（预算系统导出格式）",
}

FORMAT_VERSION = 1
"""Format version of the saved and printed report (`format_version` in the JSON; 0 when
absent: the first release). Added fields keep the version; renaming, removing or changing
the meaning of a field bumps it, and `Report.from_dict` keeps reading every earlier one.
The JSON Schema of the current version: docs/report.schema.json."""


class ReportFormatError(ValueError):
    """A saved report of a newer format than this release reads. The message is Chinese."""


_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Finding:
    """One problem at one place. `sheet`/`cell` name what the user sees (A1 cell, or
    `第N行第M列` for text input); fields that do not apply are None."""

    rule: str
    severity: Severity
    message: str
    suggestion: str | None = None
    sheet: str | None = None
    cell: str | None = None
    project: str | None = None
    indicator: str | None = None
    value: str | None = None

    @property
    def position(self) -> tuple[int, int]:
        """(row, column) of the cell, for reading order; (0, 0) for a whole file or sheet."""
        return cell_position(self.cell)

    @property
    def location(self) -> str:
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.cell or self.sheet or ""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        names = cls.__dataclass_fields__
        values = {k: v for k, v in data.items() if k in names}
        values["severity"] = Severity(data["severity"])
        return cls(**values)


_A1 = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)")
_TEXT_CELL = re.compile(r"第(\d+)行(?:第(\d+)列)?")


def cell_position(cell: str | None) -> tuple[int, int]:
    """(row, column) of an A1 reference (`C4`, the first cell of `A3:G3`) or of a text
    location (`第12行第7列`); (0, 0) when there is none."""
    if not cell:
        return (0, 0)
    if m := _A1.match(cell):
        column = 0
        for letter in m.group(1):
            column = column * 26 + ord(letter) - 64
        return (int(m.group(2)), column)
    if m := _TEXT_CELL.match(cell):
        return (int(m.group(1)), int(m.group(2) or 0))
    return (0, 0)


def reading_order(findings: Iterable[Finding], sheets: Iterable[str | None] = ()) -> list[Finding]:
    """Findings by sheet (in the order given, then in order of first appearance), then row,
    then column; file-level findings (no sheet) first. Stable for findings at one cell."""
    items = list(findings)
    named = dict.fromkeys(s for s in [*sheets, *(f.sheet for f in items)] if s is not None)
    order: dict[str | None, int] = {None: -1, **{s: i for i, s in enumerate(named)}}
    return sorted(items, key=lambda f: (order[f.sheet], f.position))


@dataclass(frozen=True)
class ScoreLine:
    """One scored line of a self-evaluation (绩效自评表) as the unit filled it: an indicator,
    a 预算执行率 line or the 总分 row, with the texts the user sees. The letter's review
    table shows it beside the findings at its `cells` (A1 references on `sheet`)."""

    project: str | None
    item: str
    sheet: str | None = None
    cells: tuple[str, ...] = ()
    target: str | None = None
    actual: str | None = None
    weight: str | None = None
    score: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["cells"] = list(self.cells)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ScoreLine:
        names = cls.__dataclass_fields__
        values = {k: v for k, v in data.items() if k in names}
        values["cells"] = tuple(values.get("cells") or ())
        return cls(**values)


def _severity_rank(finding: Finding) -> int:
    return 0 if finding.severity is Severity.ERROR else 1


@dataclass(frozen=True)
class FileReport:
    """Everything known about one submitted file after validation."""

    path: str
    findings: tuple[Finding, ...] = ()
    unit: str | None = None
    year: int | None = None
    layout: str | None = None
    received: datetime | None = None
    sha256: str | None = None
    projects: tuple[str, ...] = ()
    indicators: int = 0
    scored: tuple[ScoreLine, ...] = ()  # self-evaluations only: what was scored (the letter's review table)

    @property
    def name(self) -> str:
        """The file name as the user sees it (a GBK name decoded), for letters and summaries."""
        return readable(self.path.replace("\\", "/").rsplit("/", 1)[-1])

    @property
    def layout_label(self) -> str | None:
        """The layout as a word for people (标准模板, 申报表格式 …); None when unread."""
        return LAYOUT_LABELS.get(self.layout, self.layout) if self.layout else None

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.WARNING)

    @property
    def status(self) -> Status:
        if any(f.rule == UNREADABLE_RULE for f in self.findings):
            return Status.UNREADABLE
        if self.errors:
            return Status.FAILED
        if self.warnings:
            return Status.WARNINGS
        return Status.PASSED

    def failed(self, *, strict: bool = False) -> bool:
        return self.errors > 0 or (strict and self.warnings > 0)

    def sorted_findings(self) -> list[Finding]:
        """Errors before warnings; within each, by sheet, row and column."""
        return sorted(reading_order(self.findings), key=_severity_rank)

    def top_rules(self, n: int = 3) -> list[tuple[str, int]]:
        return Counter(f.rule for f in self.findings).most_common(n)

    def with_findings(self, findings: Iterable[Finding]) -> FileReport:
        return replace(self, findings=tuple(findings))

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "status": self.status.value,
            "errors": self.errors,
            "warnings": self.warnings,
            "findings": [f.to_dict() for f in self.findings],
            "unit": self.unit,
            "year": self.year,
            "layout": self.layout,
            "received": self.received.isoformat() if self.received else None,
            "sha256": self.sha256,
            "projects": list(self.projects),
            "indicators": self.indicators,
        } | ({"scored": [s.to_dict() for s in self.scored]} if self.scored else {})

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FileReport:
        received = data.get("received")
        return cls(
            path=data["path"],
            findings=tuple(Finding.from_dict(f) for f in data.get("findings", [])),
            unit=data.get("unit"),
            year=data.get("year"),
            layout=data.get("layout"),
            received=datetime.fromisoformat(received) if received else None,
            sha256=data.get("sha256"),
            projects=tuple(data.get("projects") or ()),
            indicators=int(data.get("indicators") or 0),
            scored=tuple(ScoreLine.from_dict(s) for s in data.get("scored") or ()),
        )


@dataclass(frozen=True)
class Summary:
    files: int
    passed: int
    with_warnings: int
    failed: int
    unreadable: int
    errors: int
    warnings: int

    def to_dict(self) -> dict[str, int]:
        return asdict(self)


@dataclass(frozen=True)
class Report:
    """The result of one validation run over any number of files."""

    files: tuple[FileReport, ...] = ()
    generated: datetime = field(default_factory=lambda: datetime.now().replace(microsecond=0))

    def summary(self) -> Summary:
        statuses = Counter(f.status for f in self.files)
        return Summary(
            files=len(self.files),
            passed=statuses[Status.PASSED],
            with_warnings=statuses[Status.WARNINGS],
            failed=statuses[Status.FAILED],
            unreadable=statuses[Status.UNREADABLE],
            errors=sum(f.errors for f in self.files),
            warnings=sum(f.warnings for f in self.files),
        )

    def failed(self, *, strict: bool = False) -> bool:
        return any(f.failed(strict=strict) for f in self.files)

    def rule_counts(self) -> Counter[str]:
        return Counter(f.rule for fr in self.files for f in fr.findings)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format_version": FORMAT_VERSION,
            "files": [f.to_dict() for f in self.files],
            "summary": self.summary().to_dict(),
            "generated": self.generated.isoformat(),
        }

    def to_json(self) -> str:
        """UTF-8-safe JSON: a path that is not UTF-8 (a GBK file name) keeps its exact bytes
        as `\\udcXX` escapes instead of making the output unencodable."""
        text = json.dumps(self.to_dict(), ensure_ascii=False, indent=2)
        return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        """Any format version up to FORMAT_VERSION (0 and 1 have the same fields)."""
        version = data.get("format_version", 0)
        if not isinstance(version, int) or isinstance(version, bool) or not 0 <= version <= FORMAT_VERSION:
            raise ReportFormatError(f"审核结果的格式版本为 {version!r}，本程序只能读取第 {FORMAT_VERSION} 版及更早的版本，"
                                    "请升级 validator 后再读取。")
        generated = data.get("generated")
        return cls(
            files=tuple(FileReport.from_dict(f) for f in data.get("files", [])),
            generated=datetime.fromisoformat(generated) if generated else datetime.now(),
        )

    @classmethod
    def from_json(cls, text: str) -> Report:
        return cls.from_dict(json.loads(text))
