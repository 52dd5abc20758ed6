"""Which target tables count as approved when the bot reviews a self-evaluation."""

from __future__ import annotations

from pathlib import Path

from bothelpers import failing_sub, ledger_rows, other_unit_sub, settings_for, warning_sub
from helpers import good_sub, write_sub
from selfeval_builders import SelfProject, approved_indicators, write_form

from validator.bot.approved import approved_projects, ledger_context
from validator.bot.ledger import Ledger
from validator.bot.runner import process_inbox
from validator.bot.settings import BotSettings
from validator.model import Report


def _review(settings: BotSettings, name: str) -> list[tuple[str, str]]:
    write_form(settings.inbox / name, [SelfProject(indicators=approved_indicators(), total_score=99.5)])
    process_inbox(settings)
    row = ledger_rows(settings.ledger)[-1]
    return [(f.rule, f.message) for f in Report.from_json(row["report_json"]).files[0].findings]


def test_a_failed_target_table_is_not_approved(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    write_sub(settings.inbox / "目标表.xlsx", failing_sub())
    process_inbox(settings)
    [(rule, message)] = _review(settings, "自评表.xlsx")
    assert rule == "target-approved" and "台账中没有某市司法局2027年项目“普法经费”审核通过的绩效目标表" in message


def test_the_latest_accepted_table_wins_and_warnings_count(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    write_sub(settings.inbox / "目标表.xlsx", good_sub())
    process_inbox(settings)
    later = warning_sub()  # passes with a hint: still accepted
    later.indicators[0] = ("普法经费", "产出指标", "数量指标", "法治讲座场次", "≥", "50", "场", "")
    write_sub(settings.inbox / "目标表（调整）.xlsx", later)
    process_inbox(settings)
    [(rule, message)] = _review(settings, "自评表.xlsx")
    assert rule == "target-changed" and "与批复的目标“≥50场”不一致（目标表：目标表（调整）.xlsx）" in message


def test_only_the_units_tables_are_read(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    write_sub(settings.inbox / "司法局.xlsx", good_sub())
    write_sub(settings.inbox / "教育局.xlsx", other_unit_sub())
    process_inbox(settings)
    with Ledger(settings.ledger) as ledger:
        assert {k[0] for k in approved_projects(ledger)} == {"某市司法局", "某市教育局"}
        assert set(approved_projects(ledger, unit="某市教育局", year=2027)) == {("某市教育局", 2027, "校舍维修")}
        lookup = ledger_context(ledger).approved
        found = lookup("某市司法局", 2027, "普法经费")
        assert found is not None and found.source == "司法局.xlsx" and len(found.indicators) == 3
        assert lookup("某市司法局", 2026, "普法经费") is None and lookup("某市司法局", 2027, "校舍维修") is None
