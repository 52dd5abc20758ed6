from pathlib import Path

import pytest
from helpers import cells, check, with_indicator

RULE = "threshold-compound"
NAME = "人均培训学时"



@pytest.mark.parametrize("value", ["≥110学分", "90%-95%", "5-10个", "100%，如未发生则视为完成", "完成"])
def test_one_target(tmp_path: Path, value: str) -> None:
    assert check(tmp_path, RULE, with_indicator(NAME, value)) == []


@pytest.mark.parametrize(("value", "targets"), [
    ("处级≥110学分，科级≥90学分", "处级≥110学分；科级≥90学分"),
    ("《说法》10期，《普法名师大讲堂》6期", "《说法》=10期；《普法名师大讲堂》=6期"),
])
def test_several_targets(tmp_path: Path, value: str, targets: str) -> None:
    [finding] = check(tmp_path, RULE, with_indicator(NAME, value))
    assert cells([finding]) == [("绩效指标", "F4")] and finding.value == value
    assert f"包含2个目标（{targets}）" in finding.message
    assert "拆分为2条指标" in (finding.suggestion or "")
