"""`validator import`: published tables become filled standard templates."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from helpers import GOOD_CELL, GOOD_GOAL, good_published, validate, write_published
from openpyxl import load_workbook

from validator.published.importer import NotPublishedTable, ValueSplit, import_table, infer_level2, split_value
from validator.reader import read_submission

SEED = Path(__file__).parent / "data" / "seed_2023.txt"
# 二级指标 written with the category, as some tables do: nothing is left to choose.
FULL_CELL = GOOD_CELL.replace("效益指标：", "效益指标-社会效益指标：")


def _indicator_rows(path: Path) -> list[tuple[object, ...]]:
    ws = load_workbook(path)["绩效指标"]
    return [r for r in ws.iter_rows(min_row=4, values_only=True) if r[0] is not None]


@pytest.mark.parametrize(
    ("value", "name", "expected"),
    [
        ("≥95%", None, ValueSplit("≥", "95", "%")),
        ("100%", None, ValueSplit("=", "100", "%")),  # a bare value means =
        ("<24小时", None, ValueSplit("<", "24", "小时")),
        ("≥95", "合格率（%）", ValueSplit("≥", "95", "%", ("导入：原指标值“≥95”",))),  # unit from the name
        ("95%以上", None, ValueSplit("≥", "95", "%", ("导入：原指标值“95%以上”",))),
        ("完成", None, ValueSplit("定性", "完成", None)),
        ("办公区域全覆盖", None, ValueSplit("定性", "办公区域全覆盖", None)),
    ],
)
def test_split_value(value: str, name: str | None, expected: ValueSplit) -> None:
    assert split_value(value, name=name) == expected


def test_compound_value_stays_whole_with_a_note() -> None:
    split = split_value("处级≥110学分，科级≥90学分")
    assert (split.direction, split.value, split.unit) == (None, "处级≥110学分，科级≥90学分", None)
    assert split.notes == ("导入：指标值含多个目标（处级≥110学分；科级≥90学分），建议拆分为多条指标",)


def test_remark_goes_to_the_note() -> None:
    split = split_value("100%，如未发生需要拨付的情况，则视为完成")
    assert (split.direction, split.value, split.unit) == ("=", "100", "%")
    assert split.notes == ("如未发生需要拨付的情况，则视为完成",)


@pytest.mark.parametrize(
    ("level1", "name", "unit", "expected"),
    [
        ("满意度指标", "用户满意度", "%", "服务对象满意度指标"),
        ("产出指标", "故障排除速度", "小时", "时效指标"),
        ("产出指标", "维护工作按时完成率（%）", "%", "时效指标"),
        ("产出指标", "软件平台合格率", "%", "质量指标"),
        ("产出指标", "车辆购置数", "辆", "数量指标"),
        ("产出指标", "系统用户数", None, "数量指标"),
        ("产出指标", "审计计划完成率", "%", None),  # not obvious
        ("效益指标", "系统可用性", "%", None),
        (None, "系统可用性", "%", None),
    ],
)
def test_level2_only_where_obvious(level1: str | None, name: str, unit: str | None, expected: str | None) -> None:
    assert infer_level2(level1, name, unit) == expected


def test_seed_becomes_one_template(tmp_path: Path) -> None:
    result = import_table(SEED, tmp_path)
    [path] = result.paths
    assert path.name == "2023年项目支出绩效目标表_广州市司法局.xlsx"
    assert (result.projects, result.indicators, result.kept_whole) == (29, 141, 2)
    sub = read_submission(path)
    assert (sub.layout, sub.department, sub.year) == ("template", "广州市司法局", 2023)
    names = [r.name.text for r in sub.projects]
    assert "广州市司法局2022年信息化建设开发项目" in names  # spaces from the PDF removed
    rows = _indicator_rows(path)
    assert rows[0] == ("一村（社区）法律顾问公益法律服务经费", "产出指标", "时效指标",
                       "每月到村（社区）提供法律服务含非现场服务折抵时间（小时）", "≥", "8", "小时", "导入：原指标值“≥8”")
    remark = next(r for r in rows if r[3] == "矛盾纠纷案件调解率")
    assert remark[4:7] == ("=", "100", "%") and remark[7].startswith("（人均年度调解案件数、人均案件调解成功率为平均值。）")


def test_imported_template_validates_as_template(tmp_path: Path) -> None:
    [path] = import_table(SEED, tmp_path).paths
    report = validate(path)
    rules = Counter(f.rule for f in report.findings)
    # the seed's own gaps and values, the 二级指标 left to choose; remarks now sit in 指标解释/备注;
    # the compound 《说法》10期，《普法名师大讲堂》6期 is kept whole and still has no direction
    assert rules == {"category-missing": 22, "field-required": 48, "threshold-no-unit": 10, "threshold-qualitative": 3,
                     "threshold-compound": 2, "unit-mismatch": 2, "threshold-no-operator": 1}
    assert all(f.message == "“二级指标”未填写。" for f in report.findings if f.rule == "field-required")
    assert report.errors == 22 + import_table(SEED, tmp_path / "again").level2_empty


def test_one_template_per_department_or_single(tmp_path: Path) -> None:
    rows = [
        ("合计", "700.00", "700.00", None, None, None, None),
        ("某市司法局", "600.00", "600.00", None, None, None, None),
        ("普法经费", "600.00", "600.00", None, None, GOOD_GOAL, FULL_CELL),
        ("某市公证处", "100.00", "100.00", None, None, None, None),
        ("公证经费", "100.00", "100.00", None, None, GOOD_GOAL, FULL_CELL),
    ]
    table = write_published(tmp_path / "t.txt", rows)
    result = import_table(table, tmp_path / "split")
    assert sorted(p.name for p in result.paths) == ["2023年项目支出绩效目标表_某市公证处.xlsx",
                                                     "2023年项目支出绩效目标表_某市司法局.xlsx"]
    for path in result.paths:
        assert validate(path).errors == 0
    [single] = import_table(table, tmp_path / "one", single=True).paths
    sub = read_submission(single)
    assert [(r.name.text, r.unit.text) for r in sub.projects] == [("普法经费", "某市司法局"), ("公证经费", "某市公证处")]


def test_good_table_imports_clean(tmp_path: Path) -> None:
    rows = [(*r[:6], FULL_CELL if r[6] else None) for r in good_published()]
    [path] = import_table(write_published(tmp_path / "t.xlsx", rows), tmp_path / "out").paths
    assert validate(path).findings == ()
    [path] = import_table(write_published(tmp_path / "t.txt", good_published()), tmp_path / "out2").paths
    [finding] = validate(path).findings  # 效益 has no obvious 二级指标
    assert (finding.rule, finding.cell, finding.indicator) == ("field-required", "C5", "宪法宣传周活动区覆盖率")
    assert load_workbook(path)["绩效指标"]["H5"].value == "导入：公开表未列明二级指标，请从下拉列表选择"


def test_text_is_written_literally(tmp_path: Path) -> None:
    cell = "1、产出指标：=HYPERLINK(\"http://x\")，年度指标值：≥1个。 2、效益指标：覆盖率，年度指标值：100%。 " \
           "3、满意度指标：满意度，年度指标值：≥90%。"
    rows = [("=1+1", "600.00", "600.00", None, None, GOOD_GOAL, cell)]
    [path] = import_table(write_published(tmp_path / "t.txt", rows), tmp_path / "out").paths
    book = load_workbook(path)
    assert book["项目信息"]["A4"].value == "=1+1" and book["项目信息"]["A4"].data_type == "s"
    assert book["绩效指标"]["D4"].value == "=HYPERLINK(\"http://x\")" and book["绩效指标"]["D4"].data_type == "s"


def test_a_template_is_not_a_published_table(tmp_path: Path, good_path: Path) -> None:
    with pytest.raises(NotPublishedTable):
        import_table(good_path, tmp_path / "out")


def test_repeated_project_name_keeps_each_indicator_once(tmp_path: Path) -> None:
    rows = [("普法经费", "1", "1", None, None, GOOD_GOAL, "1、产出指标：场次，年度指标值：≥1场。"),
            ("普法 经费", "2", "2", None, None, GOOD_GOAL, "1、效益指标：覆盖率，年度指标值：100%。")]
    [path] = import_table(write_published(tmp_path / "t.txt", rows), tmp_path / "out").paths
    assert [r[3] for r in _indicator_rows(path)] == ["场次", "覆盖率"]
