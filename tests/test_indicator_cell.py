import pytest

from validator.values.indicator_cell import CellItem, format_cell, split_cell


def _triples(text: str) -> list[tuple[int | None, str | None, str, str]]:
    return [(i.position, i.level1, i.name, i.value) for i in split_cell(text)]


def test_published_wording() -> None:
    text = "1、产出指标：法治讲座场次，年度指标值：≥48场。 2、满意度指标：群众满意度，年度指标值：≥90%。"
    assert _triples(text) == [(1, "产出指标", "法治讲座场次", "≥48场"), (2, "满意度指标", "群众满意度", "≥90%")]


def test_numbering_that_restarts_is_kept_as_written() -> None:
    text = "1、产出指标：a，年度指标值：1。 2、产出指标：b，年度指标值：2。 1、满意度指标：c，年度指标值：>95%。"
    assert [i.position for i in split_cell(text)] == [1, 2, 1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.产出:讲座场次,年度指标值:≥48场", (1, "产出", "讲座场次", "≥48场")),  # half-width, short category
        ("１．效果指标：覆盖率，年度指标值：100%", (1, "效果指标", "覆盖率", "100%")),  # full-width number
        ("1、产出指标：讲座场次，≥48场。", (1, "产出指标", "讲座场次", "≥48场")),  # no 年度指标值 label
        ("1、产出指标：讲座场次：48场", (1, "产出指标", "讲座场次", "48场")),
        ("1、讲座场次，年度指标值：48场", (1, None, "讲座场次", "48场")),  # no category
        ("产出指标：讲座场次，年度指标值：48场", (None, "产出指标", "讲座场次", "48场")),  # no number
        ("1、产出指标(50分)：讲座场次，年度指标值：48场", (1, "产出指标(50分)", "讲座场次", "48场")),
    ],
)
def test_tolerated_variants(text: str, expected: tuple[object, ...]) -> None:
    assert _triples(text) == [expected]


def test_names_broken_by_spaces_and_line_breaks_are_kept_raw() -> None:
    [item] = split_cell("\n1、产出指标：法治讲座\n场 次，年度指标值：≥48场。\n\n")
    assert item.name == "法治讲座\n场 次"


def test_remark_after_the_value_goes_to_remark() -> None:
    text = "1、产出指标：调解率，年度指标值：100%。（人均年度调解案件数为平均值。）"
    [item] = split_cell(text)
    assert (item.value, item.remark) == ("100%", "（人均年度调解案件数为平均值。）")
    [item] = split_cell("1、产出指标：调解率，年度指标值：100%。注：按年度统计。")
    assert (item.value, item.remark) == ("100%", "注：按年度统计")


def test_glued_remark_stays_in_the_value() -> None:
    [item] = split_cell("1、产出指标：国家赔偿合规率，年度指标值：100%，如未发生则视为完成。")
    assert item.value == "100%，如未发生则视为完成"


def test_level2_written_with_the_category() -> None:
    [item] = split_cell("1、产出指标-数量指标：讲座场次，年度指标值：48场")
    assert (item.level1, item.level2) == ("产出指标", "数量指标")
    [item] = split_cell("1、效益指标（社会效益指标）：覆盖率，年度指标值：100%")
    assert (item.level1, item.level2) == ("效益指标", "社会效益指标")


def test_numbers_inside_names_and_values_do_not_split() -> None:
    text = "1、产出指标：完成第 2、3 期建设，年度指标值：1.5万人次。 2、效益指标：全市11区覆盖率，年度指标值：100%。"
    assert _triples(text) == [(1, "产出指标", "完成第 2、3 期建设", "1.5万人次"), (2, "效益指标", "全市11区覆盖率", "100%")]


def test_empty_cell_and_missing_value() -> None:
    assert split_cell("") == [] and split_cell("  \n ") == []
    assert split_cell("1、产出指标：讲座场次") == [CellItem(1, "产出指标", None, "讲座场次", "")]


def test_format_then_split_round_trip() -> None:
    items = [("产出指标", "法治讲座场次", "≥48场"), ("满意度指标", "群众满意度", "≥90%"), (None, "覆盖率", "100%")]
    text = format_cell(items)
    assert text.startswith("1、产出指标：法治讲座场次，年度指标值：≥48场。 2、")
    assert [(i.level1, i.name, i.value) for i in split_cell(text)] == items
