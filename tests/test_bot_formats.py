"""One bot pass over an inbox that mixes formats: every accepted format is picked up, read
and answered once, with an .xlsx annotated copy for each readable workbook or CSV table."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
from bothelpers import assert_consistent, ledger_rows, settings_for
from openpyxl import load_workbook

from validator.bot.runner import process_inbox
from validator.model import Report

FORMATS = Path(__file__).resolve().parents[0] / "data" / "formats"
ACCEPTANCE = Path(__file__).resolve().parents[0] / "acceptance"


def _wps_own(path: Path) -> Path:
    """An OLE file that holds no workbook (WPS's own .et content): the stream renamed."""
    data = (FORMATS / "funds.xls").read_bytes()
    for name in ("Workbook", "Book"):
        encoded = name.encode("utf-16-le")
        data = data.replace(encoded, "XXXXXXXX".encode("utf-16-le")[: len(encoded)])
    path.write_bytes(data)
    return path


def _letter(row: dict) -> str:
    return "\n".join(p.text for p in docx.Document(row["letter_path"]).paragraphs)


def test_a_pass_over_a_mixed_inbox(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    sources = {
        "司法局.xlsx": ACCEPTANCE / "fail" / "funds.xlsx",
        "司法局旧版.xls": FORMATS / "funds.xls",
        "司法局开源.ods": FORMATS / "funds.ods",
        "司法局改名.xlsx": FORMATS / "values.xls",  # an .xls whose name says .xlsx
        "教育局误名.xls": ACCEPTANCE / "fail" / "text.xlsx",  # an .xlsx whose name says .xls
        "公开表.csv": FORMATS / "seed_2023.csv",
        "通过.xls": FORMATS / "clean.xls",
        "文旅局.et": FORMATS / "outdated.xls",  # WPS saving Excel 97-2003 content as .et: read
        "卫健委.et": _wps_own(tmp_path / "wps.et"),  # WPS's own format: the 另存为 steps
    }
    originals = {}
    for name, source in sources.items():
        shutil.copyfile(source, settings.inbox / name)
        originals[name] = source.read_bytes()
    result = process_inbox(settings)
    verdicts = {o.name: o.verdict for o in result.answered}
    assert set(verdicts) == set(sources)
    assert verdicts["通过.xls"] == "通过" and verdicts["文旅局.et"] == "通过（有提示）"
    assert {verdicts[n] for n in ("司法局.xlsx", "司法局旧版.xls", "司法局开源.ods", "司法局改名.xlsx",
                                  "教育局误名.xls", "公开表.csv")} == {"退回修改"}
    assert verdicts["卫健委.et"] == "退回修改（文件无法读取）"
    rows = {r["original_name"]: r for r in ledger_rows(settings.ledger)}
    for name, row in rows.items():
        if name == "卫健委.et":
            assert row["annotated_path"] is None and "WPS" in _letter(row) and "另存为" in _letter(row)
            continue
        annotated = Path(row["annotated_path"])
        assert annotated.suffix == ".xlsx" and annotated.is_file(), name
        load_workbook(annotated)  # opens as a workbook
        said = "标出问题所在单元格的审核标注副本为 Excel 工作簿（.xlsx）" in _letter(row)
        assert said == (Path(name).suffix in (".xls", ".ods", ".csv", ".et") and row["verdict"] != "passed"), name
    for name, really in (("司法局改名.xlsx", "97-2003"), ("教育局误名.xls", "Excel 工作簿（.xlsx）")):
        [hint] = [f for f in Report.from_json(rows[name]["report_json"]).files[0].findings if f.rule == "file-format"]
        assert really in hint.message, name
    assert_consistent(tmp_path, originals)
