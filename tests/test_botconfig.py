from __future__ import annotations

from pathlib import Path

import pytest

from validator.bot.settings import BotSettings
from validator.config.loader import ConfigError, load_config, packaged_rules_text, parse_config

ROOT = Path(__file__).resolve().parents[1]


def test_rules_yaml_and_packaged_copy_are_identical() -> None:
    assert (ROOT / "rules.yaml").read_text(encoding="utf-8") == packaged_rules_text()


def test_defaults_sit_next_to_rules_yaml(tmp_path: Path) -> None:
    rules = tmp_path / "conf" / "rules.yaml"
    rules.parent.mkdir()
    rules.write_text("bot:\n  settle_seconds: 0\n", encoding="utf-8")
    settings = BotSettings.from_config(load_config(rules))
    base = rules.parent
    assert (settings.inbox, settings.outbox, settings.archive) == (base / "inbox", base / "outbox", base / "archive")
    assert settings.ledger == base / "outbox" / "ledger.sqlite3"
    assert settings.log_file == base / "outbox" / "bot.log"
    assert settings.summary == base / "outbox" / "汇总.xlsx"
    assert settings.settle_seconds == 0


def test_packaged_defaults(tmp_path: Path) -> None:
    settings = BotSettings.from_config(load_config())
    assert settings.inbox == tmp_path / "inbox" and settings.settle_seconds == 5


def test_configured_paths_and_command_line_overrides(tmp_path: Path) -> None:
    text = "bot:\n  inbox: /srv/收件箱\n  archive: 原件\n  ledger: db/台账.sqlite3\n  log_file: /var/log/v.log\n"
    (tmp_path / "rules.yaml").write_text(text, encoding="utf-8")
    config = load_config(tmp_path / "rules.yaml")
    settings = BotSettings.from_config(config)
    assert settings.inbox == Path("/srv/收件箱") and settings.archive == tmp_path / "原件"
    assert settings.ledger == tmp_path / "db" / "台账.sqlite3" and settings.log_file == Path("/var/log/v.log")
    assert settings.lock_file == tmp_path / "db" / "台账.sqlite3.lock"
    moved = BotSettings.from_config(config, inbox=Path("in2"), outbox=Path("out2"))
    assert (moved.inbox, moved.outbox) == (tmp_path / "in2", tmp_path / "out2")
    assert moved.ledger == tmp_path / "db" / "台账.sqlite3"  # configured explicitly, so it stays


def test_overridden_outbox_takes_the_default_ledger_along(tmp_path: Path) -> None:
    settings = BotSettings.from_config(parse_config("bot: {}\n"), outbox=Path("elsewhere"))
    assert settings.ledger == tmp_path / "elsewhere" / "ledger.sqlite3"


@pytest.mark.parametrize(("text", "message"), [
    ("bot:\n  settle_seconds: -1\n", "bot 的选项 settle_seconds：不能小于 0"),
    ("bot:\n  inbox: 3\n", "bot 的选项 inbox：应为文本"),
    ("bot:\n  outbx: x\n", "bot 的选项 outbx：未知选项"),
    ("bot: [1]\n", "bot 应为映射"),
])
def test_bad_bot_section_is_rejected(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_config(text)


def test_owner_file_age_and_attempts_default_and_can_be_set() -> None:
    defaults = BotSettings.from_config(load_config())
    assert (defaults.owner_file_hours, defaults.max_attempts) == (12, 3)
    set_here = BotSettings.from_config(parse_config("bot:\n  owner_file_hours: 0.5\n  max_attempts: 1\n"))
    assert (set_here.owner_file_hours, set_here.max_attempts) == (0.5, 1)
    with pytest.raises(ConfigError, match="bot 的选项 max_attempts"):
        parse_config("bot:\n  max_attempts: 0\n")
