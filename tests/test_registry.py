"""Every rule has its reference page, its tests and its rules.yaml entry."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from validator.config.loader import ConfigError, _option_schema, _validate, load_config, packaged_rules_text, parse_config
from validator.rules import RULES
from validator.rules.reference import SECTIONS, rule_page

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("rule_id", list(RULES))
def test_rule_has_docs_tests_and_config(rule_id: str) -> None:
    module = RULES[rule_id]
    assert rule_id == module.ID and rule_id == rule_id.lower() and " " not in rule_id
    assert module.LEVEL in ("error", "warning", "off")
    page = rule_page(rule_id)
    for section in SECTIONS:
        assert section in page, (rule_id, section)
    for option in module.OPTIONS:
        assert option in module.__doc__, (rule_id, option)
        assert "default" in module.OPTIONS[option]
    test_module = REPO / "tests" / "rules" / f"test_{rule_id.replace('-', '_')}.py"
    assert test_module.is_file(), test_module
    entry = yaml.safe_load((REPO / "rules.yaml").read_text(encoding="utf-8"))["rules"][rule_id]
    assert entry["level"] == module.LEVEL or entry["level"] is False
    assert set(entry) - {"level"} == set(module.OPTIONS)


def test_packaged_default_equals_top_level_rules_yaml() -> None:
    assert packaged_rules_text() == (REPO / "rules.yaml").read_text(encoding="utf-8")


def test_top_level_rules_yaml_is_valid_and_matches_defaults() -> None:
    config = load_config(REPO / "rules.yaml")
    for rule_id, module in RULES.items():
        assert config.rules[rule_id].options == {k: v["default"] for k, v in module.OPTIONS.items()}


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_every_default_passes_its_schema(rule_id: str) -> None:
    """A rules.yaml that gives every option its default skips the schema check (it could only
    pass): so each default must really pass it."""
    options = RULES[rule_id].OPTIONS
    _validate({name: spec["default"] for name, spec in options.items()}, _option_schema(options), prefix=rule_id)


@pytest.mark.parametrize(("written", "message"), [
    ("proportional: 1", "proportional：应为"),          # equal to the default true, but not a boolean
    ("proportional: true\n    level: fatal", "level：取值应为"),
    ("proportional: true\n    bands_extra: 1", "bands_extra：未知选项"),
])
def test_settings_near_the_defaults_are_still_checked(written: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_config(f"rules:\n  indicator-score:\n    {written}\n")


def test_off_written_bare_in_yaml() -> None:
    config = parse_config("rules:\n  goal-too-short:\n    level: off\n  text-whitespace: off\n")
    assert config.rules["goal-too-short"].level is None and config.rules["text-whitespace"].level is None


def test_rules_checksum_follows_settings_not_comments() -> None:
    base = parse_config("rules:\n  goal-too-short: {min_chars: 15}\n")
    assert parse_config("# 注释\nrules:\n  goal-too-short:\n    min_chars: 15\nletter: {office: 某科}\n").checksum == base.checksum
    assert parse_config("rules:\n  goal-too-short: {min_chars: 20}\n").checksum != base.checksum
    assert parse_config("rules:\n  goal-too-short: off\n").checksum != base.checksum


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rule_has_a_chinese_title_for_letters_and_summaries(rule_id: str) -> None:
    from validator.rules.titles import TITLES

    assert TITLES.get(rule_id), f"{rule_id}: add its title to validator/rules/titles.py"
