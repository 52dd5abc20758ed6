"""The rule reference, generated from the rule modules themselves."""

from __future__ import annotations

import inspect

import yaml

from .rules import RULES

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
    ids = rule_ids or list(RULES)
    return "\n".join(rule_page(rid) for rid in ids)
