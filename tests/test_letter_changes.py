"""The letter's hooks used by the inbox bot: what changed since the earlier submission, and
the short note for a file identical to one already answered."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import docx
from builders import error, failed_file, passed_file, unreadable_file

from validator.config.office import OfficeSettings
from validator.outputs.letter import write_letter, write_note

SETTINGS = OfficeSettings()


def _text(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_without_previous_the_letter_is_unchanged(tmp_path: Path) -> None:
    plain = write_letter(failed_file(), tmp_path / "a.docx", settings=SETTINGS, today=date(2026, 11, 28))
    assert not any("与上次报送相比" in t for t in _text(plain))


def test_changes_section_lists_fixed_open_and_new(tmp_path: Path) -> None:
    current = failed_file()
    previous = replace(current, path="inbox/司法局2026（初稿）.xlsx", received=datetime(2026, 11, 10, 9, 0),
                       findings=(current.findings[1], error("Z9", "旧问题", rule="goal-missing")))
    path = write_letter(current, tmp_path / "b.docx", settings=SETTINGS, today=date(2026, 11, 28), previous=previous)
    text = _text(path)
    at = text.index("三、与上次报送相比")
    assert text[at + 1] == ("你单位于2026年11月10日报送的《司法局2026（初稿）.xlsx》经审核发现问题2项。与之相比，"
                            "本次已改正1项，仍未改正1项，新发现4项。")
    assert text[at + 2:at + 4] == ["已改正的问题：", "1．项目绩效目标!Z9，旧问题。"]
    assert "仍未改正的问题：" in text and "新发现的问题：" in text
    assert text.index("特此函告。") > at


def test_changes_section_numbering_follows_the_body(tmp_path: Path) -> None:
    previous = failed_file()
    unreadable = write_letter(unreadable_file(), tmp_path / "u.docx", settings=SETTINGS, previous=previous)
    assert "三、与上次报送相比" in _text(unreadable)
    passed = write_letter(passed_file(), tmp_path / "p.docx", settings=SETTINGS, previous=previous)
    assert not any(t.endswith("与上次报送相比") for t in _text(passed))
    assert any("本次已改正5项，仍未改正0项，新发现0项" in t for t in _text(passed))


def test_note_has_title_addressee_body_and_closing(tmp_path: Path) -> None:
    path = write_note(passed_file(), tmp_path / "n.docx", settings=SETTINGS, paragraphs=["第一段。", "第二段。"],
                      today=date(2026, 11, 28))
    text = _text(path)
    assert text[0] == "关于《某市文旅局2026年\n项目支出绩效目标表》的审核意见"
    assert "某市文旅局：" in text and "第一段。" in text and "第二段。" in text
    assert text[-2:] == ["预算绩效管理科", "2026年11月28日"]
    assert docx.Document(str(path)).tables == []
