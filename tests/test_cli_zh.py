"""click's own words are Chinese in every command's help and in usage errors."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from validator.cli import cli, validate_command
from validator.cli_zh import CATALOGUE, display_width

ENGLISH = ("Usage:", "Options:", "Commands:", "Show this message", "[OPTIONS]", "COMMAND [ARGS]", "Error:",
           "Try '", "INTEGER", "PATH", "TEXT")


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [prefix]
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found.extend(_commands(command, (*prefix, name)))
        else:
            found.append((*prefix, name))
    return found


@pytest.mark.parametrize("path", _commands(cli), ids=lambda p: " ".join(p) or "validator")
def test_help_has_no_english_words_of_click(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"], prog_name="validator")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("用法：validator")
    assert "选项：" in result.output and "显示帮助并退出。" in result.output
    assert not [word for word in ENGLISH if word in result.output], result.output


def test_help_columns_line_up_with_chinese_placeholders() -> None:
    output = CliRunner().invoke(cli, ["template", "--help"], prog_name="validator").output
    rows = [line for line in output.splitlines() if line.startswith("  -")]
    starts = {display_width(line[: line.index("  ", 4)]) + len(line[line.index("  ", 4):]) - len(line[line.index("  ", 4):].lstrip())
              for line in rows}
    assert len(rows) > 3 and len(starts) == 1, rows


@pytest.mark.parametrize(("args", "expected"), [
    (["template", "--year", "abc"], "错误：'--year' 的值无效：'abc' 不是有效的整数。"),
    (["validate", "--nope", "x"], "错误：没有选项 '--nope'。"),
    (["no-such-command"], "错误：没有命令 'no-such-command'。"),
    (["validate", "does-not-exist.xlsx"], "'does-not-exist.xlsx' 不存在。"),
])
def test_usage_errors_are_chinese(args: list[str], expected: str) -> None:
    result = CliRunner().invoke(cli, args, prog_name="validator")
    assert result.exit_code == 2
    assert expected in result.output
    assert "运行“validator" in result.output and "--help”查看帮助。" in result.output
    assert not [word for word in ENGLISH if word in result.output], result.output


def test_the_validate_entry_point_too() -> None:
    result = CliRunner().invoke(validate_command, [], prog_name="validate")
    assert result.exit_code == 2 and result.output.startswith("用法：validate [选项] 文件或文件夹...")
    assert "错误：缺少参数" in result.output


def test_every_translation_keeps_the_placeholders_of_the_original() -> None:
    import string

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for english, chinese in CATALOGUE.items():
        if "%(" not in english:
            assert fields(chinese) <= fields(english), english
