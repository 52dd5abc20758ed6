"""rules.yaml of an earlier release keeps loading: renamed settings are read under their
old spelling, with a hint to update."""

from __future__ import annotations

from pathlib import Path

import pytest

from validator.config import loader
from validator.config.loader import ConfigError, Renamed, load_config, parse_config

DATA = Path(__file__).parent / "data"


def test_the_first_release_s_rules_yaml_loads_as_it_did() -> None:
    # every setting the first release's file states is kept as it states it; rules added since
    # (and options it does not name) take today's defaults
    import yaml

    old = load_config(DATA / "rules_v0.yaml")
    today = parse_config(loader.packaged_rules_text())
    # its limits.cell_chars became the option max_chars of the rule text-too-long
    assert old.hints == (f"{DATA / 'rules_v0.yaml'}：limits.cell_chars 自 0.2.0 起改名为 rules.text-too-long.max_chars，"
                         "旧写法仍然有效，请在方便时改为 rules.text-too-long.max_chars。",)
    assert old.rules["text-too-long"].options["max_chars"] == 32767
    stated = yaml.safe_load((DATA / "rules_v0.yaml").read_text(encoding="utf-8"))["rules"]
    for rid, setting in stated.items():
        level = setting.get("level")
        assert (old.rules[rid].level.value if old.rules[rid].level else False) == (level if level else False), rid
        for option, value in setting.items():
            if option != "level":
                assert old.rules[rid].options[option] == value, (rid, option)
    for rid in set(today.rules) - set(stated) - {"text-too-long"}:
        assert old.rules[rid] == today.rules[rid], rid
    assert old.sections["bot"]["settle_seconds"] == 5


def test_an_old_spelling_is_read_with_a_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "RENAMED", (
        Renamed("bot.wait_seconds", "bot.settle_seconds", "2027.2"),
        Renamed("rules.old-whitespace", "rules.text-whitespace", "2027.2"),
    ))
    config = parse_config("bot:\n  wait_seconds: 7\nrules:\n  old-whitespace: off\n", source="rules.yaml")
    assert config.sections["bot"]["settle_seconds"] == 7
    assert config.rules["text-whitespace"].level is None
    assert config.hints == (
        "rules.yaml：bot.wait_seconds 自 2027.2 起改名为 bot.settle_seconds，旧写法仍然有效，请在方便时改为 bot.settle_seconds。",
        "rules.yaml：rules.old-whitespace 自 2027.2 起改名为 rules.text-whitespace，旧写法仍然有效，"
        "请在方便时改为 rules.text-whitespace。",
    )


def test_a_moved_setting_lands_in_its_new_section(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "RENAMED", (Renamed("bot.max_file_mb", "limits.file_mb", "2027.2"),))
    config = parse_config("bot:\n  max_file_mb: 3\n")
    assert config.sections["limits"]["file_mb"] == 3 and "max_file_mb" not in config.sections["bot"]


def test_old_and_new_spelling_together_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "RENAMED", (Renamed("bot.wait_seconds", "bot.settle_seconds", "2027.2"),))
    with pytest.raises(ConfigError, match=r"同时写了旧名 bot\.wait_seconds 和新名 bot\.settle_seconds"):
        parse_config("bot:\n  wait_seconds: 7\n  settle_seconds: 1\n")


def test_the_cli_prints_the_hint(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from validator.cli import cli

    monkeypatch.setattr(loader, "RENAMED", (Renamed("bot.wait_seconds", "bot.settle_seconds", "2027.2"),))
    (tmp_path / "rules.yaml").write_text("bot:\n  wait_seconds: 0\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["status"])
    assert result.exit_code == 0, result.output
    assert "bot.wait_seconds 自 2027.2 起改名为 bot.settle_seconds" in result.stderr
