"""One bot pass over an inbox that mixes formats: every accepted format is picked up, read
and answered once, with an .xlsx annotated copy for each readable workbook or CSV table."""

from __future__ import annotations

import shutil
from pathlib import Path

from bothelpers import assert_consistent, ledger_rows, settings_for

from validator.bot.runner import process_inbox

FORMATS = Path(__file__).resolve().parents[0] / "data" / "formats"
ACCEPTANCE = Path(__file__).resolve().parents[0] / "acceptance"


def test_a_pass_over_a_mixed_inbox(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    sources = {
        "司法局.xlsx": ACCEPTANCE / "fail" / "funds.xlsx",
        "司法局旧版.xls": FORMATS / "funds.xls",
        "司法局开源.ods": FORMATS / "funds.ods",
        "司法局改名.xlsx": FORMATS / "values.xls",  # an .xls whose name says .xlsx
        "公开表.csv": FORMATS / "seed_2023.csv",
        "通过.xls": FORMATS / "clean.xls",
    }
    originals = {}
    for name, source in sources.items():
        shutil.copyfile(source, settings.inbox / name)
        originals[name] = source.read_bytes()
    result = process_inbox(settings)
    verdicts = {o.name: o.verdict for o in result.answered}
    assert set(verdicts) == set(sources)
    assert verdicts["通过.xls"] == "通过"
    assert {verdicts[n] for n in ("司法局.xlsx", "司法局旧版.xls", "司法局开源.ods", "司法局改名.xlsx")} == {"退回修改"}
    rows = ledger_rows(settings.ledger)
    annotated = [Path(r["annotated_path"]) for r in rows if r["annotated_path"]]
    assert len(annotated) == len(sources) and all(p.suffix == ".xlsx" and p.is_file() for p in annotated)
    assert_consistent(tmp_path, originals)
