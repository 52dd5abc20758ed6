"""Every module imports where POSIX-only modules do not exist (Windows): checked in a fresh
interpreter in which `fcntl` cannot be imported, and the bot's lock works there too."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import validator

ROOT = Path(__file__).resolve().parents[1]

_PROBE = """
import importlib, sys
sys.modules["fcntl"] = None  # `import fcntl` now raises ImportError, as on Windows
names = sys.argv[1:]
for name in names:
    importlib.import_module(name)
assert "fcntl" not in {m for m in sys.modules if sys.modules[m] is not None}
from pathlib import Path
import tempfile
from validator.bot.runner import exclusive_lock, lock_held
with tempfile.TemporaryDirectory() as folder:
    lock = Path(folder) / "ledger.sqlite3.lock"
    with exclusive_lock(lock, wait=False):
        held = lock_held(lock)
    print(len(names), held, lock_held(lock))
"""


def all_modules() -> list[str]:
    """Every module of the package except `__main__` (which runs the CLI when imported)."""
    return sorted(m.name for m in pkgutil.walk_packages(validator.__path__, "validator.") if m.name != "validator.__main__")


def test_every_module_imports_without_fcntl() -> None:
    names = all_modules()
    assert {"validator.bot.runner", "validator.bot.scheduler", "validator.cli", "validator.deadline"} <= set(names)
    done = subprocess.run([sys.executable, "-c", _PROBE, *names], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(len(names)), "True", "False"]


def test_the_probe_really_hides_fcntl() -> None:
    done = subprocess.run([sys.executable, "-c", 'import sys; sys.modules["fcntl"] = None; import fcntl'],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 and "import of fcntl halted" in done.stderr
