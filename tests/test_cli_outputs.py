"""`validate --letters/--annotate/--summary` on real files, reading every output back."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result
from helpers import GOOD_GOAL, good_sub, write_sub
from openpyxl import load_workbook

from validator.cli import cli
from validator.outputs.annotate import ERROR_FILL, SHEET_TITLE


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    write_sub(folder / "good.xlsx", good_sub())
    bad = good_sub()
    bad.projects[0] = ("普法经费", "某局", 700, 500, 0, 100, GOOD_GOAL)
    write_sub(folder / "bad.xlsx", bad)
    (folder / "broken.xlsx").write_bytes(b"not a workbook")
    return folder


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, ["validate", *map(str, args)])


def outputs(inbox: Path, tmp_path: Path, *extra: str) -> tuple[Result, dict]:
    result = run(inbox, "--format", "json", "--letters", tmp_path / "letters", "--annotate", tmp_path / "annotated",
                 "--summary", tmp_path / "summary.xlsx", *extra)
    return result, json.loads(result.stdout)


def test_all_three_outputs_are_written_and_stdout_stays_json(inbox: Path, tmp_path: Path) -> None:
    result, report = outputs(inbox, tmp_path)
    assert result.exit_code == 1
    assert {Path(f["path"]).name: f["status"] for f in report["files"]} == {
        "bad.xlsx": "failed", "broken.xlsx": "unreadable", "good.xlsx": "passed"}
    assert len(list((tmp_path / "letters").glob("*.docx"))) == 3
    assert len(list((tmp_path / "annotated").glob("*.xlsx"))) == 2  # none for the unreadable file
    assert (tmp_path / "summary.xlsx").is_file()
    assert "已出具审核意见函 3 份" in result.stderr and "已生成审核汇总表" in result.stderr


def test_letter_of_returned_file_lists_every_finding(inbox: Path, tmp_path: Path) -> None:
    _, report = outputs(inbox, tmp_path)
    bad = next(f for f in report["files"] if f["path"].endswith("bad.xlsx"))
    (letter,) = (tmp_path / "letters").glob("*bad_审核意见.docx")
    document = docx.Document(str(letter))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "退回修改" in text and f"共发现问题{len(bad['findings'])}项" in text
    listed = "\n".join([text, *(c.text for t in document.tables for r in t.rows for c in r.cells)])
    assert all(f["cell"] in listed for f in bad["findings"] if f["cell"])  # every place, letter or attachment
    assert "项目信息!C4" in listed


def test_unreadable_and_clean_letters(inbox: Path, tmp_path: Path) -> None:
    outputs(inbox, tmp_path)
    (broken,) = (tmp_path / "letters").glob("broken_审核意见.docx")
    assert "另存为" in "\n".join(p.text for p in docx.Document(str(broken)).paragraphs)
    (good,) = (tmp_path / "letters").glob("*good_审核意见.docx")
    assert docx.Document(str(good)).tables == []


def test_annotated_copy_marks_the_cell_and_leaves_the_original(inbox: Path, tmp_path: Path) -> None:
    before = (inbox / "bad.xlsx").read_bytes()
    outputs(inbox, tmp_path)
    assert (inbox / "bad.xlsx").read_bytes() == before
    (copy,) = (tmp_path / "annotated").glob("*bad_审核标注.xlsx")
    workbook = load_workbook(copy)
    assert workbook.sheetnames[0] == SHEET_TITLE
    cell = workbook["项目信息"]["C4"]
    assert cell.fill.fgColor.rgb == ERROR_FILL.fgColor.rgb and "【错误】" in cell.comment.text
    links = [c.hyperlink.location for c in workbook[SHEET_TITLE]["C"] if c.hyperlink]
    assert "'项目信息'!C4" in links


def test_summary_rows_and_rule_counts(inbox: Path, tmp_path: Path) -> None:
    _, report = outputs(inbox, tmp_path)
    workbook = load_workbook(tmp_path / "summary.xlsx")
    rows = list(workbook["汇总"].iter_rows(min_row=3, values_only=True))[:-1]  # title and header above, totals below
    assert sorted(r[1] for r in rows) == ["bad.xlsx", "broken.xlsx", "good.xlsx"]
    counts = {r[0]: r[2] for r in workbook["规则统计"].iter_rows(min_row=2, values_only=True)}
    expected: dict[str, int] = {}
    for file in report["files"]:
        for finding in file["findings"]:
            expected[finding["rule"]] = expected.get(finding["rule"], 0) + 1
    assert counts == expected
    explained = {r[0]: r[1] for r in workbook["规则统计"].iter_rows(min_row=2, values_only=True)}
    assert explained["funds-row-total"].startswith("每行的总计是否等于")


def test_letter_section_of_rules_yaml_signs_the_letters(inbox: Path, tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("letter:\n  office: 某市财政局绩效科\n  contact: 李四\n  phone: 87001234\n"
                     "  resubmit_by: 2027-01-15\n", encoding="utf-8")
    result = run(inbox, "--rules", rules, "--letters", tmp_path / "letters")
    assert result.exit_code == 1
    (letter,) = (tmp_path / "letters").glob("*bad_审核意见.docx")
    text = "\n".join(p.text for p in docx.Document(str(letter)).paragraphs)
    assert "某市财政局绩效科" in text and "联系人：李四；联系电话：87001234" in text
    assert "于2027年1月15日前重新报送" in text


def test_bad_letter_section_is_a_configuration_error(inbox: Path, tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("letter:\n  title: 关于{dept}\n", encoding="utf-8")
    result = run(inbox, "--rules", rules, "--letters", tmp_path / "letters")
    assert result.exit_code == 2 and "title" in result.output and "不认识：dept" in result.output
    assert not (tmp_path / "letters").exists()


def test_summary_must_be_xlsx(inbox: Path, tmp_path: Path) -> None:
    result = run(inbox, "--summary", tmp_path / "summary.csv")
    assert result.exit_code == 2 and "汇总表应为 .xlsx 文件" in result.output


def test_unwritable_output_exits_2(inbox: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    result = run(inbox, "--letters", blocker / "letters")
    assert result.exit_code == 2 and "无法写入输出文件" in result.stderr


def test_clean_batch_exits_0_with_outputs(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    write_sub(tmp_path / "in" / "good.xlsx", good_sub())
    result = run(tmp_path / "in", "--letters", tmp_path / "l", "--summary", tmp_path / "s.xlsx")
    assert result.exit_code == 0
    assert len(list((tmp_path / "l").glob("*.docx"))) == 1


def test_gbk_file_name_with_every_output(tmp_path: Path) -> None:
    """A GBK-named file (Samba share, zip from Chinese Windows) crashed validate under a UTF-8
    terminal (--format json and text) and in the letter, the annotated copy and the summary
    (lone surrogates are not encodable). Names are shown decoded; JSON keeps the exact path."""
    import os
    import subprocess
    import sys

    folder = tmp_path / "收件"
    folder.mkdir()
    raw = os.fsencode(folder) + b"/" + "绩效目标表.xlsx".encode("gbk")
    write_sub(Path(os.fsdecode(raw)), good_sub())
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "LC_ALL": "C.UTF-8"}  # strict UTF-8 stdout
    command = [sys.executable, "-m", "validator", "validate", str(folder)]
    out = subprocess.run([*command, "--format", "json"], capture_output=True, env=env, cwd=tmp_path)
    assert out.returncode == 0, out.stderr.decode(errors="replace")
    [entry] = json.loads(out.stdout.decode("utf-8"))["files"]
    assert os.fsencode(entry["path"]) == raw
    out = subprocess.run(command, capture_output=True, env=env, cwd=tmp_path)
    assert out.returncode == 0 and "绩效目标表.xlsx：通过" in out.stdout.decode("utf-8")
    result = run(folder, "--letters", tmp_path / "l", "--annotate", tmp_path / "a", "--summary", tmp_path / "s.xlsx")
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "l").iterdir()] == ["某市司法局_绩效目标表_审核意见.docx"]
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["某市司法局_绩效目标表_审核标注.xlsx"]
    assert load_workbook(tmp_path / "s.xlsx").worksheets[0]["B3"].value == "绩效目标表.xlsx"
