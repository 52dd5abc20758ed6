from pathlib import Path

from helpers import cells, check, good_sub
from selfeval_builders import GOAL_ACTUAL, SelfProject, check_form, check_self_rowwise, good_funds

RULE = "execution-rate"


def _funds(**total: object) -> list[tuple[object, ...]]:
    funds = good_funds()
    line = dict(zip(("label", "start", "budget", "executed", "weight", "rate", "score"), funds[0], strict=True))
    line.update(total)
    funds[0] = tuple(line.values())
    return funds


def test_good_form_and_export(tmp_path: Path) -> None:
    assert check_form(tmp_path, RULE, [SelfProject()]) == []
    assert check_self_rowwise(tmp_path, RULE, [SelfProject()]) == []


def test_target_tables_are_not_checked(tmp_path: Path) -> None:
    assert check(tmp_path, RULE, good_sub()) == []


def test_rate_wrong(tmp_path: Path) -> None:
    [f] = check_form(tmp_path, RULE, [SelfProject(funds=_funds(rate="90%"))])
    assert cells([f]) == [("自评表1", "G5")]
    assert "执行率写为“90%”" in f.message and "应为 95.00%" in f.message and f.project == "普法经费"


def test_rate_as_fraction_and_tolerance(tmp_path: Path) -> None:
    assert check_form(tmp_path, RULE, [SelfProject(funds=_funds(rate=0.95))]) == []
    assert check_form(tmp_path, RULE, [SelfProject(funds=_funds(rate="95.3%"))]) != []
    assert check_form(tmp_path, RULE, [SelfProject(funds=_funds(rate="95.3%"))], rate_tolerance=0.5) == []


def test_score_wrong_in_export(tmp_path: Path) -> None:
    [f] = check_self_rowwise(tmp_path, RULE, [SelfProject(funds=_funds(score=10))])
    assert "得分写为 10 分" in f.message and "应为 9.5 分" in f.message
    assert f.cell is not None and f.cell.startswith("I")


def test_over_budget_capped_and_explained(tmp_path: Path) -> None:
    over = _funds(executed=120, rate="120%", score=10)
    [f] = check_form(tmp_path, RULE, [SelfProject(funds=over)])
    assert cells([f]) == [("自评表1", "E5")] and "超过全年预算数 100" in f.message
    explained = SelfProject(funds=over, goal_actual=GOAL_ACTUAL + "年中追加预算20万元。")
    assert check_form(tmp_path, RULE, [explained]) == []
