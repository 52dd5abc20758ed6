"""The value parser: every way a 年度指标值 is written, and every value of the 2023 seed table."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from seed import SEED, seed_indicators

from validator.values.threshold import (
    Part,
    Threshold,
    date_serial_value,
    direction_op,
    format_decimal,
    is_date_format,
    is_date_serial,
    is_percent_format,
    parse_threshold,
    threshold_to_json,
)


def P(op: str, value: str, unit: str | None = None, label: str | None = None) -> Part:
    return Part(op, Decimal(value), unit, label)


# --- the forms of DOMAIN.md §4 ---------------------------------------------------------

FORMS: list[tuple[Any, dict[str, Any], str, str]] = [
    # symbols, half and full width, ASCII spellings
    ("≥95%", {}, "quantitative", "≥95%"),
    ("≤5%", {}, "quantitative", "≤5%"),
    ("=100%", {}, "quantitative", "=100%"),
    (">95%", {}, "quantitative", ">95%"),
    ("<24小时", {}, "quantitative", "<24小时"),
    ("＞95%", {}, "quantitative", ">95%"),
    ("＜48小时", {}, "quantitative", "<48小时"),
    ("＝100%", {}, "quantitative", "=100%"),
    ("≧90％", {}, "quantitative", "≥90%"),
    ("≦3天", {}, "quantitative", "≤3天"),
    (">=95%", {}, "quantitative", "≥95%"),
    ("<=2小时", {}, "quantitative", "≤2小时"),
    ("≥ 95 %", {}, "quantitative", "≥95%"),
    # operator words before the number
    ("不少于4个", {}, "quantitative", "≥4个"),
    ("不低于90%", {}, "quantitative", "≥90%"),
    ("至少3次", {}, "quantitative", "≥3次"),
    ("达到98%", {}, "quantitative", "≥98%"),
    ("大于等于85%", {}, "quantitative", "≥85%"),
    ("不超过5%", {}, "quantitative", "≤5%"),
    ("不高于3%", {}, "quantitative", "≤3%"),
    ("小于等于2天", {}, "quantitative", "≤2天"),
    ("大于90%", {}, "quantitative", ">90%"),
    ("高于80%", {}, "quantitative", ">80%"),
    ("超过1000人次", {}, "quantitative", ">1000人次"),
    ("小于1%", {}, "quantitative", "<1%"),
    ("低于0.01%", {}, "quantitative", "<0.01%"),
    ("少于3起", {}, "quantitative", "<3起"),
    ("等于100%", {}, "quantitative", "=100%"),
    ("为0", {}, "quantitative", "=0"),
    ("控制在5%以内", {}, "quantitative", "≤5%"),
    # operator words after the number
    ("95%以上", {}, "quantitative", "≥95%"),
    ("90%及以上", {}, "quantitative", "≥90%"),
    ("95%(含)以上", {}, "quantitative", "≥95%"),
    ("24小时内", {}, "quantitative", "≤24小时"),
    ("3个工作日以内", {}, "quantitative", "≤3工作日"),
    ("5%以下", {}, "quantitative", "≤5%"),
    ("3个月内完成", {}, "quantitative", "≤3月"),
    # bare values take bare_op
    ("100%", {}, "quantitative", "=100%"),
    ("10辆", {}, "quantitative", "=10辆"),
    ("100%", {"bare_op": "≥"}, "quantitative", "≥100%"),
    # numbers: thousands separators, full-width digits, decimals, Chinese numerals, multipliers
    ("≥1,000人次", {}, "quantitative", "≥1000人次"),
    ("≥9,486.23万元", {}, "quantitative", "≥94862300元"),
    ("１２，３４５人", {}, "quantitative", "=12345人"),
    ("≥９５％", {}, "quantitative", "≥95%"),
    ("≤0.5秒", {}, "quantitative", "≤0.5秒"),
    ("十分钟", {}, "quantitative", "=10分钟"),
    ("二十个", {}, "quantitative", "=20个"),
    ("不少于一百二十人", {}, "quantitative", "≥120人"),
    ("1.5万人次", {}, "quantitative", "=15000人次"),
    ("3亿元", {}, "quantitative", "=300000000元"),
    ("≥50万元", {}, "quantitative", "≥500000元"),
    ("百分之九十五", {}, "quantitative", "=95%"),
    # units fused into the value, aliases, per-units and alternatives
    ("≥400平方米", {}, "quantitative", "≥400平方米"),
    ("≥98百分比", {}, "quantitative", "≥98%"),
    ("≤2h", {}, "quantitative", "≤2小时"),
    ("≤5s", {}, "quantitative", "≤5秒"),
    ("≤30min", {}, "quantitative", "≤30分钟"),
    ("≤3日", {}, "quantitative", "≤3天"),
    ("≥5TB", {}, "quantitative", "≥5TB"),
    ("≥100个/秒", {}, "quantitative", "≥100个/秒"),
    ("≥100000次/年", {}, "quantitative", "≥100000次/年"),
    ("≥20次（件）", {}, "quantitative", "≥20次"),
    # units from the unit column or the indicator name
    ("≥95", {"name": "合格率（%）"}, "quantitative", "≥95%"),
    ("8", {"name": "时间（小时）"}, "quantitative", "=8小时"),
    ("95", {"unit": "百分比"}, "quantitative", "=95%"),
    ("≥3", {"unit": "个"}, "quantitative", "≥3个"),
    ("≥95%", {"name": "合格率（%）"}, "quantitative", "≥95%"),
    # direction cells
    ("95", {"direction": "大于等于", "unit": "%"}, "quantitative", "≥95%"),
    ("95", {"direction": "≥"}, "quantitative", "≥95"),
    ("3", {"direction": "反向", "unit": "天"}, "quantitative", "≤3天"),
    ("100", {"direction": "等于", "unit": "%"}, "quantitative", "=100%"),
    ("≤5%", {"direction": "正向"}, "quantitative", "≤5%"),
    # ranges: one target with two bounds
    ("90%-95%", {}, "quantitative", "≥90%且≤95%"),
    ("5-10个", {}, "quantitative", "≥5个且≤10个"),
    ("3至5天", {}, "quantitative", "≥3天且≤5天"),
    # values that embed the indicator
    ("处理时间小于十分钟", {}, "quantitative", "<10分钟"),
    ("监区内罪犯三大现场监控覆盖率达100%", {}, "quantitative", "≥100%"),
    ("监狱重大安全事故案件发生率为0", {}, "quantitative", "=0"),
    ("建成安防系统13个", {}, "quantitative", "=13个"),
    ("广州普法抖音号推送250条", {}, "quantitative", "=250条"),
    ("2023年完成工程进度100%", {}, "quantitative", "=100%"),
    ("22个镇街", {}, "quantitative", "=22个"),
    ("100%覆盖", {}, "quantitative", "=100%"),
    ("每年1次", {}, "quantitative", "=1次"),
    # compound values
    ("处级≥110学分，科级≥90学分", {}, "quantitative", "处级≥110学分；科级≥90学分"),
    ("处级≥110学分 科级≥90学分", {}, "quantitative", "处级≥110学分；科级≥90学分"),
    ("《说法》10期，《普法名师大讲堂》6期", {}, "quantitative", "《说法》=10期；《普法名师大讲堂》=6期"),
    ("城区≤15分钟；郊区≤30分钟", {}, "quantitative", "城区≤15分钟；郊区≤30分钟"),
    # remarks glued after the value
    ("100%，如未发生需要拨付国家赔偿金的情况，则以我局已完成该项目指标认定", {}, "quantitative", "=100%"),
    ("≥95%（含线上服务）", {}, "quantitative", "≥95%"),
    ("≥95%，其中重点人群100%", {}, "quantitative", "≥95%"),
    # qualitative
    ("完成", {}, "qualitative", "完成"),
    ("优良", {}, "qualitative", "优良"),
    ("及时", {}, "qualitative", "及时"),
    ("有效提升", {}, "qualitative", "有效提升"),
    ("显著改善", {}, "qualitative", "显著改善"),
    ("办公区域全覆盖", {}, "qualitative", "办公区域全覆盖"),
    ("五省一自治区", {}, "qualitative", "五省一自治区"),
    ("一次性通过验收", {}, "qualitative", "一次性通过验收"),
    ("十分满意", {}, "qualitative", "十分满意"),
    ("7×24小时", {}, "qualitative", "7×24小时"),
    ("通过ISO9001认证", {}, "qualitative", "通过ISO9001认证"),
    ("不低于上年水平", {}, "qualitative", "不低于上年水平"),
    ("2023年12月31日前完成", {}, "qualitative", "2023年12月31日前完成"),
    ("12月底前", {}, "qualitative", "12月底前"),
    # malformed
    (None, {}, "malformed", ""),
    ("", {}, "malformed", ""),
    ("   ", {}, "malformed", ""),
    ("待定", {}, "malformed", ""),
    ("同上", {}, "malformed", ""),
    ("/", {}, "malformed", ""),
    ("XX%", {}, "malformed", ""),
    ("≥XX%", {}, "malformed", ""),
    ("≥", {}, "malformed", ""),
    ("不少于", {}, "malformed", ""),
    ("≥≥95%", {}, "malformed", ""),
    (">=<", {}, "malformed", ""),
    (">=<95", {}, "malformed", ""),
    ("≥95%以下", {}, "malformed", ""),
    ("≥95%%", {}, "malformed", ""),
    ("abc", {}, "malformed", ""),
    ("???", {}, "malformed", ""),
    (True, {}, "malformed", ""),
]


@pytest.mark.parametrize("value, kwargs, kind, normalized", FORMS)
def test_forms(value: Any, kwargs: dict[str, Any], kind: str, normalized: str) -> None:
    result = parse_threshold(value, **kwargs)
    assert (result.kind, result.normalized) == (kind, normalized), result.notes


# --- structure of the parts ------------------------------------------------------------

PARTS: list[tuple[str, dict[str, Any], tuple[Part, ...]]] = [
    ("95%以上", {}, (P("≥", "95", "%"),)),
    ("1.5万人次", {}, (P("=", "15000", "人次"),)),
    ("≥-5%", {}, (P("≥", "-5", "%"),)),
    ("处理时间小于十分钟", {}, (P("<", "10", "分钟", "处理时间"),)),
    ("处级≥110学分，科级≥90学分", {}, (P("≥", "110", "学分", "处级"), P("≥", "90", "学分", "科级"))),
    ("《说法》10期，《普法名师大讲堂》6期", {},
     (P("=", "10", "期", "《说法》"), P("=", "6", "期", "《普法名师大讲堂》"))),
    ("≥8", {"name": "每月服务时间（小时）"}, (P("≥", "8", "小时"),)),
    ("≥100", {}, (P("≥", "100", None),)),
]


@pytest.mark.parametrize("value, kwargs, parts", PARTS)
def test_parts(value: str, kwargs: dict[str, Any], parts: tuple[Part, ...]) -> None:
    assert parse_threshold(value, **kwargs).parts == parts


@pytest.mark.parametrize("value, compound, is_range", [
    ("处级≥110学分，科级≥90学分", True, False),
    ("90%-95%", False, True),
    ("≥95%", False, False),
])
def test_compound_and_range(value: str, compound: bool, is_range: bool) -> None:
    result = parse_threshold(value)
    assert (result.compound, result.is_range) == (compound, is_range)


@pytest.mark.parametrize("value, remark", [
    ("100%，如未发生需要拨付国家赔偿金的情况，则以我局已完成该项目指标认定。如有发生，则按实际发生情况进行考核",
     "如未发生需要拨付国家赔偿金的情况，则以我局已完成该项目指标认定。如有发生，则按实际发生情况进行考核"),
    ("≥95%（含线上服务）", "（含线上服务）"),
    ("100%，如发生2次以上则另行考核", "如发生2次以上则另行考核"),
    ("≥95%", None),
    ("处级≥110学分，科级≥90学分", None),
])
def test_remark(value: str, remark: str | None) -> None:
    assert parse_threshold(value).remark == remark


@pytest.mark.parametrize("value, kwargs, source", [
    ("≥95%", {}, "value"),
    ("≥95", {"unit": "%"}, "column"),
    ("≥95", {"name": "合格率（%）"}, "name"),
    ("≥95", {"unit": "%", "name": "时长（小时）"}, "column"),
    ("≥95", {}, None),
    ("完成", {"unit": "%"}, None),
])
def test_unit_source(value: str, kwargs: dict[str, Any], source: str | None) -> None:
    assert parse_threshold(value, **kwargs).unit_source == source


# --- notes -----------------------------------------------------------------------------

@pytest.mark.parametrize("value, kwargs, note", [
    ("95%以上", {}, "“95%以上”按≥95%理解"),
    ("24小时内", {}, "“24小时内”按≤24小时理解"),
    ("≥95", {"name": "合格率（%）"}, "单位“%”取自指标名称"),
    ("95", {"unit": "%"}, "单位“%”取自计量单位列"),
    ("100%", {}, "未写比较符号，按“=”理解"),
    ("95", {"direction": "正向"}, "未写比较符号，按指标方向“正向”取“≥”"),
    ("≥95%", {"unit": "小时"}, "指标值单位“%”与计量单位列中的单位“小时”不一致，以指标值为准"),
    ("≤5s", {}, "“≤5s”按≤5秒理解"),
    ("22个镇街", {}, "数值后的文字“镇街”未计入单位"),
    ("建成安防系统13个", {}, "指标值中含文字“建成安防系统”，目标值取“=13个”"),
    ("监区内罪犯三大现场监控覆盖率达100%", {}, "“达100%”按≥100%理解"),
    ("100%，如未发生则视为完成", {}, "目标值后附有说明文字，已与目标值分开"),
    ("处级≥110学分，科级≥90学分", {}, "指标值含2个目标"),
    ("完成", {}, "定性表述，没有可度量的数值"),
    ("95", {"direction": "奇怪"}, "指标方向“奇怪”无法识别，已忽略"),
])
def test_notes(value: str, kwargs: dict[str, Any], note: str) -> None:
    assert note in parse_threshold(value, **kwargs).notes


def test_notes_are_chinese() -> None:
    for value in ("≥≥95%", "95%以上", "待定", "XX%", "完成", "abc", "≥"):
        for note in parse_threshold(value).notes:
            assert re.search(r"[\u4e00-\u9fff]", note), note


# --- malformed values and their suggestions --------------------------------------------

@pytest.mark.parametrize("value, suggestion", [
    ("≥≥95%", "≥95%"),
    (">>90%", ">90%"),
    ("≥=95%", "≥95%"),
    ("≥95%%", "≥95%"),
    (">=<95", "请只保留一个比较符号，如“≥95%”或“≤95%”"),
    ("XX%", "请将“XX”替换为具体数值，如“≥95%”"),
    ("≥", "请在“≥”后填写数值，如“≥95%”"),
    ("待定", "请填写具体的目标值，如“≥95%”"),
    (None, "请填写年度指标值，如“≥95%”或“≥10个”"),
])
def test_suggestions(value: Any, suggestion: str) -> None:
    result = parse_threshold(value)
    assert result.kind == "malformed"
    assert result.suggestion == suggestion


# --- numeric cells: percentages, date serials ------------------------------------------

@pytest.mark.parametrize("raw, fmt, normalized", [
    (0.95, "0%", "=95%"),
    (0.955, "0.00%", "=95.5%"),
    (1, "0%", "=100%"),
    (0.1 + 0.2, "0%", "=30%"),
    (0.95, "General", "=0.95"),
    (95, None, "=95"),
    (Decimal("95.50"), None, "=95.5"),
])
def test_numeric_cells(raw: Any, fmt: str | None, normalized: str) -> None:
    result = parse_threshold(raw, number_format=fmt)
    assert result.normalized == normalized
    assert result.percent_cell == ("%" in (fmt or ""))


def test_percent_cell_note() -> None:
    assert "单元格存储为0.95、以百分比格式显示，按95%理解" in parse_threshold(0.95, number_format="0%").notes


@pytest.mark.parametrize("raw, kwargs, when", [
    (44561, {}, date(2021, 12, 31)),
    (44561, {"name": "项目完成时间"}, date(2021, 12, 31)),
    (44561.0, {"number_format": "yyyy-mm-dd"}, date(2021, 12, 31)),
    ("44561", {}, date(2021, 12, 31)),
    (20231231, {}, date(2023, 12, 31)),
    ("20231231", {}, date(2023, 12, 31)),
    (datetime(2023, 6, 30, 0, 0), {}, date(2023, 6, 30)),
    (date(2023, 6, 30), {}, date(2023, 6, 30)),
])
def test_date_serials(raw: Any, kwargs: dict[str, Any], when: date) -> None:
    result = parse_threshold(raw, **kwargs)
    assert (result.kind, result.is_date_serial, result.date_value) == ("malformed", True, when)
    assert result.suggestion == f"{when.year}年{when.month}月{when.day}日前完成"


@pytest.mark.parametrize("raw, kwargs", [
    (44561, {"name": "培训人数"}),
    (44561, {"unit": "人次"}),
    ("44561人次", {}),
    (20230000, {}),
    (2023, {}),
    (0.95, {"number_format": "0%"}),
])
def test_not_date_serials(raw: Any, kwargs: dict[str, Any]) -> None:
    result = parse_threshold(raw, **kwargs)
    assert result.kind == "quantitative" and not result.is_date_serial


@pytest.mark.parametrize("raw, fmt, name, expected", [
    (44561, None, None, True),
    (44561, "General", "培训人数", False),
    (44561, "yyyy/m/d", "培训人数", True),
    (44561.5, "yyyy-mm-dd hh:mm", None, True),
    (44561.5, "General", None, False),
    (20231231, None, None, True),
    (20231301, None, None, False),
    (datetime(2023, 1, 1), None, None, True),
    ("2023-12-31", None, None, False),
    (95, "0%", None, False),
    (True, None, None, False),
])
def test_is_date_serial(raw: Any, fmt: str | None, name: str | None, expected: bool) -> None:
    assert is_date_serial(raw, fmt, name=name) is expected


def test_date_serial_value() -> None:
    assert date_serial_value(45291) == date(2023, 12, 31)
    assert date_serial_value(1, "yyyy-mm-dd") == date(1899, 12, 31)


@pytest.mark.parametrize("fmt, dated, percent", [
    ("General", False, False),
    ("0%", False, True),
    ("0.00%", False, True),
    ('0.0"%"', False, False),
    ("yyyy-mm-dd", True, False),
    ('yyyy"年"m"月"d"日"', True, False),
    ("m/d/yy h:mm", True, False),
    ("[Red]0.00", False, False),
    ("@", False, False),
    (None, False, False),
])
def test_number_formats(fmt: str | None, dated: bool, percent: bool) -> None:
    assert (is_date_format(fmt), is_percent_format(fmt)) == (dated, percent)


@pytest.mark.parametrize("text, op", [
    ("大于等于", "≥"), ("≥", "≥"), (">=", "≥"), ("正向", "≥"), ("反向", "≤"), ("小于等于", "≤"),
    ("等于", "="), ("大于", ">"), ("小于", "<"), ("定性", None), ("", None), (None, None),
])
def test_direction_op(text: str | None, op: str | None) -> None:
    assert direction_op(text) == op


def test_direction_conflict() -> None:
    assert parse_threshold("≤5%", direction="正向").direction_conflict
    assert not parse_threshold("≥95%", direction="正向").direction_conflict
    assert not parse_threshold("=100%", direction="反向").direction_conflict


def test_deadline() -> None:
    assert parse_threshold("2023年12月底前完成").deadline == "2023-12-31"
    assert parse_threshold("2024年6月30日前").deadline == "2024-06-30"
    assert parse_threshold("2023年内完成").deadline == "2023-12-31"
    assert parse_threshold("完成").deadline is None


@pytest.mark.parametrize("value, text", [
    (Decimal("15000.0"), "15000"), (Decimal("0.010"), "0.01"), (Decimal("1E+3"), "1000"),
    (Decimal("-0"), "0"), (Decimal("95"), "95"),
])
def test_format_decimal(value: Decimal, text: str) -> None:
    assert format_decimal(value) == text


# --- JSON contract ---------------------------------------------------------------------

def test_json_contract() -> None:
    data = threshold_to_json(parse_threshold("95%以上"))
    assert data == {
        "kind": "quantitative",
        "parts": [{"op": "≥", "value": 95, "unit": "%"}],
        "normalized": "≥95%",
        "notes": ["“95%以上”按≥95%理解"],
    }
    assert isinstance(data["parts"][0]["value"], int)


def test_json_floats_labels_remark_and_suggestion() -> None:
    assert threshold_to_json(parse_threshold("低于0.01%"))["parts"][0]["value"] == 0.01
    compound = threshold_to_json(parse_threshold("处级≥110学分，科级≥90学分"))
    assert [p["label"] for p in compound["parts"]] == ["处级", "科级"]
    assert threshold_to_json(parse_threshold("100%，如未发生则视为完成"))["remark"] == "如未发生则视为完成"
    malformed = threshold_to_json(parse_threshold("≥≥95%"))
    assert malformed["parts"] == [] and malformed["normalized"] == "" and malformed["suggestion"] == "≥95%"


def test_threshold_is_frozen() -> None:
    result = parse_threshold("≥95%")
    assert isinstance(result, Threshold)
    with pytest.raises(AttributeError):
        result.kind = "qualitative"  # type: ignore[misc]


# --- the seed table --------------------------------------------------------------------

SEED_EXPECTED: list[tuple[str, str, str, str]] = [
    ("每月到村（社区）提供法律服务含非现场服务折抵时间（小时）", "≥8", "quantitative", "≥8小时"),
    ("每季度举办法治讲座（含线上法治讲座）、法治宣传数（场次）", "≥1", "quantitative", "≥1场次"),
    ("各区司法局对法律顾问考核评估合格率（%）", "≥95", "quantitative", "≥95%"),
    ("村（居）委、群众等服务对象满意度（%）", "≥90", "quantitative", "≥90%"),
    ("法律顾问覆盖率（%）", "100", "quantitative", "=100%"),
    ("调解服务的满意度", "≥85%", "quantitative", "≥85%"),
    ("人均年度调解案件数", "≥55", "quantitative", "≥55"),
    ("矛盾纠纷案件调解率", "100%", "quantitative", "=100%"),
    ("正常运行率（%）", "99", "quantitative", "=99%"),
    ("故障排除速度", "<24小时", "quantitative", "<24小时"),
    ("用户满意度", "95%以上", "quantitative", "≥95%"),
    ("系统数据量", "≥5TB", "quantitative", "≥5TB"),
    ("系统简单查询速度", "≤1秒", "quantitative", "≤1秒"),
    ("业务工作满意度", ">95%", "quantitative", ">95%"),
    ("监狱信息化应用效率", "80%以上", "quantitative", "≥80%"),
    ("监狱监控覆盖率", "监区内罪犯三大现场监控覆盖率达100%", "quantitative", "≥100%"),
    ("监狱安防系统建设", "建成安防系统13个", "quantitative", "=13个"),
    ("保护监狱工作有序开展，构建和谐社会", "监狱重大安全事故案件发生率为0", "quantitative", "=0"),
    ("全市人民监督员人数", "≥180人", "quantitative", "≥180人"),
    ("全市专职人民调解员数量", "≤131人", "quantitative", "≤131人"),
    ("专职调解员调解案件数", "≥7800件", "quantitative", "≥7800件"),
    ("考区严重考试工作事故发生率（%）", "0%", "quantitative", "=0%"),
    ("法律职业资格证书机位数量达到配备比例", "完成", "qualitative", "完成"),
    ("组织司法鉴定人执业能力考试", "90%", "quantitative", "=90%"),
    ("公证案件申请人投诉率", "低于0.01%", "quantitative", "<0.01%"),
    ("制作公共法律服务展板期数", "4期", "quantitative", "=4期"),
    ("全年聘请专家提供专业意见数量", "25人次", "quantitative", "=25人次"),
    ("全市公共法律服务平台数量", "11个", "quantitative", "=11个"),
    ("接待来访群众人数", "≥800名", "quantitative", "≥800名"),
    ("法援行动志愿律师办理各类案件（%）", "100%", "quantitative", "=100%"),
    ("全市11区开展“宪法宣传周”活动覆盖率", "100%", "quantitative", "=100%"),
    ("开展全市国家机关“谁执法谁普法”履职评议单位数", "不少于4个", "quantitative", "≥4个"),
    ("制播法治节目期数", "《说法》10期，《普法名师大讲堂》6期", "quantitative",
     "《说法》=10期；《普法名师大讲堂》=6期"),
    ("短视频制作数量", "广州普法抖音号推送250条", "quantitative", "=250条"),
    ("原创推文数量", "100条", "quantitative", "=100条"),
    ("法治建设社会评议数", "≥93个", "quantitative", "≥93个"),
    ("法治镇街培育", "22个镇街", "quantitative", "=22个"),
    ("党政主要负责人述法数", "1次", "quantitative", "=1次"),
    ("规章全文登报次数", "≥2次", "quantitative", "≥2次"),
    ("2023年完成工程进度", "100%", "quantitative", "=100%"),
    ("上线服务个数", "≥300", "quantitative", "≥300"),
    ("车辆购置数", "3辆", "quantitative", "=3辆"),
    ("出访费用超支率", "≤0%", "quantitative", "≤0%"),
    ("因公出国（境）批次", "≥1", "quantitative", "≥1"),
    ("国家赔偿合规率",
     "100%，如未发生需要拨付国家赔偿金的情况，则以我局已完成该项目指标认定。如有发生，则按实际发生情况进行考核",
     "quantitative", "=100%"),
    ("服务对象的满意度", "85%", "quantitative", "=85%"),
    ("物业管理面积", "办公区域全覆盖", "qualitative", "办公区域全覆盖"),
    ("办公场所安保措施到位率", "24小时", "quantitative", "=24小时"),
    ("物业服务人员数量", "≥30", "quantitative", "≥30"),
    ("市本级行政复议案件审结率", "90%以上", "quantitative", "≥90%"),
    ("行政复议案件数量", "不少于3000件", "quantitative", "≥3000件"),
    ("参加综合法律知识网络考试人数", "≥800人次", "quantitative", "≥800人次"),
    ("法律顾问每年为政府部门提供咨询答复或出具法律意见书数量", "≥20次（件）", "quantitative", "≥20次"),
    ("舆情应对处理能力", "处理时间小于十分钟", "quantitative", "<10分钟"),
    ("人均培训学时", "处级≥110学分，科级≥90学分", "quantitative", "处级≥110学分；科级≥90学分"),
    ("审计项目复审率（%）", "≥95%", "quantitative", "≥95%"),
    ("系统故障平均响应时间", "<5分钟", "quantitative", "<5分钟"),
    ("机构运行辅助人员招聘数量", "≤36人", "quantitative", "≤36人"),
    ("平台展示信息数量", "≥300条", "quantitative", "≥300条"),
    ("广州中心业务辐射范围", "五省一自治区", "qualitative", "五省一自治区"),
    ("故障排除速度", "24小时内", "quantitative", "≤24小时"),
    ("运维软件数量", ">1000", "quantitative", ">1000"),
    ("驻场人员数量", ">60人", "quantitative", ">60人"),
    ("提供设备运维次数（延长设备使用寿命，节省国家财政资金）", "≥100000次/年", "quantitative",
     "≥100000次/年"),
    ("运维软件数量", "≥8个", "quantitative", "≥8个"),
    ("响应时间", "≤5s", "quantitative", "≤5秒"),
    ("系统吞吐量", "≥100个/秒", "quantitative", "≥100个/秒"),
    ("系统并发数", "≥100", "quantitative", "≥100"),
]


@pytest.fixture(scope="module")
def seed() -> list[tuple[str, str, str]]:
    return seed_indicators()


def test_seed_extraction(seed: list[tuple[str, str, str]]) -> None:
    assert len(seed) == SEED.read_text(encoding="utf-8").count("年度指标值") == 141


def test_seed_values_all_understood(seed: list[tuple[str, str, str]]) -> None:
    """No seed value is malformed; the only qualitative ones are the three known."""
    kinds = {(name, value): parse_threshold(value, name=name).kind for _, name, value in seed}
    assert "malformed" not in kinds.values()
    qualitative = {value for (_, value), kind in kinds.items() if kind == "qualitative"}
    assert qualitative == {"完成", "办公区域全覆盖", "五省一自治区"}


def test_seed_expected_values_are_in_the_seed(seed: list[tuple[str, str, str]]) -> None:
    present = {(name, value) for _, name, value in seed}
    assert {(name, value) for name, value, _, _ in SEED_EXPECTED} <= present


@pytest.mark.parametrize("name, value, kind, normalized", SEED_EXPECTED)
def test_seed_value(name: str, value: str, kind: str, normalized: str) -> None:
    result = parse_threshold(value, name=name)
    assert (result.kind, result.normalized) == (kind, normalized), result.notes


def test_seed_remarks_and_compounds(seed: list[tuple[str, str, str]]) -> None:
    results = [parse_threshold(value, name=name) for _, name, value in seed]
    assert sum(1 for r in results if r.remark) == 4
    assert sum(1 for r in results if r.compound) == 2
    assert sum(1 for r in results if r.unit_source == "name") == 7


# --- issue 15: nothing dropped, time nodes, approximations, compound units ----------------

@pytest.mark.parametrize(("value", "unread", "normalized"), [
    ("工5%", ("工",), "=5%"), ("-0%", ("-",), "=0%"), ("95%*", ("*",), "=95%"),
    ("≥95%", (), "≥95%"), ("全年≥95%", (), "≥95%"), ("-5%", (), "=-5%"), ("处级≥110学分，科级≥90学分", (), None),
])
def test_what_the_grammar_could_not_place_is_kept(value: str, unread: tuple[str, ...], normalized: str | None) -> None:
    result = parse_threshold(value)
    assert result.unread == unread
    assert normalized is None or result.normalized == normalized


@pytest.mark.parametrize(("value", "deadline"), [
    ("2023.07-2024.01", "2024-01-31"), ("2023年1月-12月", "2023-12-31"), ("按季", "按季"), ("每季度", "每季度"),
    ("按月安排", "按月"), ("年底前完成", "年底前"), ("12月底前", "12月底"),
])
def test_time_nodes(value: str, deadline: str) -> None:
    result = parse_threshold(value)
    assert (result.kind, result.parts, result.deadline) == ("qualitative", (), deadline)


def test_periodic_words_do_not_swallow_targets() -> None:
    assert parse_threshold("每月≥2次").normalized == "≥2次"
    assert parse_threshold("定期巡查").deadline is None


@pytest.mark.parametrize(("value", "normalized", "approximate"), [
    ("约12000平方米", "=12000平方米", True), ("大约3万人", "=30000人", True), ("节约10万元", "=100000元", False),
])
def test_approximations(value: str, normalized: str, approximate: bool) -> None:
    result = parse_threshold(value)
    assert (result.normalized, result.approximate) == (normalized, approximate)
    assert result.unread == () or not approximate


@pytest.mark.parametrize(("value", "normalized"), [
    ("≤200元/人*月", "≤200元/人·月"), ("≥1500元/人·月", "≥1500元/人·月"), ("≤50万元/公里", "≤500000元/千米"),
    ("142万人", "=1420000人"), ("≦5%", "≤5%"), ("≧95%", "≥95%"), ("＞＝95%", "≥95%"), ("＜＝1%", "≤1%"),
    ("≥95%(2022:90%)", "≥95%"),
])
def test_rare_spellings_and_compound_units(value: str, normalized: str) -> None:
    result = parse_threshold(value)
    assert result.kind == "quantitative" and result.normalized == normalized and result.unread == ()


def test_split_cells_word_operator_and_blank_unit() -> None:
    result = parse_threshold("70", direction="大于等于", unit=None, name="考核合格率")
    assert (result.normalized, result.parts[0].unit, result.bare) == ("≥70", None, True)
