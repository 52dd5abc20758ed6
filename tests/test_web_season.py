"""The office's season view, read from a ledger the real bot wrote: per unit the latest answer,
the units of the budget list that sent nothing, the open problems, and letters served only from
inside the outbox."""

from __future__ import annotations

from pathlib import Path

import pytest
from bothelpers import drop, failing_sub, other_unit_sub, settings_for

from validator.bot.runner import process_inbox
from validator.bot.settings import BotSettings
from validator.web.season import letter_file, season_view
from validator.web.settings import ServeSettings


def failing_unit_sub() -> object:
    """某市教育局, whose 总计 does not add up (funds-row-total)."""
    sub = other_unit_sub("某市教育局", "校舍维修")
    sub.projects[0] = ("校舍维修", "某市教育局", 600, 500, 0, 50, sub.projects[0][6])
    return sub


@pytest.fixture(scope="module")
def bot(tmp_path_factory: pytest.TempPathFactory) -> BotSettings:
    settings = settings_for(tmp_path_factory.mktemp("season"))
    drop(settings.inbox, "司法局.xlsx", failing_sub(), mtime=1_700_000_000)
    drop(settings.inbox, "教育局.xlsx", failing_unit_sub(), mtime=1_700_000_001)
    process_inbox(settings)
    drop(settings.inbox, "司法局_修改后.xlsx", other_unit_sub("某市司法局", "普法经费"), mtime=1_700_000_002)
    process_inbox(settings)
    return settings


def budget_list(tmp_path: Path) -> Path:
    path = tmp_path / "预算清单.csv"
    path.write_text("单位,项目名称,总计\n某市司法局,普法经费,600\n某市教育局,校舍维修,600\n某市文旅局,文化惠民,80\n",
                    encoding="utf-8")
    return path


def test_each_unit_shows_its_latest_answer(bot: BotSettings, tmp_path: Path) -> None:
    season = season_view(bot, ServeSettings(budget_list=budget_list(tmp_path)))
    rows = {row.unit: row for row in season.units}
    assert set(rows) == {"某市司法局", "某市教育局"}
    assert rows["某市司法局"].submissions == 2 and rows["某市司法局"].verdict == "通过"
    assert rows["某市司法局"].open_errors == 0
    assert rows["某市教育局"].verdict == "退回修改" and rows["某市教育局"].open_errors >= 1
    assert season.units[0].unit == "某市教育局"  # open errors first
    assert season.missing == ("某市文旅局",) and season.budget_note is None


def test_most_frequent_problems_count_only_what_is_still_open(bot: BotSettings) -> None:
    season = season_view(bot, ServeSettings())
    rules = {p.rule: p for p in season.problems}
    assert "funds-row-total" in rules and rules["funds-row-total"].units == 1  # 司法局 fixed it
    assert "总计" in rules["funds-row-total"].purpose
    assert season.budget_note and "serve.budget_list" in season.budget_note


def test_every_letter_is_listed_newest_first_and_served_from_the_outbox(bot: BotSettings) -> None:
    season = season_view(bot, ServeSettings())
    assert [letter.name for letter in season.letters] == ["司法局_修改后.xlsx", "教育局.xlsx", "司法局.xlsx"]
    path = letter_file(bot, season.letters[0].id)
    assert path is not None and path.suffix == ".docx" and path.is_relative_to(bot.outbox.resolve())
    assert letter_file(bot, 9999) is None


def test_no_ledger_yet_is_an_empty_season_and_creates_nothing(tmp_path: Path) -> None:
    settings = settings_for(tmp_path / "新")
    season = season_view(settings, ServeSettings(budget_list=budget_list(tmp_path)))
    assert season.units == () and season.missing == ("某市司法局", "某市教育局", "某市文旅局")
    assert not settings.ledger.exists()


def test_unreadable_budget_list_is_explained(bot: BotSettings, tmp_path: Path) -> None:
    broken = tmp_path / "清单.xlsx"
    broken.write_bytes(b"not a workbook")
    season = season_view(bot, ServeSettings(budget_list=broken))
    assert season.missing == () and season.budget_note and "预算清单无法读取" in season.budget_note
