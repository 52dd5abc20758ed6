import zipfile
from pathlib import Path

import pytest
from helpers import run_rule, validate

from validator.model import Status

XLS_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "phrase"),
    [
        ("empty.xlsx", b"", "0 字节"),
        ("text.xlsx", "这不是表格".encode(), "不是有效的 Excel"),
        ("old.xlsx", XLS_HEADER, ".xls"),
        ("locked.xlsx", XLS_HEADER + "EncryptedPackage".encode("utf-16-le"), "密码"),
        ("cut.xlsx", b"PK\x03\x04" + b"\x00" * 40, "损坏"),
    ],
)
def test_unreadable_files_are_reported_not_raised(tmp_path: Path, name: str, data: bytes, phrase: str) -> None:
    path = _write(tmp_path / name, data)
    report = validate(path)
    assert report.status is Status.UNREADABLE
    [finding] = report.findings
    assert finding.rule == "file-unreadable" and phrase in finding.message
    assert finding.suggestion
    assert path.read_bytes() == data  # never modified


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "doc.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    [finding] = validate(path).findings
    assert "不是 Excel 工作簿" in finding.message


def test_zip_bomb_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (50 * 1024 * 1024))
    [finding] = validate(path).findings
    assert "体积异常" in finding.message


def test_readable_workbook_passes(good_path: Path) -> None:
    assert run_rule("file-unreadable", good_path) == []


def test_unreadable_is_reported_even_when_rule_is_off(tmp_path: Path) -> None:
    from validator.config.loader import parse_config
    from validator.engine import validate_file

    config = parse_config("rules:\n  file-unreadable: {level: off}\n")
    report = validate_file(_write(tmp_path / "x.xlsx", b""), config)
    assert report.status is Status.UNREADABLE
