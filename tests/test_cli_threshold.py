"""`validator threshold`: the parser from the command line, text and JSON."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from validator.cli import cli


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["threshold", *args])
    return result.exit_code, result.output


@pytest.mark.parametrize("args, expected", [
    (["95%以上"], {"kind": "quantitative", "parts": [{"op": "≥", "value": 95, "unit": "%"}],
                  "normalized": "≥95%", "notes": ["“95%以上”按≥95%理解"]}),
    (["≥95", "--name", "合格率（%）"], {"kind": "quantitative", "parts": [{"op": "≥", "value": 95, "unit": "%"}],
                                    "normalized": "≥95%", "notes": ["单位“%”取自指标名称"]}),
    (["8", "--unit", "小时"], {"kind": "quantitative", "parts": [{"op": "=", "value": 8, "unit": "小时"}],
                             "normalized": "=8小时", "notes": ["单位“小时”取自计量单位列", "未写比较符号，按“=”理解"]}),
    (["低于0.01%"], {"kind": "quantitative", "parts": [{"op": "<", "value": 0.01, "unit": "%"}],
                   "normalized": "<0.01%", "notes": ["“低于0.01%”按<0.01%理解"]}),
    (["完成"], {"kind": "qualitative", "parts": [], "normalized": "完成", "notes": ["定性表述，没有可度量的数值"]}),
])
def test_json_contract(args: list[str], expected: dict) -> None:
    code, output = run(*args, "--json")
    assert code == 0
    data = json.loads(output)
    assert data.pop("verdict")["level"] in ("fine", "hint")
    assert data == expected


@pytest.mark.parametrize(("args", "level", "rules"), [
    (["≥95%", "--name", "合格率"], "fine", []),
    (["95%", "--name", "合格率"], "hint", ["threshold-no-operator"]),
    (["≥100%", "--name", "逾期发放率"], "hint", ["direction-mismatch"]),
    (["工5%", "--name", "验收合格率"], "hint", ["threshold-unread"]),
    (["效果明显", "--name", "对维护基建市场公平的影响程度"], "fine", []),
    (["完成", "--name", "培训场次"], "hint", ["threshold-qualitative"]),
    (["待定"], "error", ["threshold-malformed"]),
])
def test_json_verdict(args: list[str], level: str, rules: list[str]) -> None:
    verdict = json.loads(run(*args, "--json")[1])["verdict"]
    assert verdict["level"] == level and [f["rule"] for f in verdict["findings"]] == rules


def test_text_output_explains_the_verdict() -> None:
    code, output = run("95%", "--name", "验收合格率")
    assert code == 0
    assert "审核结论：提示" in output
    assert "[提示] threshold-no-operator：指标值未写比较方向（下限、上限还是固定值）。" in output
    assert "建议：此类指标一般设下限（不少于），请在数值前加“≥”" in output
    assert "审核结论：通过" in run("≥95%", "--name", "验收合格率")[1]


def test_json_value_types() -> None:
    data = json.loads(run("1.5万人次", "--json")[1])
    assert set(data) >= {"kind", "parts", "normalized", "notes"}
    assert isinstance(data["parts"][0]["value"], int) and data["parts"][0]["value"] == 15000
    assert isinstance(json.loads(run("≤0.5秒", "--json")[1])["parts"][0]["value"], float)


def test_json_compound_has_labels() -> None:
    data = json.loads(run("处级≥110学分，科级≥90学分", "--json")[1])
    assert [(p["label"], p["op"], p["value"], p["unit"]) for p in data["parts"]] == [
        ("处级", "≥", 110, "学分"), ("科级", "≥", 90, "学分")]


def test_malformed_exits_1_with_suggestion() -> None:
    code, output = run("≥≥95%", "--json")
    data = json.loads(output)
    assert code == 1
    assert (data["kind"], data["parts"], data["normalized"], data["suggestion"]) == ("malformed", [], "", "≥95%")


def test_text_output_is_chinese() -> None:
    code, output = run("24小时内", "--name", "故障排除速度")
    assert code == 0
    assert output.splitlines()[:3] == ["类型：定量", "规范写法：≤24小时", "目标：≤ 24  单位：小时"]
    assert "“24小时内”按≤24小时理解" in output


def test_text_output_malformed_and_remark() -> None:
    assert "建议改为：≥95%" in run("≥≥95%")[1]
    assert "建议：请填写具体的目标值" in run("待定")[1]
    assert "附带说明：如未发生则视为完成" in run("100%，如未发生则视为完成")[1]


def test_direction_option() -> None:
    data = json.loads(run("95", "--direction", "正向", "--unit", "%", "--json")[1])
    assert data["normalized"] == "≥95%"


def test_help_is_chinese() -> None:
    code, output = run("--help")
    assert code == 0 and "解析一个年度指标值" in output and "--json" in output
