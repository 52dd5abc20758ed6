"""The whole year through the bot: a unit's target table is submitted and accepted in spring;
at year end its self-evaluation is made from the approved targets the ledger holds (the
archived original re-read), filled, submitted and reviewed against those targets; a second
self-evaluation that quietly lowers a target and drops another is sent back."""

from __future__ import annotations

from pathlib import Path

import docx
from bothelpers import drop, ledger_rows, settings_for
from helpers import good_sub
from openpyxl import load_workbook
from selfeval_builders import Scored, SelfProject, good_funds, write_form

from validator.bot.approved import approved_projects
from validator.bot.ledger import Ledger
from validator.bot.runner import inbox_status, process_inbox
from validator.bot.view import render_status
from validator.context import target_text
from validator.model import Report

ACTUALS = {"法治讲座场次": "52场", "宪法宣传周活动区覆盖率": "100%", "群众满意度": "93%"}
WEIGHTS = {"法治讲座场次": 50, "宪法宣传周活动区覆盖率": 30, "群众满意度": 10}


def letter_text(path: str | Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def _from_ledger(ledger_path: Path) -> SelfProject:
    """The self-evaluation a unit fills from its approved targets: every approved indicator
    with its target as approved, the actual value, full marks where met."""
    with Ledger(ledger_path) as ledger:
        book = approved_projects(ledger)
    [approved] = book.values()
    indicators = []
    for ind in approved.indicators:
        assert ind.name is not None and ind.level1 is not None and ind.level2 is not None
        name = ind.name.shown
        indicators.append(Scored(ind.level1.shown, ind.level2.shown, name, target_text(ind), ACTUALS[name],
                                 WEIGHTS[name], WEIGHTS[name]))
    return SelfProject(name=approved.name, indicators=indicators, total_score=99.5, grade="优", funds=good_funds())


def test_a_year_targets_then_self_evaluation(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    drop(settings.inbox, "司法局_2027年绩效目标表.xlsx", good_sub())
    [spring] = process_inbox(settings).answered
    assert spring.verdict == "通过"

    evaluation = _from_ledger(settings.ledger)
    assert [i.target for i in evaluation.indicators] == ["≥48场", "100%", "≥90%"]
    write_form(settings.inbox / "司法局_2027年绩效自评表.xlsx", [evaluation])
    [review] = process_inbox(settings).answered
    rows = ledger_rows(settings.ledger)
    report = Report.from_json(rows[1]["report_json"]).files[0]
    assert report.layout == "self-evaluation" and report.unit == "某市司法局" and report.year == 2027
    assert [f.rule for f in report.findings] == [], report.findings
    assert review.verdict == "通过"
    assert rows[1]["previous_id"] is None  # not a resubmission of the target table
    text = letter_text(rows[1]["letter_path"])
    assert text.startswith("关于《某市司法局2027年项目支出绩效自评表》的审核意见")
    assert "（绩效自评表）" in text

    changed = _from_ledger(settings.ledger)
    changed.indicators[0].target = "≥40场"  # lowered after the fact
    del changed.indicators[2]  # 群众满意度 dropped
    changed.funds[0] = ("年度资金总额", 100, 100, 95, 20, "95%", 19)  # keeps the weights at 100
    write_form(settings.inbox / "司法局_2027年绩效自评表（修改）.xlsx", [changed])
    [second] = process_inbox(settings).answered
    assert second.verdict == "退回修改"
    report = Report.from_json(ledger_rows(settings.ledger)[2]["report_json"]).files[0]
    by_rule = {f.rule: f for f in report.findings}
    assert by_rule["target-changed"].cell == "D11"
    assert "年度指标值“≥40场”与批复的目标“≥48场”不一致（目标表：司法局_2027年绩效目标表.xlsx）" in by_rule[
        "target-changed"].message
    assert "批复的目标指标“群众满意度”（≥90%）在自评表中没有自评" in by_rule["target-approved"].message
    assert "与批复的目标“≥48场”不一致" in letter_text(ledger_rows(settings.ledger)[2]["letter_path"])

    status = render_status(inbox_status(settings), settings)
    assert "其中（不含重复报送）：绩效目标表 1 份，绩效自评表 2 份" in status
    summary = load_workbook(settings.summary, read_only=True)["汇总"]
    kinds = [row[-1] for row in summary.iter_rows(min_row=2, values_only=True)]
    assert kinds == ["绩效目标表", "绩效自评表", "绩效自评表"]
