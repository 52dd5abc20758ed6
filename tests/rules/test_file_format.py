import shutil
from pathlib import Path

from helpers import run_rule

FORMATS = Path(__file__).resolve().parents[1] / "data" / "formats"


def test_a_file_named_as_what_it_is_passes(good_path: Path) -> None:
    assert run_rule("file-format", good_path) == []
    assert run_rule("file-format", FORMATS / "funds.xls") == []
    assert run_rule("file-format", FORMATS / "funds.ods") == []


def test_an_xls_named_xlsx_is_read_and_hinted(tmp_path: Path) -> None:
    path = tmp_path / "绩效目标表.xlsx"
    shutil.copyfile(FORMATS / "funds.xls", path)
    [finding] = run_rule("file-format", path)
    assert "Excel 97-2003" in finding.message
    assert "改名为“绩效目标表.xls”" in finding.suggestion


def test_an_ods_named_xls_is_hinted(tmp_path: Path) -> None:
    path = tmp_path / "表.xls"
    shutil.copyfile(FORMATS / "funds.ods", path)
    [finding] = run_rule("file-format", path)
    assert "OpenDocument" in finding.message and "表.ods" in finding.suggestion
