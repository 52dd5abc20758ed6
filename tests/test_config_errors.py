"""rules.yaml problems are reported all at once, each with its line, in Chinese; YAML syntax
errors too."""

import pytest

from validator.config.loader import ConfigError, parse_config

BAD = """rules:
  no-such-rule: 1
  goal-too-short:
    min_chars: x
    level: warn
letter:
  office: ""
  bogus: 1
"""


def problems(text: str) -> list[str]:
    with pytest.raises(ConfigError) as info:
        parse_config(text, source="rules.yaml")
    return str(info.value).splitlines()


def test_every_problem_at_once_with_its_line() -> None:
    assert sorted(problems(BAD)) == sorted([
        "rules.yaml：未知规则“no-such-rule”（第 2 行）。可用规则见 `validator rules`。",
        "rules.yaml：规则 goal-too-short 的选项 level：取值应为 error、warning、off 之一，实际为 'warn'（第 5 行）",
        "rules.yaml：规则 goal-too-short 的选项 min_chars：应为整数，实际为 'x'（第 4 行）",
        "rules.yaml：letter 的选项 bogus：未知选项（第 8 行）",
        "rules.yaml：letter 的选项 office：不能为空（第 7 行）",
    ])


def test_unknown_sections_are_listed_with_the_rest() -> None:
    found = problems("colour: red\nrules:\n  goal-too-short:\n    level: loud\n")
    assert len(found) == 2 and "未知配置项“colour”（第 1 行）" in found[0] and "（第 4 行）" in found[1]


@pytest.mark.parametrize(("text", "said"), [
    ("rules:\n  a: [1\n", "YAML 格式错误：第 2 行第 6 列，第 3 行第 1 列：方括号 [ ] 没有闭合"),
    ("rules:\n  goal-too-short:\n\tlevel: error\n", "YAML 格式错误：第 3 行第 1 列：不能用 Tab 缩进"),
    ("letter:\n  title: a: b\n", "YAML 格式错误：第 2 行第 11 列：这里不能出现冒号"),
    ('letter:\n  title: "abc\n', "引号没有闭合"),
])
def test_yaml_syntax_errors_are_said_in_chinese_with_their_place(text: str, said: str) -> None:
    (message,) = problems(text)
    assert said in message and "unicode string" not in message and "expected" not in message
