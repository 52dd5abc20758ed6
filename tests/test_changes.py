from validator.model import FileReport, Finding, Severity
from validator.outputs.changes import compare


def f(rule: str, cell: str | None, message: str = "问题", **kw: object) -> Finding:
    return Finding(rule=rule, severity=Severity.ERROR, message=message, sheet="项目信息", cell=cell, **kw)  # type: ignore[arg-type]


def test_fixed_still_open_and_new() -> None:
    before = FileReport("a.xlsx", (f("funds-row-total", "C4"), f("goal-missing", "G4"), f("goal-missing", "G5")))
    after = FileReport("a.xlsx", (f("goal-missing", "G5", "另一种措辞"), f("text-placeholder", "D4")))
    changes = compare(before, after)
    assert [x.cell for x in changes.fixed] == ["C4", "G4"]
    assert [x.cell for x in changes.still_open] == ["G5"]
    assert [x.cell for x in changes.new] == ["D4"]
    assert not changes.unchanged


def test_project_and_indicator_are_part_of_the_identity() -> None:
    before = FileReport("a.xlsx", (f("threshold-malformed", "F4", project="甲", indicator="场次"),))
    after = FileReport("a.xlsx", (f("threshold-malformed", "F4", project="乙", indicator="场次"),))
    changes = compare(before, after)
    assert len(changes.fixed) == len(changes.new) == 1 and changes.still_open == ()


def test_repeated_keys_count_as_a_multiset() -> None:
    before = FileReport("a.xlsx", (f("indicator-duplicate", None), f("indicator-duplicate", None)))
    after = FileReport("a.xlsx", (f("indicator-duplicate", None),))
    changes = compare(before, after)
    assert (len(changes.fixed), len(changes.still_open), len(changes.new)) == (1, 1, 0)


def test_identical_reports_are_unchanged() -> None:
    report = FileReport("a.xlsx", (f("goal-missing", "G4"),))
    assert compare(report, report).unchanged


def test_a_name_quoted_normalised_by_an_earlier_release_is_the_same_problem() -> None:
    before = FileReport("a.xlsx", (f("category-missing", "A5", project="行政执法“两平台”:广州市级执法办案平台项目"),))
    after = FileReport("a.xlsx", (f("category-missing", "A5", project="行政执法“两平台”：广州市级执法办案平台项目"),))
    assert [x.cell for x in compare(before, after).still_open] == ["A5"]
