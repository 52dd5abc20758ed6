"""The whole year through the bot: a unit's target table is submitted and accepted in spring;
at year end `validator template --kind 自评 --from-ledger` makes its self-evaluation workbook
from the ledger's approved targets, the unit fills in the open cells, submits it, and it is
reviewed against those targets; a second version that lowers a target and drops another is
sent back."""

from __future__ import annotations

from pathlib import Path

import docx
from bothelpers import ledger_rows, settings_for
from click.testing import CliRunner
from helpers import good_sub, write_sub
from openpyxl import load_workbook

from validator.bot.runner import inbox_status, process_inbox
from validator.bot.view import render_status
from validator.cli import cli
from validator.model import Report

SHEET = "1.普法经费"
FILLED = {
    "D5": 100, "E5": 95, "G5": "95%", "H5": 9.5, "D6": 100, "E6": 95, "D7": 0, "E7": 0,
    "F9": "全年开展法治讲座52场，覆盖全市11个区，群众满意度93%。",
    "E11": "52场", "F11": 50, "G11": 50, "E12": "100%", "F12": 30, "G12": 30, "E13": "93%", "F13": 10, "G13": 10,
    "G14": 99.5, "F15": "优",
}


def letter_text(path: str | Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def _template(tmp_path: Path, outbox: Path) -> Path:
    result = CliRunner().invoke(cli, ["template", "--kind", "自评", "--year", "2027", "--from-ledger",
                                      "--outbox", str(outbox), "-o", str(tmp_path / "自评模板")])
    assert result.exit_code == 0, result.output
    assert "已为 1 个单位生成预填的自评表" in result.output
    [path] = (tmp_path / "自评模板").iterdir()
    assert path.name == "某市司法局_2027年项目支出绩效自评表.xlsx"
    return path


def _fill(template: Path, target: Path, extra: dict[str, object] | None = None) -> Path:
    book = load_workbook(template)
    ws = book[SHEET]
    for ref, value in {**FILLED, **(extra or {})}.items():
        ws[ref] = value
    book.save(target)
    return target


def test_a_year_targets_template_self_evaluation(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    write_sub(settings.inbox / "司法局_2027年绩效目标表.xlsx", good_sub())
    [spring] = process_inbox(settings).answered
    assert spring.verdict == "通过"

    template = _template(tmp_path, settings.outbox)
    ws = load_workbook(template)[SHEET]
    assert [ws[f"{c}11"].value for c in "ABCD"] == ["产出指标", "数量指标", "法治讲座场次", "≥48场"]
    assert [ws[f"D{r}"].value for r in (12, 13)] == ["100%", "≥90%"]  # “=” left out: not a formula
    assert ws["B2"].value == "普法经费" and ws["B3"].value == "某市司法局" and ws["C5"].value == 600
    assert ws.protection.sheet and ws["D11"].protection.locked and ws["B2"].protection.locked
    meta = {r[0].value: r[1].value for r in load_workbook(template)["模板信息"].iter_rows()}
    assert (meta["template_id"], meta["year"], meta["department"]) == ("xmzc-jxzp", "2027", "某市司法局")
    assert not any(ws[ref].protection.locked for ref in FILLED)

    _fill(template, settings.inbox / "司法局_2027年绩效自评表.xlsx")
    [review] = process_inbox(settings).answered
    rows = ledger_rows(settings.ledger)
    report = Report.from_json(rows[1]["report_json"]).files[0]
    assert report.layout == "self-evaluation" and report.unit == "某市司法局" and report.year == 2027
    assert [(f.rule, f.location) for f in report.findings] == []
    assert review.verdict == "通过"
    assert rows[1]["previous_id"] is None  # not a resubmission of the target table
    text = letter_text(rows[1]["letter_path"])
    title, _, body = text.partition("\n\n")  # the title may break over lines
    assert title.replace("\n", "") == "关于《某市司法局2027年项目支出绩效自评表》的审核意见"
    assert "报送的《某市司法局2027年项目支出绩效自评表》" in body and "绩效运行监控" not in body
    assert "经复核，该表填报完整，执行率、得分和总分计算无误，复核结论为：通过。" in body

    # The unit lifts the protection, lowers a target and clears the 群众满意度 row.
    lowered = {"D11": "≥40场", "F5": 20, "H5": 19, "G14": 99, **{f"{c}13": None for c in "ABCDEFG"}}
    _fill(template, settings.inbox / "司法局_2027年绩效自评表（修改）.xlsx", lowered)
    [second] = process_inbox(settings).answered
    assert second.verdict == "退回修改"
    row = ledger_rows(settings.ledger)[2]
    report = Report.from_json(row["report_json"]).files[0]
    found = {(f.rule, f.location): f.message for f in report.findings}
    assert set(found) == {("target-changed", f"{SHEET}!D11"), ("target-approved", f"{SHEET}!B2"),
                          # the cleared row also leaves 满意度 without indicators and its 10 points moved
                          ("category-missing", f"{SHEET}!B2"), ("score-weights", f"{SHEET}!B2"),
                          ("score-weights", f"{SHEET}!F5")}
    assert "年度指标值“≥40场”与批复的目标“≥48场”不一致（目标表：司法局_2027年绩效目标表.xlsx）" in found[
        ("target-changed", f"{SHEET}!D11")]
    assert "批复的目标指标“群众满意度”（≥90%）在自评表中没有自评" in found[("target-approved", f"{SHEET}!B2")]
    assert "与批复的目标“≥48场”不一致" in letter_text(row["letter_path"])

    status = render_status(inbox_status(settings), settings)
    assert "其中（不含重复报送）：绩效目标表 1 份，绩效自评表 2 份" in status
    summary = load_workbook(settings.summary, read_only=True)["汇总"]
    kinds = [r[-1] for r in summary.iter_rows(min_row=3, values_only=True)][:-1]  # title, header; totals last
    assert kinds == ["绩效目标表", "绩效自评表", "绩效自评表"]


def test_blank_template_and_empty_ledger(tmp_path: Path) -> None:
    out = tmp_path / "自评.xlsx"
    result = CliRunner().invoke(cli, ["template", "--kind", "自评", "--year", "2027", "-o", str(out)])
    assert result.exit_code == 0 and out.exists()
    ws = load_workbook(out)["自评表1"]
    assert ws["A1"].value == "2027年度项目支出绩效自评表" and not ws["B2"].protection.locked
    settings = settings_for(tmp_path / "bot")
    process_inbox(settings)
    result = CliRunner().invoke(cli, ["template", "--kind", "自评", "--year", "2027", "--from-ledger",
                                      "--outbox", str(settings.outbox), "-o", str(tmp_path / "空")])
    assert result.exit_code == 0 and "台账中没有 2027 年审核通过的绩效目标表" in result.output


def test_validate_with_the_ledger(tmp_path: Path) -> None:
    """`validate --ledger` compares a self-evaluation with the approved targets, as the bot does."""
    settings = settings_for(tmp_path)
    write_sub(settings.inbox / "司法局_2027年绩效目标表.xlsx", good_sub())
    process_inbox(settings)
    filled = _fill(_template(tmp_path, settings.outbox), tmp_path / "自评.xlsx", {"D11": "≥40场"})
    runner = CliRunner()
    alone = runner.invoke(cli, ["validate", "-q", "--format", "json", str(filled)])
    compared = runner.invoke(cli, ["validate", "-q", "--format", "json", "--ledger", str(settings.ledger), str(filled)])
    assert alone.exit_code == 0 and compared.exit_code == 1
    rules_alone = [f.rule for f in Report.from_json(alone.output).files[0].findings]
    rules_compared = [f.rule for f in Report.from_json(compared.output).files[0].findings]
    assert rules_alone == ["target-approved"] and rules_compared == ["target-changed"]
