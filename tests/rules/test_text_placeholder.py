from pathlib import Path

import pytest
from helpers import cells, check, good_sub


def test_real_text(tmp_path: Path) -> None:
    assert check(tmp_path, "text-placeholder", good_sub()) == []


@pytest.mark.parametrize("name", ["XXX场次", "待定", "请填写指标名称", "示例：法治讲座场次", "××覆盖率"])
def test_placeholder_indicator_names(tmp_path: Path, name: str) -> None:
    sub = good_sub()
    sub.indicators[0] = ("普法经费", "产出指标", "数量指标", name, "≥", "48", "场", "")
    assert cells(check(tmp_path, "text-placeholder", sub)) == [("绩效指标", "D4")]


def test_placeholder_goal_and_custom_patterns(tmp_path: Path) -> None:
    sub = good_sub()
    sub.projects[0] = (*sub.projects[0][:6], "请填写绩效目标")
    assert cells(check(tmp_path, "text-placeholder", sub)) == [("项目信息", "G4")]
    assert check(tmp_path, "text-placeholder", sub, patterns=["TBD"]) == []


def test_invalid_pattern_is_a_configuration_error() -> None:
    from validator.config.loader import ConfigError, parse_config

    with pytest.raises(ConfigError, match="规则 text-placeholder 的选项 patterns：“\\(未闭合”不是有效的正则表达式"):
        parse_config("rules:\n  text-placeholder:\n    patterns: ['(未闭合']\n")
