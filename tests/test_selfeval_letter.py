"""The letter on a self-evaluation (绩效自评表) has its own wording and its own findings table,
the 自评结果复核意见表 (序号 | 项目 | 指标 | 年度指标值 | 实际完成值 | 分值/得分 | 问题及修改建议):
letters written from the acceptance files, read back with python-docx."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
from docx.table import Table
from helpers import good_sub, write_sub

from validator.config.loader import load_config, office_settings
from validator.engine import validate_file
from validator.model import Finding, Report, ScoreLine, Severity
from validator.outputs.letter import write_letter
from validator.outputs.selfeval import review_rows

FAIL = Path(__file__).resolve().parent / "acceptance" / "fail"
CONFIG = load_config()
TODAY = date(2028, 3, 1)


def _letter(tmp_path: Path, source: Path) -> docx.document.Document:
    report = validate_file(source, CONFIG)
    # the letter is a function of the report alone: write it from the report as the ledger keeps it
    kept = Report.from_json(Report((report,)).to_json()).files[0]
    assert kept.scored == report.scored and kept.scored
    path = write_letter(kept, tmp_path / "l.docx", settings=office_settings(CONFIG), today=TODAY)
    return docx.Document(str(path))


def _rows(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def _body(doc: docx.document.Document) -> str:
    return "\n".join(p.text for p in doc.paragraphs)


def test_many_findings_the_table_is_the_attachment(tmp_path: Path) -> None:
    doc = _letter(tmp_path, FAIL / "selfeval_form_problems.xlsx")
    text = _body(doc)
    assert "关于《某市司法局2027年项目支出绩效自评表》的审核意见" in doc.core_properties.title
    assert "所报自评结果：普法经费总分96.5分（自评等级良）；法律援助总分92.03分（自评等级优）。" in text
    assert "一、复核结论" in text and "二、复核发现的问题及修改建议" in text and "本次复核共发现问题12项" in text
    assert "（一）指标得分与完成情况不符（错误3项）" in text
    assert "附件：自评结果复核意见表" in text and "问题清单" not in text
    assert len(doc.sections) == 2 and doc.sections[1].page_width > doc.sections[1].page_height  # landscape
    [table] = doc.tables
    rows = _rows(table)
    assert rows[0] == ["序号", "项目", "指标", "年度指标值", "实际完成值", "分值/得分", "问题及修改建议"]
    lecture = next(r for r in rows if r[2] == "法治讲座场次")
    assert lecture[:6] == ["2", "普法经费", "法治讲座场次", "≥48场", "40场", "20/20"]
    assert lecture[6].startswith("（一）自评表1!G11：实际完成值“40场”未达到年度指标值“≥48场”，却得满分 20")
    assert "\n（五）自评表1!H11：" in lecture[6]  # the missing reason, in its own paragraph of the same row
    funds = rows[1]
    assert funds[2:6] == ["预算执行率", "全年预算数 100万元", "全年执行数 95万元，执行率 90%", "10/9.5"]
    total = next(r for r in rows if r[1] == "法律援助" and r[2] == "总分")
    assert total[4:6] == ["自评等级：优", "105/92.03"] and "各项分值合计 105 分" in total[6]
    assert rows[-1][2] == "整份自评表" and "没有对照已批复的绩效目标表" in rows[-1][6]
    header = table.rows[0]._tr.trPr
    assert header is not None and header.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader") is not None


def test_few_findings_the_table_is_in_the_body(tmp_path: Path) -> None:
    doc = _letter(tmp_path, FAIL / "selfeval_rowwise_problems.xlsx")
    text = _body(doc)
    assert "《某市司法局2027年项目支出绩效自评表》（预算系统导出格式）（共填报项目1个" in text
    assert "附件" not in text and len(doc.sections) == 1
    [table] = doc.tables
    rows = _rows(table)
    assert rows[0] == ["序号", "指标", "年度指标值", "实际完成值", "分值/得分", "问题及修改建议"]  # one project
    assert rows[2][:4] == ["2", "办结时间", "≤5天", "8天"] and rows[2][4] == "15/12"
    assert rows[2][5].startswith("【错误】R5：") and "\n【错误】S5：" in rows[2][5]
    assert rows[1][3] == "" and "实际完成值未填写" in rows[1][5]


def test_a_target_table_keeps_its_own_letter(tmp_path: Path) -> None:
    sub = good_sub()
    sub.projects[0] = ("普法经费", "某市司法局", 700, 500, 0, 100, sub.projects[0][6])
    report = validate_file(write_sub(tmp_path / "t.xlsx", sub), CONFIG)
    assert report.scored == () and "scored" not in report.to_dict()
    doc = docx.Document(str(write_letter(report, tmp_path / "t.docx", settings=office_settings(CONFIG), today=TODAY)))
    assert "复核" not in _body(doc) and "一、审核结论" in _body(doc)


def _finding(cell: str | None, indicator: str | None = None, project: str | None = "甲") -> Finding:
    return Finding("indicator-score", Severity.ERROR, f"问题{cell}", sheet="表1", cell=cell, project=project,
                   indicator=indicator)


def test_findings_are_placed_on_their_lines() -> None:
    lines = [ScoreLine("甲", "预算执行率", "表1", ("D5", "G5")), ScoreLine("甲", "场次", "表1", ("C11", "G11")),
             ScoreLine("乙", "场次", "表2", ("C11",))]
    at_cell, by_name, loose, other = (_finding("G11"), _finding("Z99", "预算执行率"), _finding("B2"),
                                      _finding(None, project=None))
    rows = review_rows([other, at_cell, loose, by_name], lines, ["甲", "乙"])
    assert [(r.project, r.item, r.findings) for r in rows] == [
        ("甲", "预算执行率", (by_name,)), ("甲", "场次", (at_cell,)), ("甲", "项目整体", (loose,)),
        (None, "整份自评表", (other,))]


def test_the_scored_lines_are_in_the_json_and_match_the_schema() -> None:
    import json

    from jsonschema import Draft202012Validator

    schema = json.loads((FAIL.parent.parent.parent / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    data = json.loads(Report((validate_file(FAIL / "selfeval_form_problems.xlsx", CONFIG),)).to_json())
    Draft202012Validator(schema).validate(data)
    scored = data["files"][0]["scored"]
    assert scored[0] == {"project": "普法经费", "item": "预算执行率", "sheet": "自评表1",
                         "cells": ["C5", "D5", "E5", "F5", "G5", "H5"], "target": "全年预算数 100万元",
                         "actual": "全年执行数 95万元，执行率 90%", "weight": "10", "score": "9.5"}
    bad = json.loads(json.dumps(data))
    bad["files"][0]["scored"][0]["cells"] = "G5"
    assert list(Draft202012Validator(schema).iter_errors(bad))
