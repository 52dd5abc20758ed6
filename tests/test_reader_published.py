import re
from pathlib import Path

import pytest
from helpers import GOOD_CELL, GOOD_GOAL, good_published, make_xlsx, published_lines, validate, write_published

from validator.engine import collect_files
from validator.outputs.reporters import finding_line
from validator.reader import read_submission
from validator.records import RowKind


def test_text_table_reads_as_published_submission(tmp_path: Path) -> None:
    sub = read_submission(write_published(tmp_path / "t.txt", good_published()))
    assert (sub.layout, sub.department, sub.year) == ("published", "某市司法局", 2023)
    assert [(r.kind, r.name.coord) for r in sub.rows] == [
        (RowKind.TOTAL, "第6行第1列"), (RowKind.DEPARTMENT, "第7行第1列"), (RowKind.PROJECT, "第8行第1列"),
    ]
    assert sub.rows[2].department == "某市司法局"
    first = sub.indicators[0]
    assert (first.name.sheet, first.name.coord, first.value.coord) == (None, "第8行第7列", "第8行第7列")
    assert [(i.position, i.level1.text, i.name.text, i.value.text) for i in sub.indicators] == [
        (1, "产出指标", "法治讲座场次", "≥48场"), (2, "效益指标", "宪法宣传周活动区覆盖率", "100%"),
        (3, "满意度指标", "群众满意度", "≥90%"),
    ]
    assert sub.indicators[0].level2 is None  # the flat layout has no 二级 column


def test_good_table_passes_every_rule(tmp_path: Path) -> None:
    for suffix in (".txt", ".xlsx"):
        report = validate(write_published(tmp_path / f"t{suffix}", good_published()))
        assert report.findings == (), suffix
        assert report.layout == "published"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_encodings(tmp_path: Path, encoding: str) -> None:
    path = write_published(tmp_path / "t.txt", good_published())
    path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))
    sub = read_submission(path)
    assert sub.department == "某市司法局" and len(sub.indicators) == 3


def test_tsv_and_crlf(tmp_path: Path) -> None:
    path = write_published(tmp_path / "t.tsv", good_published())
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert len(read_submission(path).indicators) == 3


def test_workbook_in_published_layout_is_detected(tmp_path: Path) -> None:
    sub = read_submission(write_published(tmp_path / "t.xlsx", good_published()))
    assert sub.layout == "published"
    assert (sub.indicators[0].name.sheet, sub.indicators[0].name.coord) == ("Sheet1", "G8")


def test_workbook_with_an_indicator_sheet_stays_a_template(tmp_path: Path) -> None:
    lines = published_lines(good_published())
    indicators = [["项目名称", "一级指标", "二级指标", "三级指标", "指标值"], ["普法经费", "产出指标", "数量指标", "场次", "48"]]
    sub = read_submission(make_xlsx(tmp_path / "t.xlsx", {"项目": lines, "指标": indicators}))
    assert sub.layout == "template"


def test_text_without_header_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("会议纪要\n今天讨论了预算。\n", encoding="utf-8")
    [finding] = validate(path).findings
    assert finding.rule == "file-unreadable" and "表头" in finding.message


def test_binary_and_empty_text_are_unreadable(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"PK\x03\x04\x00\x00binary")
    (tmp_path / "empty.txt").write_bytes(b"")
    for name in ("bin.txt", "empty.txt"):
        [finding] = validate(tmp_path / name).findings
        assert finding.rule == "file-unreadable"


def test_folders_pick_up_only_text_that_looks_like_a_table(tmp_path: Path) -> None:
    write_published(tmp_path / "table.txt", good_published())
    (tmp_path / "readme.txt").write_text("说明：请按模板填报。\n", encoding="utf-8")
    (tmp_path / "data.tsv").write_text("a\tb\n1\t2\n", encoding="utf-8")
    assert [p.name for p in collect_files([tmp_path])] == ["table.txt"]
    assert collect_files([tmp_path / "readme.txt"]) == [tmp_path / "readme.txt"]  # named directly: always read


def test_several_departments(tmp_path: Path) -> None:
    rows = [
        ("合计", "700.00", "700.00", None, None, None, None),
        ("某市司法局", "600.00", "600.00", None, None, None, None),
        ("普法经费", "600.00", "600.00", None, None, GOOD_GOAL, GOOD_CELL),
        ("某市公证处", "100.00", "100.00", None, None, None, None),
        ("公证经费", "100.00", "100.00", None, None, GOOD_GOAL, GOOD_CELL),
    ]
    sub = read_submission(write_published(tmp_path / "t.txt", rows, department="某市司法局"))
    assert [(r.kind.value, r.department) for r in sub.rows] == [
        ("total", None), ("department", None), ("project", "某市司法局"), ("department", None), ("project", "某市公证处"),
    ]
    assert validate(tmp_path / "t.txt").findings == ()


def test_findings_in_an_indicator_cell_name_the_indicator(tmp_path: Path) -> None:
    cell = "1、产出指标：法治讲座场次，年度指标值：。 2、群众满意度，年度指标值：≥90%。 3、效益指标：覆盖率，年度指标值：100%。"
    rows = [("普法经费", "600.00", "600.00", None, None, GOOD_GOAL, cell)]
    report = validate(write_published(tmp_path / "t.txt", rows))
    found = {(f.rule, f.cell, f.indicator) for f in report.findings}
    assert ("threshold-malformed", "第6行第7列", "第1项 法治讲座场次") in found
    assert ("field-required", "第6行第7列", "第2项 群众满意度") in found  # no category written
    line = finding_line(str(tmp_path / "t.txt"), next(f for f in report.findings if f.rule == "threshold-malformed"))
    assert line.startswith(f"{tmp_path / 't.txt'}:第6行第7列 [错误] ［普法经费］［第1项 法治讲座场次］")


def test_project_without_indicator_cell(tmp_path: Path) -> None:
    rows = [("普法经费", "600.00", "600.00", None, None, GOOD_GOAL, None)]
    [finding] = validate(write_published(tmp_path / "t.txt", rows)).findings
    assert (finding.rule, finding.cell) == ("project-without-indicators", "第6行第1列")


def test_missing_columns_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text("部门名称：某局\n项目名称\t总计\t绩效指标\n普法经费\t600\t" + GOOD_CELL + "\n", encoding="utf-8")
    report = validate(path)
    missing = sorted(f.message for f in report.findings if f.rule == "column-missing")
    assert missing == sorted(f"“t.txt”表缺少“{c}”列。" for c in ("财政拨款", "财政专户拨款", "其他资金", "绩效目标"))
    line = finding_line(str(path), next(f for f in report.findings if f.rule == "column-missing"))
    assert line.startswith(f"{path} [错误]")  # the file is not named twice


def test_every_finding_inside_an_indicator_cell_names_indicator_and_number(tmp_path: Path) -> None:
    cell = ("1、投入指标：XXX，年度指标值：≥1个。 2、产出指标：法治讲座\n场次，年度指标值：≥≥48场。 "
            "3、产出指标：法治讲座场次，年度指标值：待定。 5、满意度指标：满意度，年度指标值：≥90%。")
    rows = [("普法经费", "600.00", "600.00", None, None, GOOD_GOAL, cell)]
    report = validate(write_published(tmp_path / "t.xlsx", rows))
    inside = [f for f in report.findings if f.cell == "G6"]
    assert {f.rule for f in inside} >= {
        "category-unknown", "text-placeholder", "text-whitespace", "threshold-malformed", "indicator-duplicate",
        "indicator-numbering",
    }
    assert all(f.indicator and re.match(r"^第\d+项 \S", f.indicator) for f in inside), inside
    whitespace = next(f for f in inside if f.rule == "text-whitespace")
    assert (whitespace.indicator, whitespace.value) == ("第2项 法治讲座 场次", "法治讲座\n场次")


def test_large_utf8_table_in_a_folder_is_not_skipped(tmp_path: Path) -> None:
    """Folders sniff the first 64 KB; when that cut a character in two, UTF-8 failed, the
    bytes read as GB18030 mojibake, and the table was silently left out of the batch."""
    rows = good_published()
    rows += [(f"普法经费{i}", "600.00", "600.00", None, None, GOOD_GOAL, GOOD_CELL) for i in range(200)]
    path = write_published(tmp_path / "大表.txt", rows)
    data = next(pad + path.read_bytes() for pad in (b"", b" ", b"  ")
                if (pad + path.read_bytes())[65536] & 0xC0 == 0x80)  # byte 64K inside a character
    path.write_bytes(data)
    assert collect_files([tmp_path]) == [path]


def test_utf8_with_a_stray_byte_is_still_read(tmp_path: Path) -> None:
    path = write_published(tmp_path / "t.txt", good_published())
    data = path.read_bytes()
    at = data.index("普法经费".encode())
    path.write_bytes(data[:at] + b"\xff" + data[at:])  # a byte from a spliced copy
    sub = read_submission(path)
    assert [r.name.text for r in sub.projects] == ["\ufffd普法经费"]
    assert collect_files([tmp_path]) == [path]
