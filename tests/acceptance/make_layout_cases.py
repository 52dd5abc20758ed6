"""Regenerates the acceptance workbooks of the two other layouts and their sidecars:
`python tests/acceptance/make_layout_cases.py`.

The workbooks are built with openpyxl (merged cells, spacer rows, amounts as text) and then
re-saved by LibreOffice, as a unit's office suite would save them:

    soffice --headless --convert-to xlsx:"Calc MS Excel 2007 XML" --outdir <folder> <built>.xlsx

LibreOffice is not needed to run the tests: the re-saved files are committed. Without it this
script keeps the openpyxl files (and says so). Each `<name>.expect.yaml` lists every
(rule, location) the case must report: hand-written expectations, not the tool's output."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from layout_builders import Form, RowProject, write_national, write_rowwise  # noqa: E402

S = "绩效目标"
EXPORT_COLUMNS = ("单位名称", "项目名称", "预算数（万元）", "其中：财政拨款", "其他资金", "年度绩效目标", "一级指标",
                  "二级指标", "三级指标", "指标方向", "指标值", "度量单位", "权重", "指标性质")


def rowwise_clean(path: Path) -> list[list[str]]:
    """Two units told apart by a 预算单位 column, no 其他资金 column, 指标性质 as the operator
    column written in words, weights by 分值, a spacer row, fields merged down."""
    columns = ("预算单位", "项目名称", "年度预算", "财政拨款", "年度目标", "一级指标", "二级指标", "指标名称",
               "指标性质", "目标值", "计量单位", "分值")
    projects = [
        RowProject("普法经费", "600.00", "600.00", None, indicators=[
            ("产出指标", "数量指标", "法治讲座场次", "大于等于", "48", "场", "50"),
            ("效益指标", "社会效益指标", "宪法宣传周活动区覆盖率", "等于", "100", "%", "30"),
            ("满意度指标", "服务对象满意度指标", "群众满意度", "大于等于", "90", "%", "20")]),
        RowProject("法律援助", "1,200.00", "1200", None, unit="某区司法局", indicators=[
            ("产出指标", "数量指标", "援助案件数", "大于等于", "300", "件", "40"),
            ("产出指标", "时效指标", "案件受理时间", "小于等于", "3", "个工作日", "10"),
            ("效益指标", "社会效益指标", "结案率", "大于等于", "95", "%", "30"),
            ("满意度指标", "服务对象满意度指标", "受援人满意度", "大于等于", "90", "%", "20")]),
    ]
    write_rowwise(path, projects, columns=columns, spacer_after=(3,))
    return []


def rowwise_problems(path: Path) -> list[list[str]]:
    """Two units in blocks under their own `单位名称：` line and header; a stray header copy."""
    projects = [
        RowProject("普法经费", "600.00", "500.00", "90.00", indicators=[
            ("产出指标", "数量指标", "法治讲座场次", "≥", "48", "场", "50", "正向"),
            ("效益指标", "社会效益指标", "宪法宣传周活动区覆盖率", "小于等于", "100", "%", "30", "正向"),
            ("满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "%", "10", "正向")]),
        RowProject("购置经费", "48", "48", None, goal=None, indicators=[
            ("产出指标", "数量指标", "设备购置数量", "约", "10", "台", "60"),
            ("效益指标", "社会效益指标", "办案效率", "≥", "有效提升", None, "40")]),
        RowProject("法律援助", "1,200.00", "1200", None, unit="某区司法局", indicators=[
            ("产出指标", "数量指标", "援助案件数", "大于等于", "300", "件", "50", "正向"),
            ("效益指标", "社会效益指标", "结案率", "≥", "120", "%", "30", "正向"),
            ("满意度指标", "服务对象满意度指标", "受援人满意度", "≥", "待定", "%", "20", "正向")]),
    ]
    write_rowwise(path, projects, columns=EXPORT_COLUMNS, unit_blocks=True, repeat_header_at=3)
    return [
        ["funds-row-total", f"{S}!C5"], ["weight-total", f"{S}!B5"], ["nature-conflict", f"{S}!J6"],
        ["direction-mismatch", f"{S}!K6"], ["header-repeated", f"{S}!A8"], ["goal-missing", f"{S}!F9"],
        ["category-missing", f"{S}!B9"], ["operator-invalid", f"{S}!J9"], ["operator-invalid", f"{S}!J10"],
        ["percent-range", f"{S}!K15"], ["threshold-malformed", f"{S}!K16"],
    ]


def national_clean(path: Path) -> list[list[str]]:
    """Two project sheets and an instruction sheet: medium-term and annual side by side on one,
    the other laid out down with wider labels, blocks in another order, spacer rows and a
    further funding source (单位自筹资金)."""
    forms = [
        Form("普法宣传"),
        Form("法律援助", total="650.00", sources=(("单位自筹资金", "50.00"),), side_by_side=False,
             order=("name", "funds", "department", "goals", "attribute"), spacers=1, label_width=2,
             indicators=[("产出指标", "数量指标", "援助案件数", "≥", "300", "件"),
                         ("效益指标", "社会效益指标", "结案率", "≥", "95", "%"),
                         ("满意度指标", "服务对象满意度指标", "受援人满意度", "≥", "90", "%")]),
    ]
    write_national(path, forms)
    return []


def national_problems(path: Path) -> list[list[str]]:
    forms = [
        Form("普法宣传", total="650.00", sources=(("上级补助资金", "30.00"),), goal="",
             indicators=[("产出指标", "数量指标", "法治讲座场次", "≥", "48", "场"),
                         ("效益指标", "社会效益指标", "宪法宣传周活动区覆盖率", "≥", "120", "%")]),
        Form("法律援助", side_by_side=False, goal_label="", spacers=1,
             indicators=[("产出指标", "数量指标", "援助案件数", "≥", None, None),
                         ("效益指标", "社会效益指标", "结案率", "≥", "95", "%"),
                         ("满意度指标", "服务对象满意度指标", "受援人满意度", "=", "100", "%")]),
    ]
    write_national(path, forms)
    return [
        ["funds-row-total", "普法宣传!G6"], ["goal-missing", "普法宣传!E11"], ["category-missing", "普法宣传!B3"],
        ["percent-range", "普法宣传!H15"], ["column-missing", "法律援助"], ["threshold-malformed", "法律援助!E18"],
        ["satisfaction-range", "法律援助!E20"],
    ]


CASES = {"pass": [rowwise_clean, national_clean], "fail": [rowwise_problems, national_problems]}


def resave(built: Path, folder: Path) -> bool:
    """Re-save `built` into `folder` with LibreOffice; False when it is not installed."""
    soffice = shutil.which("soffice")
    if soffice is None:
        return False
    subprocess.run([soffice, "--headless", "--convert-to", 'xlsx:Calc MS Excel 2007 XML', "--outdir", str(folder),
                    str(built)], check=True, capture_output=True, timeout=180)
    return True


def write_cases(cases_by_folder: dict[str, list[Callable[[Path], list[list[str]]]]]) -> None:
    """Build each case, re-save it into its folder (pass/ or fail/) and write its expectations."""
    with tempfile.TemporaryDirectory() as tmp:
        for folder, cases in cases_by_folder.items():
            for case in cases:
                built = Path(tmp) / f"{case.__name__}.xlsx"
                expected = case(built)
                target = HERE / folder
                if not resave(built, target):
                    print(f"未找到 soffice，{built.name} 保留 openpyxl 生成的文件。")
                    shutil.copy(built, target / built.name)
                (target / f"{case.__name__}.expect.yaml").write_text(
                    yaml.safe_dump({"findings": expected}, allow_unicode=True), encoding="utf-8")


def main() -> None:
    write_cases(CASES)


if __name__ == "__main__":
    main()
