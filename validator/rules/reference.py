"""The rule reference, generated from the rule modules themselves."""

from __future__ import annotations

import inspect

import yaml

from validator.rules import RULES
from validator.rules.verdict import VALUE_POLICY

SECTIONS = ("检查：", "为什么：", "选项：", "通过示例：", "不通过示例：")
_LEVELS = {"error": "错误", "warning": "提示", "off": "关闭"}


def rule_page(rule_id: str) -> str:
    module = RULES[rule_id]
    doc = inspect.cleandoc(module.__doc__ or "")
    defaults = {name: spec["default"] for name, spec in module.OPTIONS.items()}
    options = yaml.safe_dump(defaults, allow_unicode=True, default_flow_style=True, width=100).strip()
    header = f"{rule_id}（默认级别：{_LEVELS[module.LEVEL]}；默认选项：{options if defaults else '无'}）"
    return f"{header}\n{'=' * 40}\n{doc}\n"


def rule_reference(rule_ids: list[str] | None = None) -> str:
    """The pages of `rule_ids` (all rules when none are given, then the value policy)."""
    ids = rule_ids or list(RULES)
    pages = "\n".join(rule_page(rid) for rid in ids)
    if rule_ids:
        return pages
    return f"{pages}\n{VALUE_POLICY}"


def rule_purpose(rule_id: str) -> str:
    """What a rule checks, in one line: the docstring's 检查： paragraph."""
    doc = inspect.cleandoc(RULES[rule_id].__doc__ or "")
    first = doc.split("\n\n", 1)[0]
    return "".join(line.strip() for line in first.splitlines()).removeprefix("检查：")


def rule_purposes() -> dict[str, str]:
    """Rule id -> what it checks, for outputs that explain rule ids to their readers."""
    return {rule_id: rule_purpose(rule_id) for rule_id in RULES}
