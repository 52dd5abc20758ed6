from pathlib import Path

from helpers import cells, check, good_sub


def test_all_three_categories(tmp_path: Path) -> None:
    assert check(tmp_path, "category-missing", good_sub()) == []


def test_missing_benefit(tmp_path: Path) -> None:
    sub = good_sub()
    del sub.indicators[1]
    findings = check(tmp_path, "category-missing", sub)
    assert cells(findings) == [("项目信息", "A4")]
    assert "效益指标" in findings[0].message


def test_aliases_count(tmp_path: Path) -> None:
    sub = good_sub()
    sub.indicators = [
        ("普法经费", "产出指标(50分)", "数量指标", "讲座场次", "≥", "48", "场", ""),
        ("普法经费", "效果指标", "社会效益指标", "覆盖率", "=", "100", "%", ""),
        ("普法经费", "社会公众或服务对象满意度指标", "服务对象满意度指标", "满意度", "≥", "90", "%", ""),
    ]
    assert check(tmp_path, "category-missing", sub) == []


def test_cost_can_be_required(tmp_path: Path) -> None:
    findings = check(tmp_path, "category-missing", good_sub(), required=["产出", "成本", "效益", "满意度"])
    assert [f.message for f in findings] == ["项目缺少“成本指标”类绩效指标。"]
