"""The reviewing office's own settings: who signs the feedback letters, whom to call, and by
when a returned table must come back. Read from the `letter:` section of rules.yaml.

`LETTER_SCHEMA` is a plain cerberus schema dict; the configuration layer validates the
section with it before `OfficeSettings.from_mapping` is called, so this module does not
import cerberus itself."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from string import Formatter
from typing import Any

DEFAULT_TITLE = "关于《{unit}{year}年项目支出绩效目标表》的审核意见"
DEFAULT_FALLBACK_TITLE = "关于《{unit}项目支出绩效目标表》的审核意见"
TABLE_NAME = "项目支出绩效目标表"
TITLE_FIELDS = frozenset({"unit", "year", "file"})
DEFAULT_RESUBMIT_DAYS = 10


@dataclass(frozen=True)
class OfficeSettings:
    """How the office signs and phrases its letters. Every field has a usable default so
    a fresh install can produce letters before anyone edits rules.yaml."""

    office: str = "预算绩效管理科"
    contact: str | None = None
    phone: str | None = None
    signature: str | None = None
    resubmit_days: int = DEFAULT_RESUBMIT_DAYS
    resubmit_by: date | None = None
    base_document: Path | None = None
    title: str = DEFAULT_TITLE
    fallback_title: str = DEFAULT_FALLBACK_TITLE
    letterhead: bool = False

    @property
    def signer(self) -> str:
        """The line above the date: the signature line if set, else the office name."""
        return self.signature or self.office

    def deadline(self, today: date) -> date:
        """A fixed date wins over a number of (calendar) days from the letter's date."""
        return self.resubmit_by or today + timedelta(days=self.resubmit_days)

    def letter_title(self, *, unit: str | None, year: int | None, file: str) -> str:
        if unit and year:
            return self.title.format(unit=unit, year=year, file=file)
        return self.fallback_title.format(unit=unit or "", year=year or "", file=file)

    def submission_name(self, *, unit: str | None, year: int | None, table: str = TABLE_NAME) -> str:
        """How the letter names the submission in its text: unit, year and table name, as the
        title does (the file name is only the 附注)."""
        return f"{unit or ''}{f'{year}年' if year else ''}{table}"

    def usable_base_document(self) -> Path | None:
        """The base document when it is configured and exists; a missing file is not an error
        (the letter falls back to the built-in layout)."""
        if self.base_document and self.base_document.is_file():
            return self.base_document
        return None

    def notices(self) -> list[str]:
        """What the office should know about how its letters go out (printed by
        `validator rules --check` and logged on the bot's first run)."""
        notes = []
        if not self.signature:
            notes.append(f"意见函将以“{self.office}”署名发出。对外行文一般以机关署名，"
                         "请在 rules.yaml 的 letter.signature 中写明本机关全称（如“某市财政局”）。")
        if self.letterhead and self.base_document and not self.usable_base_document():
            notes.append(f"版头底稿 {self.base_document} 不存在，意见函使用内置版头（发文机关为“{self.signer}”）。")
        return notes

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any] | None, *, base_dir: Path | None = None) -> OfficeSettings:
        """Build from a (validated) `letter:` mapping. A relative base document path is taken
        relative to `base_dir` (the directory of rules.yaml) when given."""
        data = dict(data or {})
        values: dict[str, Any] = {k: data[k] for k in _PLAIN_KEYS if data.get(k) is not None}
        if data.get("letterhead") is not None:
            values["letterhead"] = bool(data["letterhead"])
        if data.get("resubmit_by") is not None:
            values["resubmit_by"] = _to_date(data["resubmit_by"])
        if data.get("base_document"):
            values["base_document"] = _resolve(Path(str(data["base_document"])), base_dir)
        for key in ("contact", "phone", "signature"):
            if key in values:
                values[key] = str(values[key]).strip() or None
        return cls(**values)


_PLAIN_KEYS = ("office", "contact", "phone", "signature", "resubmit_days", "title", "fallback_title")


def _to_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value).strip())


def _resolve(path: Path, base_dir: Path | None) -> Path:
    return path if path.is_absolute() or base_dir is None else base_dir / path


def title_fields(pattern: str) -> set[str]:
    """The placeholder names used in a title pattern; raises ValueError on a broken pattern."""
    return {name for _, name, _, _ in Formatter().parse(pattern) if name is not None}


def _check_title(field: str, value: Any, error: Callable[[str, str], None]) -> None:
    try:
        unknown = title_fields(str(value)) - TITLE_FIELDS
    except ValueError:
        error(field, "标题格式有误（花括号不成对）")
        return
    if unknown:
        names = "、".join(sorted(unknown))
        error(field, f"标题中只能使用 {{unit}}、{{year}}、{{file}}，不认识：{names}")


def _check_date(field: str, value: Any, error: Callable[[str, str], None]) -> None:
    try:
        _to_date(value)
    except ValueError:
        error(field, "日期格式应为 YYYY-MM-DD，例如 2026-12-15")


_TEXT = {"type": "string", "empty": False, "maxlength": 200}
_OPTIONAL_TEXT = {"type": "string", "nullable": True, "maxlength": 200}

LETTER_SCHEMA: dict[str, Any] = {
    "office": _TEXT,
    "contact": _OPTIONAL_TEXT,
    "phone": {"type": ["string", "integer"], "nullable": True, "maxlength": 200},  # 87001234 unquoted
    "signature": _OPTIONAL_TEXT,
    "resubmit_days": {"type": "integer", "min": 1, "max": 365, "excludes": "resubmit_by"},
    "resubmit_by": {
        "type": ["date", "string"],
        "nullable": True,
        "check_with": _check_date,
        "excludes": "resubmit_days",
    },
    "base_document": {"type": "string", "nullable": True},
    "letterhead": {"type": "boolean", "nullable": True},
    "title": {**_TEXT, "check_with": _check_title},
    "fallback_title": {**_TEXT, "check_with": _check_title},
}
"""Schema of the `letter:` section (cerberus 1.3). Use it as
`{"letter": {"type": "dict", "schema": LETTER_SCHEMA}}` in the rules.yaml schema."""
