import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from helpers import good_sub, write_sub  # noqa: E402


@pytest.fixture
def good_path(tmp_path: Path) -> Path:
    return write_sub(tmp_path / "good.xlsx", good_sub())


@pytest.fixture(autouse=True)
def _isolated_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never pick up a rules.yaml from wherever pytest was started."""
    monkeypatch.chdir(tmp_path)
