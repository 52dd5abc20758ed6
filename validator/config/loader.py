"""rules.yaml: loaded, validated with cerberus before anything runs, and turned into a
`Config`. The only module that imports cerberus for configuration."""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml
from cerberus import Validator

from validator.config.office import OfficeSettings
from validator.config.sections import SECTIONS
from validator.config.yaml_lines import at_line, key_lines, safe_load, syntax_error
from validator.model import Severity
from validator.rules import RULES

_T = TypeVar("_T")
LEVELS = ("error", "warning", "off")
DEFAULT_RULES_FILE = "rules.yaml"

_TYPE_NAMES = {
    "integer": "整数", "number": "数字", "float": "数字", "string": "文本", "boolean": "true 或 false",
    "list": "列表", "dict": "映射（键: 值）",
}


class ConfigError(Exception):
    """rules.yaml is unusable. The message is Chinese and names the rule and option."""


@dataclass(frozen=True)
class RuleSetting:
    level: Severity | None
    options: Mapping[str, Any]


@dataclass(frozen=True)
class Config:
    rules: dict[str, RuleSetting]
    sections: dict[str, Any] = field(default_factory=dict)
    source: str | None = None
    checksum: str = ""
    hints: tuple[str, ...] = ()

    def enabled(self) -> list[tuple[str, RuleSetting]]:
        return [(rid, s) for rid, s in self.rules.items() if s.level is not None]


def office_settings(config: Config) -> OfficeSettings:
    """The `letter:` section as settings; a relative base document path is taken relative
    to the rules.yaml it came from (or the working directory for the packaged default)."""
    source = Path(config.source) if config.source else None
    base_dir = source.parent if source is not None and source.is_file() else None
    return OfficeSettings.from_mapping(config.sections.get("letter"), base_dir=base_dir)


def packaged_rules_text() -> str:
    return resources.files("validator").joinpath("data/rules.yaml").read_text(encoding="utf-8")


def load_config(path: Path | None = None) -> Config:
    """`path`, else ./rules.yaml, else the packaged default."""
    if path is None and Path(DEFAULT_RULES_FILE).is_file():
        path = Path(DEFAULT_RULES_FILE)
    if path is None:
        return parse_config(packaged_rules_text(), source="（内置默认配置）")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"无法读取配置文件 {path}：{exc}") from exc
    return parse_config(text, source=str(path))


def parse_config(text: str, *, source: str = DEFAULT_RULES_FILE) -> Config:
    """Every problem of the file is reported at once, each with its line."""
    try:
        data = safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{source}：{syntax_error(exc)}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{source}：顶层应为映射（键: 值）。")
    data, hints = apply_renames(data, source)
    lines = key_lines(text)
    problems: list[str] = []

    def collect(path: tuple[str, ...], step: Callable[[Callable[[str], str]], _T]) -> _T | None:
        def where(field: str) -> str:
            return at_line(lines, *path, field)
        try:
            return step(where)
        except ConfigError as exc:
            problems.extend(str(exc).splitlines())
            return None

    collect((), lambda where: _check_top(data, source, where))
    rules = data.get("rules") or {}
    if not isinstance(rules, dict):
        raise ConfigError(f"{source}：rules 应为映射（规则编号: 设置）{at_line(lines, 'rules')}。")
    for rid in rules:
        if rid not in RULES:
            problems.append(f"{source}：未知规则“{rid}”{at_line(lines, 'rules', str(rid))}。可用规则见 `validator rules`。")
    settings = {rid: collect(("rules", rid), partial(_rule_setting, rid, rules.get(rid), source)) for rid in RULES}
    sections = {name: collect((name,), partial(_section, name, data.get(name), source)) for name in SECTIONS}
    if problems:
        raise ConfigError("\n".join(problems))
    good = {rid: setting for rid, setting in settings.items() if setting is not None}
    return Config(good, {k: v or {} for k, v in sections.items()}, source, _checksum(good), hints)


@dataclass(frozen=True)
class Renamed:
    """A setting a release renamed or moved: dotted paths as written in rules.yaml, e.g.
    `bot.settle` -> `bot.settle_seconds`, `rules.old-id` -> `rules.new-id`,
    `rules.some-rule.old_option` -> `rules.some-rule.new_option`, `bot.x` -> `limits.x`."""

    old: str
    new: str
    since: str


RENAMED: tuple[Renamed, ...] = (
    Renamed("limits.cell_chars", "rules.text-too-long.max_chars", "0.2.0"),
)
"""Every rename and move of a setting, oldest first. An entry stays for good: an office's
rules.yaml of any earlier release keeps loading, with a hint to update the spelling
(tests/data/rules_v0.yaml is the rules.yaml of the first release)."""


def apply_renames(data: dict[str, Any], source: str) -> tuple[dict[str, Any], tuple[str, ...]]:
    """`data` with old spellings moved to their new place, and a Chinese hint for each."""
    data = copy.deepcopy(data)
    hints = []
    for renamed in RENAMED:
        *old_parents, old_key = renamed.old.split(".")
        parent = _mapping_at(data, old_parents, create=False)
        if parent is None or old_key not in parent:
            continue
        *new_parents, new_key = renamed.new.split(".")
        target = _mapping_at(data, new_parents, create=True)
        if target is None:
            raise ConfigError(f"{source}：{renamed.old} 已改为 {renamed.new}，但 {'.'.join(new_parents)} 不是映射，"
                              "请按新写法修改。")
        if new_key in target:
            raise ConfigError(f"{source}：同时写了旧名 {renamed.old} 和新名 {renamed.new}，请删去旧名 {renamed.old}。")
        target[new_key] = parent.pop(old_key)
        hints.append(f"{source}：{renamed.old} 自 {renamed.since} 起改名为 {renamed.new}，旧写法仍然有效，"
                     f"请在方便时改为 {renamed.new}。")
    return data, tuple(hints)


def _mapping_at(data: dict[str, Any], keys: list[str], *, create: bool) -> dict[str, Any] | None:
    node: Any = data
    for key in keys:
        if not isinstance(node, dict):
            return None
        if create and node.get(key) is None:
            node[key] = {}
        node = node.get(key)
    return node if isinstance(node, dict) else None


def _checksum(settings: dict[str, RuleSetting]) -> str:
    """Of the effective rule settings only: comments, formatting and the letter's contact
    details do not change it, a changed level or option does."""
    canonical = {rid: [s.level.value if s.level else "off", dict(s.options)] for rid, s in settings.items()}
    return hashlib.sha256(json.dumps(canonical, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


def _check_top(data: dict[str, Any], source: str, where: Callable[[str], str] = lambda _: "") -> None:
    allowed = {"rules", *SECTIONS}
    unknown = [f"{source}：未知配置项“{name}”{where(str(name))}（可用：{'、'.join(sorted(allowed))}）。"
               for name in data if name not in allowed]
    if unknown:
        raise ConfigError("\n".join(unknown))


def _rule_setting(rid: str, raw: Any, source: str, where: Callable[[str], str] = lambda _: "") -> RuleSetting:
    rule = RULES[rid]
    if raw is None:
        raw = {}
    if isinstance(raw, (str, bool)):
        raw = {"level": raw}
    if not isinstance(raw, dict):
        raise ConfigError(f"{source}：规则 {rid} 的设置应为映射，例如 level: error{where('')}。")
    if raw.get("level") is False:  # YAML 1.1 reads a bare `off` as false
        raw = {**raw, "level": "off"}
    if not _as_defaults(raw, rule.OPTIONS):  # the defaults are valid (tests/test_registry.py), no cerberus needed
        schema = {"level": {"type": "string", "allowed": list(LEVELS)}, **_option_schema(rule.OPTIONS)}
        _validate(raw, schema, prefix=f"{source}：规则 {rid} 的选项", where=where)
    level = raw.get("level", rule.LEVEL)
    options = {name: raw.get(name, spec["default"]) for name, spec in rule.OPTIONS.items()}
    problems = rule.validate_options(options) if hasattr(rule, "validate_options") else []
    if problems:
        raise ConfigError("\n".join(f"{source}：规则 {rid} 的选项 {p}{where(p.split('：', 1)[0])}" for p in problems))
    return RuleSetting(None if level == "off" else Severity(level), options)


def _as_defaults(raw: dict[str, Any], options: dict[str, dict[str, Any]]) -> bool:
    """Whether a rule's settings are a known level and nothing but options at their defaults
    (as the shipped rules.yaml writes every rule): then checking them against the schema can
    only pass. Compared type for type, so `1` is not taken for `true` nor `80.0` for `80`."""
    if raw.get("level", "error") not in LEVELS:
        return False
    return all(name in options and _same(value, options[name]["default"]) for name, value in raw.items() if name != "level")


def _same(a: Any, b: Any) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return bool(a == b)


def _option_schema(options: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {name: {k: v for k, v in spec.items() if k != "default"} for name, spec in options.items()}


def _section(name: str, raw: Any, source: str, where: Callable[[str], str] = lambda _: "") -> dict[str, Any]:
    raw = raw or {}
    if not isinstance(raw, dict):
        raise ConfigError(f"{source}：{name} 应为映射（键: 值）{where('')}。")
    validator = _validate(raw, SECTIONS[name], prefix=f"{source}：{name} 的选项", where=where)
    return dict(validator.document)


def _validate(document: dict[str, Any], schema: dict[str, Any], *, prefix: str,
              where: Callable[[str], str] = lambda _: "") -> Validator:
    validator = Validator(schema)
    if not validator.validate(document):
        raise ConfigError("\n".join(f"{prefix} {err.field}：{_describe(err)}{where(str(err.field))}"
                                     for err in validator._errors))
    return validator


def _describe(err: Any) -> str:
    if err.code == 0x00 and err.info:  # a custom message from a check_with function
        return str(err.info[0])
    if err.rule == "excludes":
        return f"不能与 {err.constraint} 同时设置（二选一）"
    if err.rule is None or err.code == 0x03:
        return "未知选项"
    if err.rule == "type":
        names = err.constraint if isinstance(err.constraint, list) else [err.constraint]
        return f"应为{'或'.join(_TYPE_NAMES.get(str(n), str(n)) for n in names)}，实际为 {err.value!r}"
    if err.rule == "allowed":
        return f"取值应为 {'、'.join(map(str, err.constraint))} 之一，实际为 {err.value!r}"
    if err.rule == "empty":
        return "不能为空"
    if err.rule == "maxlength":
        return f"不能超过 {err.constraint} 个字符"
    if err.rule in ("min", "max"):
        return f"{'不能小于' if err.rule == 'min' else '不能大于'} {err.constraint}，实际为 {err.value!r}"
    if err.rule == "schema" and err.child_errors:
        return "；".join(f"{e.document_path[-1]}：{_describe(e)}" for e in err.child_errors)
    return f"不符合要求（{err.rule}: {err.constraint}），实际为 {err.value!r}"
