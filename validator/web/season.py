"""The office's view of the season: what the bot's ledger says, per unit, plus the units of the
budget list that have sent nothing yet and the problems seen most often. Read-only: the
ledger is read only through `Ledger`'s methods, and only when it already exists."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from validator.bot.ledger import DUPLICATE, Entry, Ledger
from validator.bot.settings import BotSettings
from validator.model import Status
from validator.rules.reference import rule_purposes
from validator.template.budget_list import BudgetListError, read_budget_list
from validator.web.settings import ServeSettings

NO_UNIT = "（未能识别单位）"
TOP_PROBLEMS = 10


@dataclass(frozen=True)
class UnitRow:
    unit: str
    verdict: str
    status: str
    submissions: int
    last_time: str
    open_errors: int
    open_warnings: int
    letter_id: int | None


@dataclass(frozen=True)
class Problem:
    rule: str
    purpose: str
    findings: int
    units: int


@dataclass(frozen=True)
class Letter:
    id: int
    unit: str
    name: str
    time: str
    verdict: str


@dataclass(frozen=True)
class Season:
    units: tuple[UnitRow, ...]
    missing: tuple[str, ...]
    budget_note: str | None
    problems: tuple[Problem, ...]
    letters: tuple[Letter, ...]


def season_view(bot: BotSettings, serve: ServeSettings) -> Season:
    entries = _answered(bot.ledger)
    latest: dict[str, Entry] = {}
    counts: Counter[str] = Counter()
    for entry in entries:
        unit = entry.unit or NO_UNIT
        latest[unit] = entry
        counts[unit] += 1
    rows = sorted((_row(unit, entry, counts[unit]) for unit, entry in latest.items()),
                  key=lambda r: (-r.open_errors, r.unit))
    missing, note = _missing(serve.budget_list, set(latest))
    letters = tuple(_letter(e) for e in reversed(entries) if e.letter_path)
    return Season(tuple(rows), missing, note, _problems(list(latest.values())), letters)


def _answered(path: Path) -> list[Entry]:
    if not path.is_file():
        return []
    with Ledger(path) as ledger:
        return ledger.answered()


def verdict_label(entry: Entry) -> str:
    if not entry.verdict:
        return "未知"
    try:
        status = Status(entry.verdict)
    except ValueError:
        return entry.verdict
    return f"重复报送（{status.verdict}）" if entry.kind == DUPLICATE else status.office_verdict


def _time(entry: Entry) -> str:
    return (entry.processed or entry.received or entry.claimed or "").replace("T", " ")


def _row(unit: str, entry: Entry, submissions: int) -> UnitRow:
    return UnitRow(unit=unit, verdict=verdict_label(entry), status=entry.verdict or "", submissions=submissions,
                   last_time=_time(entry), open_errors=entry.errors or 0, open_warnings=entry.warnings or 0,
                   letter_id=entry.id if entry.letter_path else None)


def _letter(entry: Entry) -> Letter:
    return Letter(entry.id, entry.unit or NO_UNIT, entry.original_name, _time(entry), verdict_label(entry))


def _missing(budget_list: Path | None, submitted: set[str]) -> tuple[tuple[str, ...], str | None]:
    if budget_list is None:
        return (), "未设置预算清单（rules.yaml 中 serve.budget_list），无法列出尚未报送的单位。"
    try:
        units = read_budget_list(budget_list)
    except (BudgetListError, OSError) as exc:
        return (), f"预算清单无法读取：{exc}"
    return tuple(u for u in units if u not in submitted), None


def _problems(latest: list[Entry]) -> tuple[Problem, ...]:
    """Over each unit's latest answer: the problems still open this season."""
    findings: Counter[str] = Counter()
    units: Counter[str] = Counter()
    for entry in latest:
        if not entry.report_json:
            continue
        rules = Counter(f.rule for f in entry.report.findings)
        findings.update(rules)
        units.update(rules.keys())
    purposes = rule_purposes()
    return tuple(Problem(rule, purposes.get(rule, rule), count, units[rule])
                 for rule, count in findings.most_common(TOP_PROBLEMS))


def letter_file(bot: BotSettings, entry_id: int) -> Path | None:
    """The letter of ledger row `entry_id`, only if it lies inside the outbox."""
    if not bot.ledger.is_file():
        return None
    with Ledger(bot.ledger) as ledger:
        try:
            entry = ledger.get(entry_id)
        except KeyError:
            return None
    if not entry.letter_path:
        return None
    path = Path(entry.letter_path)
    path = path if path.is_absolute() else bot.outbox / path
    outbox = bot.outbox.resolve()
    resolved = path.resolve()
    return resolved if resolved.is_relative_to(outbox) and resolved.is_file() else None
