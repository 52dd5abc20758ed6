"""The value rules agree with a careful reviewer on real-world values (issue 15).

tests/data/value_verdicts.tsv holds 指标值 strings from published target, approval and
self-evaluation tables of several provinces (and values written the way those tables write
them), each with the indicator name, the unit and direction cells where the table has them,
and the verdict a reviewer gives: fine (通过), hint (提示) or error (错误). Every row runs
through `judge_value`, the same rules `validate` runs, with the packaged rules.yaml."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from validator.config.loader import Config, load_config
from validator.rules.verdict import judge_value

CORPUS = Path(__file__).parent / "data" / "value_verdicts.tsv"


def _rows() -> list[dict[str, str]]:
    with CORPUS.open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


ROWS = _rows()


@pytest.fixture(scope="module")
def config() -> Config:
    return load_config()


def test_the_corpus_covers_every_class() -> None:
    classes = Counter(row["class"] for row in ROWS)
    assert set(classes) == {"dropped", "no-operator", "reverse", "qualitative", "time", "notation", "malformed"}
    assert len(ROWS) >= 300 and min(classes.values()) >= 10
    assert {row["verdict"] for row in ROWS} == {"fine", "hint", "error"}


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['class']}:{r['name']}:{r['value']}" for r in ROWS])
def test_rules_agree_with_the_reviewer(row: dict[str, str], config: Config) -> None:
    verdict = judge_value(row["value"] or None, config, name=row["name"] or None, unit=row["unit"] or None,
                          direction=row["direction"] or None, level2=row["level2"] or None)
    found = [(f.rule, f.message) for f in verdict.findings]
    assert verdict.level == row["verdict"], found


def test_the_rule_reference_states_the_policy_once() -> None:
    from validator.rules.reference import rule_reference

    text = rule_reference()
    assert text.count("指标值的审核口径") == 1
    policy = text[text.index("指标值的审核口径"):]
    assert all(word in policy for word in ("通过：", "提示（", "错误（", "为什么："))
    assert "指标值的审核口径" not in rule_reference(["threshold-no-operator"])
