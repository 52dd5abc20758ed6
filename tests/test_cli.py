"""The command line on real files: exit codes, text and JSON output, options."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import GOOD_GOAL, good_sub, write_sub

from validator.cli import cli, validate_command


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    write_sub(folder / "good.xlsx", good_sub())
    warn = good_sub()
    warn.projects[0] = (*warn.projects[0][:6], "做好普法工作。")
    write_sub(folder / "warn.xlsx", warn)
    bad = good_sub()
    bad.projects[0] = ("普法经费", "某局", 700, 500, 0, 100, GOOD_GOAL)
    write_sub(folder / "bad.xlsx", bad)
    (folder / "broken.xlsx").write_bytes(b"not a workbook")
    (folder / "~$good.xlsx").write_bytes(b"lock file")
    (folder / "readme.md").write_text("不是提交")
    return folder


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_text_output_and_exit_code(batch: Path) -> None:
    code, out = _run("validate", str(batch))
    assert code == 1
    assert f"{batch / 'bad.xlsx'}:项目信息!C4 [错误] ［普法经费］总计 700.00 不等于" in out
    assert "(funds-row-total)" in out
    assert f"{batch / 'good.xlsx'}：通过（错误 0 条，提示 0 条）" in out
    assert f"{batch / 'warn.xlsx'}：通过（有提示）" in out
    assert f"{batch / 'broken.xlsx'}：退回修改（文件无法读取）（错误 1 条" in out
    # every per-file verdict matches the totals line: one plain 退回修改, one unreadable
    assert sum(line.endswith("条）［标准模板］") and "：退回修改（错误" in line for line in out.splitlines()) == 1
    assert "共 4 个文件：通过 1，通过（有提示）1，退回修改 1，无法读取 1；" in out
    assert "~$good" not in out and "readme" not in out


def test_json_contract(batch: Path) -> None:
    code, out = _run("validate", str(batch), "--format", "json")
    assert code == 1
    data = json.loads(out)
    by_name = {Path(f["path"]).name: f for f in data["files"]}
    assert {n: f["status"] for n, f in by_name.items()} == {
        "bad.xlsx": "failed", "broken.xlsx": "unreadable", "good.xlsx": "passed", "warn.xlsx": "warnings"}
    finding = by_name["bad.xlsx"]["findings"][0]
    assert set(finding) == {"rule", "severity", "sheet", "cell", "project", "indicator", "message", "suggestion", "value"}
    assert (finding["rule"], finding["severity"], finding["cell"], finding["value"]) == ("funds-row-total", "error", "C4", "700")
    assert finding["indicator"] is None
    assert data["summary"] == {"files": 4, "passed": 1, "with_warnings": 1, "failed": 1, "unreadable": 1,
                               "errors": 2, "warnings": 1}
    for f in data["files"]:
        assert f["errors"] == sum(x["severity"] == "error" for x in f["findings"])


def test_strict_fails_on_warnings(tmp_path: Path) -> None:
    warn = good_sub()
    warn.projects[0] = (*warn.projects[0][:6], "做好普法工作。")
    path = write_sub(tmp_path / "warn.xlsx", warn)
    assert _run("validate", str(path))[0] == 0
    assert _run("validate", str(path), "--strict")[0] == 1


def test_quiet_prints_verdicts_only(batch: Path) -> None:
    code, out = _run("validate", str(batch), "--quiet")
    assert code == 1 and "(funds-row-total)" not in out and "退回修改" in out


def test_rules_file_option_and_cwd_default(tmp_path: Path, good_path: Path) -> None:
    strict_goals = tmp_path / "strict.yaml"
    strict_goals.write_text("rules:\n  goal-too-short:\n    level: error\n    min_chars: 500\n", encoding="utf-8")
    assert _run("validate", str(good_path), "--rules", str(strict_goals))[0] == 1
    (tmp_path / "rules.yaml").write_text(strict_goals.read_text(encoding="utf-8"), encoding="utf-8")
    assert _run("validate", str(good_path))[0] == 1  # ./rules.yaml is the default


@pytest.mark.parametrize(("content", "phrase"), [
    ("rules:\n  no-such-rule: {level: error}\n", "未知规则“no-such-rule”"),
    ("rules:\n  funds-row-total: {tolerance: 很小}\n", "规则 funds-row-total 的选项 tolerance"),
    ("rules:\n  goal-too-short: {min_chars: 0}\n", "不能小于 1"),
    ("rules: [\n", "YAML 格式错误"),
])
def test_bad_configuration_is_a_usage_error(tmp_path: Path, good_path: Path, content: str, phrase: str) -> None:
    rules = tmp_path / "bad.yaml"
    rules.write_text(content, encoding="utf-8")
    code, out = _run("validate", str(good_path), "--rules", str(rules))
    assert code == 2 and phrase in out


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    assert _run("validate", str(tmp_path / "nope.xlsx"))[0] == 2


def test_validate_entry_point_equals_subcommand(good_path: Path) -> None:
    result = CliRunner().invoke(validate_command, [str(good_path), "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.output)["summary"]["passed"] == 1


def test_python_dash_m(good_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "validator", "validate", str(good_path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "通过" in done.stdout


def test_rules_command_prints_reference() -> None:
    code, out = _run("rules", "funds-row-total")
    assert code == 0 and "funds-row-total（默认级别：错误" in out and "不通过示例" in out
    assert _run("rules", "nope")[0] == 2


def test_rules_check(tmp_path: Path) -> None:
    good = tmp_path / "r.yaml"
    good.write_text("rules:\n  goal-too-short: off\n", encoding="utf-8")
    code, out = _run("rules", "--check", str(good))
    assert code == 0 and "配置有效" in out


def _commands(group, prefix=()):  # type: ignore[no-untyped-def]
    for name, command in group.commands.items():
        yield (*prefix, name), command
        if hasattr(command, "commands"):
            yield from _commands(command, (*prefix, name))


def test_every_command_and_option_has_chinese_help() -> None:
    for path, command in _commands(cli):
        assert command.help and any("\u4e00" <= ch <= "\u9fff" for ch in command.help), path
        for param in command.params:
            if param.param_type_name == "option" and param.name not in ("help",):
                assert param.help, (path, param.name)
        assert _run(*path, "--help")[0] == 0
