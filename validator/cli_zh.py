"""click's own words in Chinese: usage lines, headings, the help option and error messages.

click looks every such word up through `gettext` at the moment it prints (each of its
modules imports `gettext`/`ngettext` by name); `install()` points those names at this
catalogue, so help and usage errors of every command read in Chinese whatever the machine's
locale. Words not in the catalogue are printed as click wrote them."""

from __future__ import annotations

import importlib
import unicodedata

import click

_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui", "utils")

CATALOGUE: dict[str, str] = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Show this message and exit.": "显示帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "%(prog)s, version %(version)s": "%(prog)s，版本 %(version)s",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行“{command} {option}”查看帮助。",
    "Aborted!": "已中止。",
    "Missing command.": "缺少命令。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing {param_type}": "缺少{param_type}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "Option {name!r} does not take a value.": "选项 {name!r} 不需要值。",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个值。",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
    "Did you mean {possibility}?": "是否想输入 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是否想输入其中之一：{possibilities}？）",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值，实际给了 1 个。",
    "Takes {nargs} values but {len} were given.": "需要 {nargs} 个值，实际给了 {len} 个。",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "{name} {filename!r} does not exist.": "{filename!r} 不存在。",
    "{name} {filename!r} is a file.": "{filename!r} 是文件，不是文件夹。",
    "{name} {filename!r} is a directory.": "{filename!r} 是文件夹，不是文件。",
    "{name} {filename!r} is not readable.": "{filename!r} 无法读取（没有权限）。",
    "{name} {filename!r} is not writable.": "{filename!r} 无法写入（没有权限）。",
    "{name} {filename!r} is not executable.": "{filename!r} 不能执行。",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "integer": "整数",
    "float": "数字",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "{value!r} is not one of {choices}.": "{value!r} 不是可选值 {choices} 之一。",
    "{value!r} is not {choice}.": "{value!r} 不是 {choice}。",
    "{value!r} does not match the format {format}.": "{value!r} 不符合格式 {format}。",
    "{value!r} does not match the formats {formats}.": "{value!r} 不符合格式 {formats} 中的任何一种。",
    "{value!r} is not a valid boolean.": "{value!r} 不是有效的是/否值。",
    "default: {default}": "默认：{default}",
    "required": "必填",
    "env var: {var}": "环境变量：{var}",
    "unknown error": "未知错误",
}


def gettext(message: str) -> str:
    return CATALOGUE.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return gettext(singular if n == 1 else plural)


_METAVARS = {"[OPTIONS]": "[选项]", "COMMAND [ARGS]...": "命令 [参数]..."}
_TYPE_NAMES: dict[type[click.ParamType], str] = {
    click.types.IntParamType: "整数", click.types.FloatParamType: "数字", click.types.StringParamType: "文本",
    click.types.IntRange: "整数范围", click.types.FloatRange: "数字范围",
}


class ChineseHelpFormatter(click.HelpFormatter):
    """Chinese usage prefix, placeholders and full-width colons after headings."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        for english, chinese in _METAVARS.items():
            args = args.replace(english, chinese)
        super().write_usage(prog, args, "用法：" if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")


def display_width(x: str) -> int:
    """Columns a terminal gives `text`: Chinese characters take two (click counts one, which
    misaligns the help columns once an option's placeholder is Chinese)."""
    plain = click.unstyle(x)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in plain)


def install() -> None:
    """Point click's message look-ups at the catalogue (idempotent)."""
    click.Context.formatter_class = ChineseHelpFormatter
    click.formatting.term_len = display_width
    for param_type, name in _TYPE_NAMES.items():
        param_type.name = name  # quoted in errors ("不是有效的整数") and shown as the metavar
    for name in _MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
