"""The README's two quick-start commands are the ones CI and a new user run."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _quick_start() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## 快速开始.*?```bash\n(.*?)```", text, re.S)
    assert block, "README has a quick start block"
    return [line for line in block.group(1).splitlines() if line and not line.startswith("#")]


def test_exactly_two_commands() -> None:
    assert len(_quick_start()) == 2


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    test_command = _quick_start()[1]
    assert "pytest" in test_command and '".[test]"' in test_command
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci



def test_main_job_runs_on_samples_shipped_in_the_repo() -> None:
    main_job = _quick_start()[0]
    samples = [word for word in main_job.split() if word.startswith("examples/")]
    assert samples and all(list(REPO.glob(s)) for s in samples)
