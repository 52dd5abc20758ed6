"""Property-based tests of the value parser: it never raises, and what it returns is coherent."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from validator.values import threshold
from validator.values.threshold import KINDS, OPS, Part, format_decimal, parse_threshold, threshold_to_json

# Characters real values are made of, so that random text often comes close to a target.
VALUE_ALPHABET = st.sampled_from(list(
    "0123456789０１９.,，、；;:：%％‰≥≤=<>＞＜＝≧≦±-~—至到()（）《》“”[]"
    "万亿千百十一二两三四五六七八九零〇个人次件条期小时分钟秒天日月年周TBGsh/ 　"
    "以上下内及不少于超过低于高于达到为等大小控制在左右含如则其中注率满意度完成全覆盖XxX*某待定同"
))
texts = st.one_of(st.text(max_size=60), st.text(alphabet=VALUE_ALPHABET, max_size=40))
values: st.SearchStrategy[Any] = st.one_of(
    texts, st.none(), st.booleans(), st.integers(), st.floats(), st.decimals(),
    st.datetimes(), st.dates(), st.lists(st.integers(), max_size=2), st.binary(max_size=8),
)
cells = st.one_of(st.none(), texts, st.integers())
formats = st.one_of(st.none(), st.text(max_size=12),
                    st.sampled_from(["General", "0%", "0.00%", "yyyy-mm-dd", "@", '"%"0', "m/d/yy"]))
# THRESHOLD_FUZZ_EXAMPLES=20000 python -m pytest tests/test_threshold_fuzz.py for a deeper run.
FUZZ = settings(max_examples=int(os.environ.get("THRESHOLD_FUZZ_EXAMPLES", "1500")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


def check_coherent(result: threshold.Threshold) -> None:
    assert result.kind in KINDS
    assert all(isinstance(note, str) and note for note in result.notes)
    if result.kind == "quantitative":
        assert result.parts and result.normalized
    else:
        assert not result.parts
    if result.kind == "malformed":
        assert result.normalized == ""
    for part in result.parts:
        assert part.op in OPS and part.value.is_finite()
    json.dumps(threshold_to_json(result), ensure_ascii=False, allow_nan=False)


@FUZZ
@given(values, cells, cells, cells, formats, st.sampled_from([*OPS, "x", ""]))
@example("≥≥95%", None, None, None, None, "=")
@example(Decimal("sNaN"), None, None, None, None, "=")
@example(float("inf"), None, None, None, "0%", "=")
@example("9" * 400 + "万", None, None, None, None, "=")
def test_inner_parse_never_raises(value: Any, direction: Any, unit: Any, name: Any,
                                  number_format: Any, bare_op: str) -> None:
    """The parse itself, without the safety net of parse_threshold(), never raises."""
    result = threshold._parse(value, direction=direction, unit=unit, name=name,
                              number_format=number_format, bare_op=bare_op)
    check_coherent(result)


@FUZZ
@given(values, cells, cells, cells, formats)
def test_parse_threshold_is_coherent(value: Any, direction: Any, unit: Any, name: Any,
                                     number_format: Any) -> None:
    check_coherent(parse_threshold(value, direction=direction, unit=unit, name=name,
                                   number_format=number_format))


# --- well-formed values built from parts come back as those parts ----------------------

PREFIXES = {"≥": ["≥", ">=", "≧", "不少于", "不低于", "大于等于", "至少"],
            "≤": ["≤", "<=", "≦", "不超过", "不高于", "小于等于"],
            ">": [">", "＞", "大于", "高于", "超过"],
            "<": ["<", "＜", "小于", "低于", "少于"],
            "=": ["=", "＝", "等于"]}
SUFFIXES = {"≥": ["以上", "及以上"], "≤": ["以内", "以下", "内"]}
UNITS = {"%": ["%", "％", "百分比"], "小时": ["小时", "h"], "秒": ["秒", "s"], "分钟": ["分钟", "min"],
         "天": ["天", "日"], "个": ["个"], "人次": ["人次"], "TB": ["TB", "tb"], "元": ["元"],
         "次/年": ["次/年"], None: [""]}
numbers = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def written_targets(draw: st.DrawFn) -> tuple[str, Part]:
    op = draw(st.sampled_from(OPS))
    unit = draw(st.sampled_from(list(UNITS)))
    number = Decimal(format_decimal(draw(numbers)))
    spelled_unit = draw(st.sampled_from(UNITS[unit]))
    if op in SUFFIXES and unit is not None and draw(st.booleans()):
        text = f"{number}{spelled_unit}{draw(st.sampled_from(SUFFIXES[op]))}"
    else:
        text = f"{draw(st.sampled_from(PREFIXES[op]))}{number}{spelled_unit}"
    return text, Part(op, number, unit)


@FUZZ
@given(written_targets())
def test_written_target_is_understood(case: tuple[str, Part]) -> None:
    text, part = case
    result = parse_threshold(text)
    assert result.kind == "quantitative", (text, result.notes)
    assert result.parts == (part,), text


@FUZZ
@given(written_targets(), written_targets(), st.sampled_from(["处级", "城区", "《说法》"]),
       st.sampled_from(["科级", "郊区", "《普法名师大讲堂》"]), st.sampled_from(["，", "；", "、", " "]))
def test_labelled_targets_are_compound(first: tuple[str, Part], second: tuple[str, Part],
                                       label1: str, label2: str, separator: str) -> None:
    text = f"{label1}{first[0]}{separator}{label2}{second[0]}"
    result = parse_threshold(text)
    assert result.compound, (text, result.notes)
    assert [p.label for p in result.parts] == [label1, label2]
    assert [(p.op, p.value, p.unit) for p in result.parts] == [
        (first[1].op, first[1].value, first[1].unit), (second[1].op, second[1].value, second[1].unit)]


@FUZZ
@given(values)
@example("0千千")
def test_normalized_is_a_fixed_point(value: Any) -> None:
    """Parsing the normalised form of a single unlabelled target gives the same target."""
    result = parse_threshold(value)
    if result.kind == "quantitative" and len(result.parts) == 1 and not result.parts[0].label:
        again = parse_threshold(result.normalized)
        assert again.parts == result.parts, (value, result.normalized)
        assert again.normalized == result.normalized
