"""Long adversarial values (up to Excel's 32,767 characters per cell) are parsed in time.

Issue 14: a cell of a few thousand "≥" took seconds and 30,000 over a minute, because the
target regex retried its operator run at every position (quadratic), the "7×24" exclusion
did the same with digit runs, the only-operators check backtracked exponentially on
"大于等于大于等于…", and every candidate was checked against every date. The parser is now
linear (possessive runs that start only where a run starts, a scan instead of the regex, a
binary search over the excluded spans). The quadratic inputs took 20 s to several minutes; a
linear parse of 30,000 characters takes well under a second, so a generous hypothesis deadline
separates them without being a benchmark."""

from __future__ import annotations

import json
from datetime import timedelta

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from validator.values.threshold import KINDS, parse_threshold, threshold_to_json

# Pieces that each touch one part of the grammar: operators and their words, digits and
# decimals, Chinese numerals, units, dates, brackets and quotes, separators.
PIECES = [
    "≥", "≤", "=", ">", "<", "±", "-", ".", "9", "95", "9.5", "%", "一", "十", "万", "亿", "千",
    "大于", "等于", "大于等于", "不少于", "达", "达到", "以上", "以内", "内", "左右", "(含)",
    "个", "人次", "小时", "元/人", "年", "月", "2023年", "12月", "2023-", "2023.07", "日",
    "(", ")", "“", "”", "《", "【", "[", "×", "x", "*", ",", "，", "、", ";", " ", "字", "率",
    "如", "注", "百分之", "第", "X", "某", "待定", "a", "/", ":",
]
motifs = st.lists(st.sampled_from(PIECES), min_size=1, max_size=4).map("".join)


@st.composite
def long_values(draw: st.DrawFn) -> str:
    motif = draw(motifs)
    times = draw(st.integers(min_value=1, max_value=30_000 // len(motif)))
    head = "".join(draw(st.lists(st.sampled_from(PIECES), max_size=5)))
    tail = "".join(draw(st.lists(st.sampled_from(PIECES), max_size=5)))
    return head + motif * times + tail


@settings(max_examples=40, deadline=timedelta(seconds=10),
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(long_values(), st.sampled_from([None, "合格率", "完成时间", "培训人数（人次）"]))
@example("≥" * 30_000, None)
@example("≥" * 30_000 + "95%", None)
@example("9" * 30_000, None)
@example("9" * 15_000 + "×", None)
@example("大于等于" * 40 + "字", None)
@example("2023年" * 6_000, "完成时间")
@example("≥9" * 15_000, "合格率")
def test_long_values_parse_in_time(value: str, name: str | None) -> None:
    result = parse_threshold(value, name=name)
    assert result.kind in KINDS
    assert result.reason != "无法解析"  # no exception inside the parse either
    json.dumps(threshold_to_json(result), ensure_ascii=False, allow_nan=False)


def test_the_only_operators_check_is_exact() -> None:
    # The scan that replaced the backtracking regex still tells operators from prose.
    assert parse_threshold("大于等于" * 40).reason == "只有比较符号，没有数值"
    assert parse_threshold("不少于以上").reason == "只有比较符号，没有数值"
    assert parse_threshold("大于等于" * 40 + "字").kind == "qualitative"


def test_a_number_too_large_to_be_a_target_is_malformed() -> None:
    result = parse_threshold("9" * 5_000)
    assert result.kind == "malformed" and "数值过大" in (result.reason or "")
    assert parse_threshold("999999999999999元").kind == "quantitative"
