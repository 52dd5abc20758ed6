"""Workbooks written by other programs than openpyxl: built here part by part as those
programs write them (inline strings, cached formula values, no styles part, shared
strings with rich text runs), so the reader is not tuned to openpyxl's own output."""

from __future__ import annotations

import zipfile
from pathlib import Path

from helpers import validate

from validator.reader import read_submission

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="项目" sheetId="1" r:id="rId1"/><sheet name="指标" sheetId="2" r:id="rId2"/></sheets></workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""
SHARED = """<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2">
<si><r><t>普法</t></r><r><rPr><b/></rPr><t>经费</t></r></si><si><t>项目名称</t></si></sst>"""


def _sheet(rows: list[str]) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            'spreadsheetml/2006/main"><dimension ref="A1"/><sheetData>' + "".join(rows) + "</sheetData></worksheet>")


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _row(n: int, cells: list[str]) -> str:
    return f'<row r="{n}">{"".join(cells)}</row>'


def _project_sheet(total_cache: str) -> str:
    headers = ["资金使用单位", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标"]
    header = ['<c r="A2" t="s"><v>1</v></c>'] + [_inline(f"{c}2", h) for c, h in zip("BCDEFG", headers)]
    data = ['<c r="A3" t="s"><v>0</v></c>', _inline("B3", "某局"),
            f'<c r="C3"><f>SUM(D3:F3)</f><v>{total_cache}</v></c>', '<c r="D3"><v>500</v></c>',
            '<c r="E3"><v>0</v></c>', '<c r="F3"><v>100</v></c>',
            _inline("G3", "全年开展法治讲座不少于48场，覆盖全市11个区，群众满意度达到90%以上。")]
    return _sheet([_row(1, [_inline("A1", "部门名称：某局")]), _row(2, header), _row(3, data)])


def _indicator_sheet() -> str:
    headers = ["项目名称", "一级指标", "二级指标", "三级指标", "指标值"]
    rows = [_row(1, [_inline(f"{c}1", h) for c, h in zip("ABCDE", headers)])]
    for n, (l1, l2, name, value) in enumerate([("产出指标", "数量指标", "讲座场次", "≥48场"),
                                              ("效益指标", "社会效益指标", "覆盖率", "100%"),
                                              ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%")], start=2):
        rows.append(_row(n, [_inline(f"A{n}", "普法经费")] + [_inline(f"{c}{n}", v) for c, v in zip("BCDE", (l1, l2, name, value))]))
    return _sheet(rows)


def _write(path: Path, total_cache: str) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS), ("xl/workbook.xml", WORKBOOK),
                           ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS), ("xl/sharedStrings.xml", SHARED),
                           ("xl/worksheets/sheet1.xml", _project_sheet(total_cache)),
                           ("xl/worksheets/sheet2.xml", _indicator_sheet())):
            archive.writestr(name, data)
    return path


def test_inline_strings_rich_text_and_formulas(tmp_path: Path) -> None:
    sub = read_submission(_write(tmp_path / "other.xlsx", "600"))
    [project] = sub.projects
    assert project.name.text == "普法经费" and project.name.coord == "A3"
    assert project.total.formula == "=SUM(D3:F3)"
    assert [i.value.text for i in sub.indicators] == ["≥48场", "100%", "≥90%"]
    assert sub.department == "某局"
    report = validate(tmp_path / "other.xlsx")
    assert report.errors == 0 and {f.rule for f in report.findings} == {"template-version"}


def test_a_stale_cached_total_is_never_trusted(tmp_path: Path) -> None:
    """The cache says 999 but the formula sums the sources: no false funds error."""
    report = validate(_write(tmp_path / "stale.xlsx", "999"))
    assert report.errors == 0
