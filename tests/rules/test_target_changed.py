from pathlib import Path

from helpers import good_sub
from selfeval_builders import SelfProject, approved_indicators, check_form, run_in_context

RULE = "target-changed"


def test_same_targets_written_differently(tmp_path: Path) -> None:
    inds = approved_indicators()
    inds[0].target = "≥ 48 场"
    assert run_in_context(tmp_path, RULE, SelfProject(indicators=inds), good_sub()) == []


def test_changed_target(tmp_path: Path) -> None:
    inds = approved_indicators()
    inds[0].target = "≥40场"
    [f] = run_in_context(tmp_path, RULE, SelfProject(indicators=inds), good_sub())
    assert f.cell == "D11"
    assert "年度指标值“≥40场”与批复的目标“≥48场”不一致" in f.message and "目标表.xlsx" in f.message


def test_nothing_without_targets(tmp_path: Path) -> None:
    inds = approved_indicators()
    inds[0].target = "≥40场"
    assert run_in_context(tmp_path, RULE, SelfProject(indicators=inds), None) == []
    assert check_form(tmp_path, RULE, [SelfProject(indicators=inds)]) == []
