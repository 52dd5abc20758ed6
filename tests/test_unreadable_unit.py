"""An unreadable file still reaches its unit: the unit named by its file name is the letter's
主送, the bot's outbox folder and the summary's 单位."""

from pathlib import Path

import docx
import pytest
from bothelpers import drop, settings_for
from openpyxl import load_workbook

from validator.bot.runner import process_inbox
from validator.config.loader import load_config
from validator.config.office import OfficeSettings
from validator.engine import validate_file

OLD_XLS = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512  # an OLE2 (.xls) header


def test_validate_takes_the_unit_from_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "某市文旅局_绩效目标表.xls"
    path.write_bytes(OLD_XLS)
    report = validate_file(path, load_config())
    assert report.status.value == "unreadable" and report.unit == "某市文旅局"
    anonymous = tmp_path / "绩效目标表.xls"
    anonymous.write_bytes(OLD_XLS)
    assert validate_file(anonymous, load_config()).unit is None


def test_bot_files_the_answer_under_the_unit_and_addresses_it(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    drop(settings.inbox, "某市文旅局_绩效目标表.xls", OLD_XLS)
    process_inbox(settings)
    (letter,) = (settings.outbox / "某市文旅局").glob("*_审核意见.docx")
    paragraphs = [p.text for p in docx.Document(str(letter)).paragraphs]
    assert "某市文旅局：" in paragraphs and "报送单位：" not in paragraphs
    assert not (settings.outbox / "未识别单位").exists()
    rows = list(load_workbook(settings.summary)["汇总"].iter_rows(min_row=3, values_only=True))
    assert rows[0][0] == "某市文旅局" and rows[0][3] == "退回修改（文件无法读取）"


def test_first_pass_says_once_that_letters_are_signed_by_the_section(tmp_path: Path,
                                                                     caplog: pytest.LogCaptureFixture) -> None:
    settings = settings_for(tmp_path, office=OfficeSettings(office="预算绩效管理科"))
    with caplog.at_level("WARNING"):
        process_inbox(settings)
    assert sum("意见函将以“预算绩效管理科”署名发出" in r.getMessage() for r in caplog.records) == 1
    caplog.clear()
    with caplog.at_level("WARNING"):
        process_inbox(settings)
    assert not any("署名发出" in r.getMessage() for r in caplog.records)  # said on the first pass only
