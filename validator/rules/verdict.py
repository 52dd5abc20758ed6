"""The verdict a reviewer gives one value: the value rules run on a one-indicator submission.

`judge_value()` answers "fine / hint / error" for a value with its indicator name, unit and
direction cells, with the findings that explain it; `validator threshold` prints them and the
corpus test (tests/data/value_verdicts.tsv) checks that the rules agree with a careful
reviewer on real values."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from validator.config.loader import Config
from validator.engine import stamp
from validator.model import Finding, Severity
from validator.records import Cell, Indicator, Submission
from validator.rules import RULES

# The rules that judge one value on its own (value-boilerplate needs a whole project).
VALUE_RULES = (
    "threshold-malformed", "date-serial", "threshold-qualitative", "threshold-compound",
    "threshold-remark", "threshold-no-unit", "threshold-unread", "threshold-no-operator",
    "unit-mismatch", "direction-mismatch", "percent-range", "satisfaction-range",
)
VerdictLevel = Literal["fine", "hint", "error"]

# The policy of the value rules in one place; `validator rules` prints it after the rule pages.
VALUE_POLICY = """指标值的审核口径
========================================
各条指标值规则（threshold-*、unit-mismatch、direction-mismatch、percent-range、satisfaction-range、
value-boilerplate、date-serial）合起来给出的结论；词表在 validator/data/vocabulary.yaml。
可用 validator threshold "<指标值>" --name "<指标名称>" 查看一个值的结论和理由。

通过：
  · 写明比较方向、数值和单位的目标：≥95%、95%以上、不少于10辆、≤5万元、24小时内、<0.01%；
    少见的写法照样读懂：≦5%、≧95%、＞＝95%、>=95%、≥９５％、142万人、≤200元/人*月、≤50万元/公里。
  · 方向已写在“指标方向”列（大于等于 / 正向 / ≤）的裸数值；“100%”（只能是 =100%）；越低越好的“0%”。
  · 时间节点：2023年12月31日前、2023.07-2024.01、2023年1月-12月、12月底前、按季、按月、年底前。
  · 只能定性评判的指标（…影响程度、…合规性、…作用、…效果）上的分档表述：效果明显、有效提升、
    逐步改善、优良、合格、是、严格执行相关制度规定。
  · 人员编制、名额、招聘、公务用车购置的上限：调解员数量 ≤131人、招聘数量 ≤36人。
提示（不退回，意见函中列出，请填报单位确认或改写）：
  · 能读出目标但没写方向：合格率 95%、2280次、10辆、5万元、约12000平方米（threshold-no-operator，
    可设 level: off）；提示按指标性质给出可能的方向（数量、合格率写“≥”，成本、时长、投诉率写“≤”）。
  · 有读不进目标的字符：工5%（多为“≥”识别错误）、-0%、95%*（threshold-unread）。
  · 方向与指标性质相反：逾期发放率 ≥100%、差错率 ≥5%、满意度 ≤90%（direction-mismatch）。
  · 本可量化却写了定性表述：培训场次“完成”、绿化面积“全覆盖”、服务范围“五省一自治区”
    （threshold-qualitative，提示给出可改成的数值写法）。
  · 目标后附说明或上年数：≥95%(2022:90%)、100%，如未发生…则…（threshold-remark：移到“指标解释”）。
  · 缺单位、单位与指标不符、一格多个目标、满意度定为100%或过低。
  · 同一个百分比套在无法衡量的效果上：维护社会稳定 ≥95%、促进…发展 ≥95%（value-boilerplate）。
错误（退回修改）：
  · 读不出目标：空、待定、XX%、同上、孤立或重复的比较符号（≥、≥≥95%）、没有汉字也读不出数值。
  · 被存成日期的数值（44561、20231231，date-serial）；比率超出 0–100%（合格率 292%，percent-range）。
为什么：错误的值年底无法评价，必须改；提示的值能读出一个目标，但审核人员会请填报单位写清方向、
单位或口径，规则只给出这些意见，不替填报单位“改写”目标。
"""
LABELS: dict[str, str] = {"fine": "通过", "hint": "提示", "error": "错误"}
_SHEET = "绩效指标"


@dataclass(frozen=True)
class Verdict:
    level: VerdictLevel
    findings: tuple[Finding, ...]


def judge_value(value: object, config: Config, *, name: str | None = None, unit: str | None = None,
                direction: str | None = None, level2: str | None = None) -> Verdict:
    """Run the value rules enabled in `config` on one indicator holding `value`."""
    indicator = Indicator(
        project=Cell(_SHEET, "A4", "项目"), name=Cell(_SHEET, "D4", name) if name else None,
        value=Cell(_SHEET, "F4", value), level2=Cell(_SHEET, "C4", level2) if level2 else None,
        direction=Cell(_SHEET, "E4", direction) if direction else None,
        unit=Cell(_SHEET, "G4", unit) if unit else None,
    )
    submission = Submission(path=Path("指标值"), layout="template", indicators=[indicator])
    findings: list[Finding] = []
    for rule_id in VALUE_RULES:
        setting = config.rules.get(rule_id)
        if setting is None or setting.level is None:
            continue
        findings += [stamp(rule_id, setting.level, p) for p in RULES[rule_id].check(submission, setting.options)]
    return Verdict(_level(findings), tuple(findings))


def _level(findings: list[Finding]) -> VerdictLevel:
    if any(f.severity is Severity.ERROR for f in findings):
        return "error"
    return "hint" if findings else "fine"


def verdict_to_text(verdict: Verdict) -> str:
    """The verdict for people: 审核结论 and each finding with its reason and suggestion."""
    lines = [f"审核结论：{LABELS[verdict.level]}"]
    if not verdict.findings:
        lines.append("  · 指标值规则均未提出意见")
    for finding in verdict.findings:
        lines.append(f"  · [{finding.severity.label}] {finding.rule}：{finding.message}")
        if finding.suggestion:
            lines.append(f"    建议：{finding.suggestion}")
    return "\n".join(lines)


def verdict_to_json(verdict: Verdict) -> dict[str, Any]:
    return {"level": verdict.level, "findings": [
        {"rule": f.rule, "severity": f.severity.value, "message": f.message, "suggestion": f.suggestion}
        for f in verdict.findings]}
