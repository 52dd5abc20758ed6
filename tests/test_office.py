from datetime import date
from pathlib import Path

import pytest
from cerberus import Validator

from validator.config.office import LETTER_SCHEMA, OfficeSettings


def validate(section: dict) -> dict:
    validator = Validator({"letter": {"type": "dict", "schema": LETTER_SCHEMA}})
    validator.validate({"letter": section})
    return validator.errors


def test_defaults_are_usable() -> None:
    settings = OfficeSettings()
    assert settings.signer == settings.office
    assert settings.deadline(date(2026, 11, 28)) == date(2026, 12, 8)
    assert settings.usable_base_document() is None


def test_title_uses_unit_and_year_or_falls_back_to_the_file() -> None:
    settings = OfficeSettings()
    assert settings.letter_title(unit="某局", year=2026, file="x") == "关于《某局2026年项目支出绩效目标表》的审核意见"
    assert settings.letter_title(unit="某局", year=None, file="报表") == "关于《某局项目支出绩效目标表》的审核意见"
    assert settings.letter_title(unit=None, year=None, file="报表") == "关于《项目支出绩效目标表》的审核意见"


def test_from_mapping_reads_every_key(tmp_path: Path) -> None:
    settings = OfficeSettings.from_mapping(
        {"office": "某区财政局绩效科", "contact": "张三", "phone": "0571-1", "signature": "某区财政局",
         "resubmit_by": "2026-12-15", "base_document": "templates/base.docx", "title": "{unit}{year}审核意见"},
        base_dir=tmp_path,
    )
    assert settings.signer == "某区财政局"
    assert settings.deadline(date(2026, 11, 1)) == date(2026, 12, 15)
    assert settings.base_document == tmp_path / "templates/base.docx"
    assert settings.letter_title(unit="甲", year=2026, file="f") == "甲2026审核意见"


def test_from_mapping_of_nothing_is_the_default() -> None:
    assert OfficeSettings.from_mapping(None) == OfficeSettings()
    assert OfficeSettings.from_mapping({"contact": " "}).contact is None


def test_fixed_date_from_yaml_date() -> None:
    settings = OfficeSettings.from_mapping({"resubmit_by": date(2027, 1, 5)})
    assert settings.deadline(date(2026, 11, 1)) == date(2027, 1, 5)


def test_base_document_is_used_only_when_it_exists(tmp_path: Path) -> None:
    base = tmp_path / "base.docx"
    assert OfficeSettings(base_document=base).usable_base_document() is None
    base.write_bytes(b"x")
    assert OfficeSettings(base_document=base).usable_base_document() == base


def test_schema_accepts_a_full_section() -> None:
    assert validate({"office": "绩效科", "contact": "张三", "phone": "1", "resubmit_days": 7,
                     "title": "关于《{unit}{year}年项目支出绩效目标表》的审核意见"}) == {}
    assert validate({"resubmit_by": date(2026, 12, 1)}) == {}


@pytest.mark.parametrize(
    "section, key",
    [
        ({"title": "关于{department}的意见"}, "title"),
        ({"title": "关于{unit"}, "title"),
        ({"resubmit_by": "2026/12/01"}, "resubmit_by"),
        ({"resubmit_days": 0}, "resubmit_days"),
        ({"resubmit_days": 5, "resubmit_by": "2026-12-01"}, "resubmit_days"),
        ({"office": ""}, "office"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_schema_rejects(section: dict, key: str) -> None:
    errors = validate(section)
    assert key in errors["letter"][0]


# --- the letter: section in rules.yaml, validated by the configuration layer ---------------

from validator.config.loader import ConfigError, load_config, office_settings, parse_config  # noqa: E402


def test_shipped_rules_yaml_has_a_valid_letter_section() -> None:
    settings = office_settings(parse_config(Path(__file__).parents[1].joinpath("rules.yaml").read_text("utf-8")))
    assert settings.office and settings.resubmit_days == 10 and settings.contact is None


def test_letter_section_from_rules_yaml(tmp_path: Path) -> None:
    rules = tmp_path / "conf" / "rules.yaml"
    rules.parent.mkdir()
    rules.write_text("letter:\n  office: 某区财政局绩效科\n  phone: 87001234\n  resubmit_by: 2026-12-15\n"
                     "  base_document: base.docx\n", encoding="utf-8")
    settings = office_settings(load_config(rules))
    assert settings.office == "某区财政局绩效科" and settings.phone == "87001234"
    assert settings.resubmit_by == date(2026, 12, 15)
    assert settings.base_document == rules.parent / "base.docx"


def test_missing_letter_section_gives_defaults() -> None:
    assert office_settings(parse_config("rules: {}\n")) == OfficeSettings()


@pytest.mark.parametrize(
    "yaml_text, message",
    [
        ("letter:\n  title: 关于{dept}\n", "letter 的选项 title：标题中只能使用"),
        ("letter:\n  resubmit_by: 2026/12/01\n", "日期格式应为 YYYY-MM-DD"),
        ("letter:\n  resubmit_days: 5\n  resubmit_by: 2026-12-01\n", "二选一"),
        ("letter:\n  colour: red\n", "letter 的选项 colour：未知选项"),
        ("letter: [1]\n", "letter 应为映射"),
    ],
)
def test_bad_letter_section_is_rejected_in_chinese(yaml_text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_config(yaml_text)
