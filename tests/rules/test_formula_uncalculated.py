from pathlib import Path

from helpers import check, good_sub, run_rule
from selfeval_builders import SelfProject, check_form, good_funds, good_indicators, save_cached, write_form

RULE = "formula-uncalculated"


def test_typed_values_and_saved_results_pass(tmp_path: Path) -> None:
    assert check_form(tmp_path, RULE, [SelfProject()]) == []
    funds = good_funds()
    funds[0] = ("年度资金总额", 100, 100, 95, 10, "=E5/D5", 9.5)
    path = save_cached(write_form(tmp_path / "f.xlsx", [SelfProject(funds=funds)]), {(1, "G5"): 0.95})
    assert run_rule(RULE, path) == []


def test_one_hint_for_the_whole_file(tmp_path: Path) -> None:
    funds = good_funds()
    funds[0] = ("年度资金总额", 100, 100, 95, 10, "=E5/D5", "=F5*G5")
    indicators = good_indicators()
    indicators[1].score = "=F12"
    projects = [SelfProject(funds=funds, indicators=indicators, total_score="=SUM(H5,G11:G15)"),
                SelfProject(name="法律援助", funds=funds)]
    [hint] = check_form(tmp_path, RULE, projects)
    assert hint.message.startswith("自评表1!G5、H5、G12、G16、自评表2!G5、H5是公式")
    assert (hint.sheet, hint.cell) == ("自评表1", "G5")


def test_many_cells_are_counted(tmp_path: Path) -> None:
    indicators = good_indicators()
    for ind in indicators:
        ind.score, ind.weight = "=1", "=1"
    [hint] = check_form(tmp_path, RULE, [SelfProject(indicators=indicators, total_score="=1", total_weight="=1")])
    assert "等 12 个单元格是公式" in hint.message


def test_target_tables_are_not_checked(tmp_path: Path) -> None:
    assert check(tmp_path, RULE, good_sub()) == []
