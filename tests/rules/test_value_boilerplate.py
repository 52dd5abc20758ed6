from pathlib import Path

from helpers import cells, check, good_sub

RULE = "value-boilerplate"


def _repeated(values: list[str]) -> object:
    sub = good_sub()
    sub.indicators = [("普法经费", "产出指标", "质量指标", f"指标{i}", None, v, None, "")
                      for i, v in enumerate(values, start=1)]
    sub.indicators.append(("普法经费", "满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "%", ""))
    return sub


def test_varied_values(tmp_path: Path) -> None:
    assert check(tmp_path, RULE, good_sub()) == []
    assert check(tmp_path, RULE, _repeated(["100%", "100%", "≥95%", "<24小时"])) == []


def test_same_value_on_most_indicators(tmp_path: Path) -> None:
    """4 of 6 is below the default share; 4 of 5 (without the ≥95%) reaches it."""
    assert check(tmp_path, RULE, _repeated(["100%", "100%", "≥95%", "100%", "100%"])) == []
    findings = check(tmp_path, RULE, _repeated(["100%", "100%", "100%", "100%"]))
    assert cells(findings) == [("绩效指标", "F4")]
    assert findings[0].message == "本项目 5 条指标中有 4 条的指标值都是“100%”，像是套用的固定值。"


def test_options(tmp_path: Path) -> None:
    sub = _repeated(["100%", "100%", "100%", "100%"])
    assert check(tmp_path, RULE, sub, share=0.9) == []
    assert check(tmp_path, RULE, sub, min_count=5) == []
    assert len(check(tmp_path, RULE, _repeated(["100%", "100%"]), min_count=2, share=0.6)) == 1


def _outcomes(rows: list[tuple[str, str]]) -> object:
    sub = good_sub()
    sub.indicators = [("普法经费", "效益指标", "社会效益指标", name, None, value, None, "") for name, value in rows]
    return sub


def test_the_same_percentage_on_unmeasurable_outcomes(tmp_path: Path) -> None:
    sub = _outcomes([("维护社会稳定", "≥95%"), ("保护生态环境卫生", "≥95%"), ("促进法治经济发展", "≥95%"),
                     ("法治讲座场次", "≥48场"), ("群众满意度", "≥95%")])
    findings = check(tmp_path, RULE, sub)
    assert cells(findings) == [("绩效指标", "F4"), ("绩效指标", "F5"), ("绩效指标", "F6")]
    assert findings[0].message == ("“维护社会稳定”是无法用百分比衡量的效果，指标值“≥95%”与本项目另外 3 条"
                                   "指标相同，像是套用的固定值。")


def test_outcomes_with_their_own_values_or_measurable_names(tmp_path: Path) -> None:
    assert check(tmp_path, RULE, _outcomes([("维护社会稳定", "≥95%"), ("促进法治经济发展", "效果明显"),
                                            ("法治讲座场次", "≥48场")])) == []
    assert check(tmp_path, RULE, _outcomes([("矛盾纠纷调处成功率", "≥95%"), ("促进就业人数", "≥95%"),
                                            ("群众满意度", "≥95%"), ("法治讲座场次", "≥48场"),
                                            ("故障响应时间", "≤24小时")])) == []


def test_full_rates_are_not_boilerplate(tmp_path: Path) -> None:
    sub = _outcomes([("任务完成率", "100%"), ("验收合格率", "100%"), ("资金到位率", "100%"), ("按时发放率", "100%")])
    assert check(tmp_path, RULE, sub) == []
