"""Formula cells of a self-evaluation (执行率 = 全年执行数/全年预算数, 得分 = 分值×执行率, 总分 = SUM)
are checked by the result the file saved, i.e. what the unit sees in Excel/WPS, and the
finding says the cell is a formula. Real .xlsx: formulas written by openpyxl, the saved
results put where Excel puts them (`save_cached`)."""

from __future__ import annotations

from pathlib import Path

from helpers import run_rule
from openpyxl import load_workbook
from selfeval_builders import SelfProject, good_funds, good_indicators, save_cached, write_form

from validator.config.loader import load_config
from validator.engine import validate_file


def _formula_form(tmp_path: Path, *, start: object = 100, total: str = "=SUM(H5,G11:G15)") -> Path:
    funds = good_funds()
    funds[0] = ("年度资金总额", start, 100, 95, 10, "=E5/D5" if start == 100 else "=E5/C5", "=F5*G5")
    path = write_form(tmp_path / "自评表.xlsx", [SelfProject(funds=funds, total_score=total)])
    book = load_workbook(path)
    book.worksheets[0]["G5"].number_format = "0.00%"  # as the forms show an execution rate
    book.save(path)
    return path


def test_right_formulas_with_saved_results_pass(tmp_path: Path) -> None:
    path = save_cached(_formula_form(tmp_path), {(1, "G5"): 0.95, (1, "H5"): 9.5, (1, "G16"): 96.5})
    report = validate_file(path, load_config())
    assert [f for f in report.findings if f.rule in ("execution-rate", "score-total", "formula-uncalculated")] == []


def test_a_wrong_formula_is_reported_by_its_saved_result(tmp_path: Path) -> None:
    # 执行率 divides by 年初预算数 (C5 = 90) instead of 全年预算数 (D5 = 100): 95/90 shows 105.56%
    path = save_cached(_formula_form(tmp_path, start=90), {(1, "G5"): 95 / 90, (1, "H5"): 950 / 90, (1, "G16"): 96.5})
    rate, score = run_rule("execution-rate", path)
    assert (rate.sheet, rate.cell) == ("自评表1", "G5")
    assert "执行率公式算得“105.56%”" in rate.message and "应为 95.00%" in rate.message
    assert "G5 为公式 =E5/C5，按文件中保存的计算结果核对" in rate.message
    assert score.cell == "H5" and "预算执行率得分公式算得 10.56 分" in score.message and "=F5*G5" in score.message


def test_a_total_formula_that_leaves_out_a_score(tmp_path: Path) -> None:
    path = save_cached(_formula_form(tmp_path, total="=SUM(G11:G15)"), {(1, "G5"): 0.95, (1, "H5"): 9.5, (1, "G16"): 87})
    total, grade = run_rule("score-total", path)
    assert grade.cell == "F17" and "总分 87 对应的等级是“良”" in grade.message  # the total as the unit sees it
    assert total.cell == "G16"
    assert "总分公式算得 87，各项得分合计为 96.5" in total.message and "G16 为公式 =SUM(G11:G15)" in total.message
    assert "漏加" in (total.suggestion or "")


def test_an_indicator_score_formula(tmp_path: Path) -> None:
    indicators = good_indicators()
    indicators[0].score = "=F11*0.8"  # 50场 against ≥48场 is met: full marks, not 16
    path = save_cached(write_form(tmp_path / "自评表.xlsx", [SelfProject(indicators=indicators, total_score=88.5)]),
                       {(1, "G11"): 16})
    [f] = run_rule("indicator-score", path)
    assert f.cell == "G11" and "应得满分 20，得分写为 16" in f.message and "G11 为公式 =F11*0.8" in f.message


def test_formulas_without_saved_results_one_hint_and_no_guess(tmp_path: Path) -> None:
    path = _formula_form(tmp_path, start=90)  # wrong, but nothing saved shows it
    report = validate_file(path, load_config())
    assert [f for f in report.findings if f.rule in ("execution-rate", "score-total", "indicator-score")] == []
    [hint] = [f for f in report.findings if f.rule == "formula-uncalculated"]
    assert hint.severity.value == "warning" and (hint.sheet, hint.cell) == ("自评表1", "G5")
    assert hint.message.startswith("自评表1!G5、H5、G16是公式，但文件中没有保存计算结果")
    assert "重新计算" in (hint.suggestion or "") and "保存" in (hint.suggestion or "")


def test_both_readers_see_the_saved_result(tmp_path: Path) -> None:
    from validator.reader import read_submission

    path = save_cached(_formula_form(tmp_path), {(1, "G5"): 0.95})
    for engine in ("calamine", "openpyxl"):
        [ev] = read_submission(path, engine=engine).evaluations
        line = ev.funds[0]
        assert line.rate is not None and line.rate.formula == "=E5/D5" and line.rate.cached == 0.95, engine
        assert line.score is not None and line.score.cached is None, engine


def test_a_total_weight_formula(tmp_path: Path) -> None:
    path = save_cached(write_form(tmp_path / "自评表.xlsx", [SelfProject(total_weight="=SUM(F11:F15)")]),
                       {(1, "F16"): 90})  # leaves out the 10 points of 预算执行率
    [f] = run_rule("score-weights", path)
    assert f.cell == "F16" and "总分一行的分值写为 90，各项分值合计为 100" in f.message
    assert "F16 为公式 =SUM(F11:F15)" in f.message
