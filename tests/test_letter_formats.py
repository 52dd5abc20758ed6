"""What a unit is told about formats: an .xls/.xlsb/.ods/.csv submission's letter says
that its annotated copy is an .xlsx; the unreadable-file letter and the template's 填报说明 sheet
list what may be sent."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import docx
import pytest
from builders import failed_file, unreadable_file

from validator.config.office import OfficeSettings
from validator.outputs.letter import write_letter

SETTINGS = OfficeSettings(office="预算绩效管理科", contact="张三", phone="0571-87000000", resubmit_days=10)


def _text(tmp_path: Path, path: str, *, unreadable: bool = False) -> str:
    report = replace(unreadable_file() if unreadable else failed_file(), path=path)
    out = write_letter(report, tmp_path / "意见函.docx", settings=SETTINGS)
    return "\n".join(p.text for p in docx.Document(str(out)).paragraphs)


@pytest.mark.parametrize("suffix", [".xls", ".xlsb", ".ods", ".csv"])
def test_the_letter_says_the_annotated_copy_is_an_xlsx(tmp_path: Path, suffix: str) -> None:
    text = _text(tmp_path, f"inbox/司法局{suffix}")
    assert f"原表为 {suffix} 文件，标出问题所在单元格的审核标注副本为 Excel 工作簿（.xlsx）" in text


@pytest.mark.parametrize("suffix", [".xlsx", ".xlsm", ".txt"])
def test_an_xlsx_letter_has_no_such_sentence(tmp_path: Path, suffix: str) -> None:
    assert "审核标注副本为" not in _text(tmp_path, f"inbox/司法局{suffix}")


def test_the_unreadable_letter_lists_the_accepted_formats_and_the_wps_steps(tmp_path: Path) -> None:
    text = _text(tmp_path, "inbox/卫健委.et", unreadable=True)
    assert "可报送 .xlsx、.xlsm、.xls、.xlsb、.ods、.csv、.txt 文件" in text
    assert "点击“文件—另存为”" in text and "WPS 中为“Microsoft Excel 文件（*.xlsx）”，不要选 .et" in text


def test_the_guide_sheet_of_the_template_lists_the_accepted_formats(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from validator.template.writer import write_template

    path = write_template(tmp_path / "模板.xlsx", year=2027)
    ws = load_workbook(path)["填报说明"]
    text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    line = next(t for t in text.splitlines() if t.startswith("七、"))
    for suffix in (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".csv", ".txt", ".et"):
        assert suffix in line, suffix
    assert "另存为" in line and "不要存为 .xls" not in text
