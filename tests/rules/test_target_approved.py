from pathlib import Path

from helpers import good_sub, run_rule, write_sub
from selfeval_builders import Scored, SelfProject, approved_indicators, check_form, run_in_context

RULE = "target-approved"


def test_same_indicators(tmp_path: Path) -> None:
    assert run_in_context(tmp_path, RULE, SelfProject(indicators=approved_indicators()), good_sub()) == []


def test_dropped_and_added(tmp_path: Path) -> None:
    inds = approved_indicators()
    inds[2] = Scored("产出指标", "数量指标", "宣传册发放数量", "≥1000册", "1200册", 10, 10)
    findings = run_in_context(tmp_path, RULE, SelfProject(indicators=inds), good_sub())
    assert len(findings) == 2
    dropped, added = findings if "批复的目标指标" in findings[0].message else findings[::-1]
    assert "批复的目标指标“群众满意度”（≥90%）在自评表中没有自评（目标表：目标表.xlsx）" in dropped.message
    assert dropped.cell == "B2" and dropped.project == "普法经费"
    assert "指标“宣传册发放数量”不在批复的目标表" in added.message and added.cell == "C13"


def test_no_approved_table_one_note(tmp_path: Path) -> None:
    [note] = run_in_context(tmp_path, RULE, SelfProject(), None)
    assert "台账中没有某市司法局2027年项目“普法经费”审核通过的绩效目标表" in note.message
    other_unit = good_sub()
    other_unit.department = "某市公安局"
    [note] = run_in_context(tmp_path, RULE, SelfProject(), other_unit)
    assert "未能对照批复目标" in note.message


def test_without_a_ledger_one_note(tmp_path: Path) -> None:
    [note] = check_form(tmp_path, RULE, [SelfProject()])
    assert "没有对照已批复的绩效目标表" in note.message and note.cell == "B2"


def test_target_tables_are_not_checked(tmp_path: Path) -> None:
    assert run_rule(RULE, write_sub(tmp_path / "t.xlsx", good_sub())) == []
