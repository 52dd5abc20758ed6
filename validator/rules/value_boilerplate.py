"""检查：指标值是否像套用的固定值：
  · 同一个百分比（如“≥95%”）套在无法用百分比衡量的效果上：名称是“维护社会稳定”“保护生态环境卫生”
    “促进…发展”这类效果表述（以 vocabulary.yaml 的 outcome_verbs 开头或含这些词，且名称里没有
    “率”“度”“数”等可以计算的对象），而同一个值在本项目中出现不止一次。每条这样的指标都报告。
  · 同一项目的大多数指标填了同一个值（如 7 条指标中 6 条都是“≥95%”）。比率类指标的“100%”
    （完成率、合格率常常都是 100%）不计入。

为什么：“每条都是 ≥95%”是审核中常见的意见：固定值说明目标没有依据，套在“维护社会稳定”上的
百分比年底无法计算（95% 的什么？）。效果类指标应写可观察的结果，或按分档写定性目标。

选项：
  share：同一个值占本项目指标的比例达到多少时提示，默认 0.8。
  min_count：同一个值至少出现几次才按比例提示，默认 3。

通过示例：项目 4 条指标分别为 ≥95%、<24小时、=100%、≥200个；完成率、合格率、及时率都是 100%。

不通过示例：“维护社会稳定 ≥95%”“促进经济发展 ≥95%”在同一项目中；项目 7 条指标中 6 条为“≥95%”。
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from validator.records import Cell, Indicator, Submission
from validator.rules.base import Options, Problem, at_indicator
from validator.text import key
from validator.values.indicators import bare_name, clip, measure, valued
from validator.values.threshold import Threshold
from validator.values.vocabulary import words

ID = "value-boilerplate"
LEVEL = "warning"
OPTIONS = {
    "share": {"type": "number", "min": 0, "max": 1, "default": 0.8},
    "min_count": {"type": "integer", "min": 2, "default": 3},
}

Valued = tuple[Indicator, Cell, Threshold]
_MEASURABLE = ("率", "度", "数", "量", "额", "次", "面积", "长度", "时间", "比例")


# What the rule reads of one value: its normalised form, whether it is a percentage on an
# outcome, whether it is a full rate (worked out once per threshold and name: both repeat).
Facts = tuple[str, bool, bool]


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    groups: dict[str, list[tuple[Valued, Facts]]] = {}
    keys: dict[str, str] = {}  # project name -> its matching key, each name once
    known: dict[tuple[int, str | None], Facts] = {}
    for item in valued(submission):
        ind, _, result = item
        if result.kind == "malformed":
            continue
        project = ind.project.text
        group = keys.get(project)
        if group is None:
            group = keys[project] = key(project)
        seen = (id(result), ind.name.text if ind.name else None)
        facts = known.get(seen)
        if facts is None:
            facts = known[seen] = (result.normalized, _percent_on_outcome(item), _full_rate(item))
        groups.setdefault(group, []).append((item, facts))
    for entries in groups.values():
        counts = Counter(facts[0] for _, facts in entries)
        outcomes = [(item, facts) for item, facts in entries if facts[1] and counts[facts[0]] > 1]
        yield from (_outcome_problem(item, counts[facts[0]]) for item, facts in outcomes)
        if not outcomes:
            problem = _repeated(entries, options)
            if problem is not None:
                yield problem


def _percent_on_outcome(item: Valued) -> bool:
    ind, _, result = item
    if result.kind != "quantitative" or "%" not in result.units:
        return False
    return _outcome_name(ind.name.text if ind.name else None)


@lru_cache(maxsize=4096)
def _outcome_name(raw: str | None) -> bool:
    """Whether a name is an outcome no percentage measures (judged once per distinct name)."""
    name = bare_name(raw)
    if not name or measure(name) is not None or any(word in name for word in _MEASURABLE):
        return False
    return any(verb in name for verb in words("outcome_verbs"))


def _outcome_problem(item: Valued, count: int) -> Problem:
    ind, cell, _ = item
    name = bare_name(ind.name.text if ind.name else None)
    message = (f"“{name}”是无法用百分比衡量的效果，指标值“{clip(cell.display)}”与本项目另外 {count - 1} 条"
               "指标相同，像是套用的固定值。")
    return at_indicator(ind, cell, message,
                        "请写可以观察或计算的结果（如“矛盾纠纷调处成功率≥95%”“信访量同比下降≥5%”），"
                        "或按分档写定性目标（如“效果明显”）。", value=cell.display)


def _full_rate(item: Valued) -> bool:
    ind, _, result = item
    name = ind.name.text if ind.name else None
    return (len(result.parts) == 1 and result.parts[0].unit == "%" and result.parts[0].value == 100
            and (measure(name) in ("rate", "satisfaction") or "率" in bare_name(name)))


def _repeated(entries: list[tuple[Valued, Facts]], options: Options) -> Problem | None:
    counts = Counter(facts[0] for _, facts in entries if not facts[2])
    if not counts:
        return None
    value, count = counts.most_common(1)[0]
    if count < options["min_count"] or count / len(entries) < options["share"]:
        return None
    ind, cell, _ = next(item for item, facts in entries if facts[0] == value)
    message = f"本项目 {len(entries)} 条指标中有 {count} 条的指标值都是“{clip(cell.display)}”，像是套用的固定值。"
    return at_indicator(ind, cell, message,
                        "请按每条指标的实际情况分别测算目标值；无法衡量的指标请改写或删除。", value=cell.display)
