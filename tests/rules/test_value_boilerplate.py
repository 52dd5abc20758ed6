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
