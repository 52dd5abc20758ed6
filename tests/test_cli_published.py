"""The import and publish commands, and validate on published tables, through the CLI."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from helpers import GOOD_GOAL, good_sub, write_published, write_sub

from validator.cli import cli
from validator.reader import read_submission

SEED = Path(__file__).parent / "data" / "seed_2023.txt"


def _run(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result.exit_code, result.output


def test_import_seed(tmp_path: Path) -> None:
    code, out = _run("import", SEED, "-o", tmp_path / "out")
    assert code == 0
    assert f"已生成模板：{tmp_path / 'out' / '2023年项目支出绩效目标表_广州市司法局.xlsx'}" in out
    assert "共 29 个项目、141 条指标" in out


def test_import_single(tmp_path: Path) -> None:
    rows = [("合计", "2", "2", None, None, None, None), ("甲局", "1", "1", None, None, None, None),
            ("甲项目", "1", "1", None, None, GOOD_GOAL, "1、产出指标：场次，年度指标值：≥1场。"),
            ("乙中心", "1", "1", None, None, None, None),
            ("乙项目", "1", "1", None, None, GOOD_GOAL, "1、产出指标：场次，年度指标值：≥1场。")]
    table = write_published(tmp_path / "t.txt", rows, department="甲局")
    assert _run("import", table, "-o", tmp_path / "two")[1].count("已生成模板") == 2
    code, out = _run("import", table, "-o", tmp_path / "one", "--single")
    assert code == 0 and out.count("已生成模板") == 1


def test_import_usage_errors(tmp_path: Path, good_path: Path) -> None:
    code, out = _run("import", good_path, "-o", tmp_path / "out")
    assert code == 2 and "不是公开格式" in out
    notes = tmp_path / "notes.txt"
    notes.write_text("随便写的文字\n", encoding="utf-8")
    code, out = _run("import", notes, "-o", tmp_path / "out")
    assert code == 2 and "表头" in out
    assert _run("import", SEED)[0] == 2  # -o is required
    assert _run("import", tmp_path / "missing.txt", "-o", tmp_path / "out")[0] == 2


def _inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    write_sub(folder / "good.xlsx", good_sub())
    bad = good_sub()
    bad.projects[0] = ("普法经费", "某市司法局", 700, 500, 0, 100, GOOD_GOAL)
    write_sub(folder / "bad.xlsx", bad)
    return folder


def test_publish_skips_and_names_failed_files(tmp_path: Path) -> None:
    out = tmp_path / "公开表.xlsx"
    code, text = _run("publish", _inbox(tmp_path), "-o", out, "--title", "某市司法局2027年项目支出绩效目标表")
    assert code == 0
    assert f"已跳过：{tmp_path / 'inbox' / 'bad.xlsx'}（有错误 1 条）" in text
    assert "有错误的文件可用 validate 查看问题，改正后重新生成；或加 --include-failed 一并写入公开表。" in text
    assert f"已生成公开表：{out}（1 个文件，1 个项目；跳过 1 个文件）" in text
    sub = read_submission(out)
    assert sub.layout == "published" and [r.name.text for r in sub.projects] == ["普法经费"]


def test_publish_include_failed_and_text_format(tmp_path: Path) -> None:
    inbox = _inbox(tmp_path)
    code, text = _run("publish", inbox, "-o", tmp_path / "pub.tab", "--format", "txt", "--include-failed")
    assert code == 0 and "已跳过" not in text
    assert (tmp_path / "pub.tab").read_text(encoding="utf-8").startswith("某市司法局2027年项目支出绩效目标表\n")
    code, _ = _run("publish", inbox, "-o", tmp_path / "pub.txt", "--department", "某市")
    assert code == 0 and "部门名称：某市" in (tmp_path / "pub.txt").read_text(encoding="utf-8")


def test_publish_nothing_accepted(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "broken.xlsx").write_bytes(b"x")
    code, text = _run("publish", folder, "-o", tmp_path / "pub.xlsx")
    assert code == 1 and "没有可公开的提交" in text and not (tmp_path / "pub.xlsx").exists()
    assert "--include-failed" not in text  # an unreadable file cannot be included anyway


def test_publish_usage_errors(tmp_path: Path) -> None:
    assert _run("publish", tmp_path, "-o", tmp_path / "x.xlsx", "--format", "pdf")[0] == 2
    assert _run("publish", "-o", tmp_path / "x.xlsx")[0] == 2  # no sources
    assert _run("publish", tmp_path / "nope", "-o", tmp_path / "x.xlsx")[0] == 2


def test_validate_published_text_reads_well() -> None:
    code, out = _run("validate", SEED)
    assert code == 1
    assert f"{SEED}:第28行第7列 [提示] ［广州市司法局2021年行政执法“两平台”：广州市级执法办案平台项目］［第1项 故障响应时间］" in out
    assert f"{SEED}：退回修改（错误 22 条，提示 29 条）" in out


def test_outputs_for_a_text_table(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", str(SEED), "-q", "--annotate", str(tmp_path / "a"),
                                                      "--letters", str(tmp_path / "l")])
    assert result.exit_code == 1
    assert "已生成标注副本 0 份（无法读取的文件和文本表格不生成）" in result.stderr
    assert len(list((tmp_path / "l").glob("*.docx"))) == 1  # the letter is written for text tables too
