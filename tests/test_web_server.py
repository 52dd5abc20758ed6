"""`validator serve` as the office starts it: a real waitress server on 127.0.0.1 and a free
port, that answers, refuses a port already taken in Chinese, and stops cleanly on SIGTERM
(as systemd stops it), leaving no temporary folder or worker process behind."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import urllib3
from bothelpers import cli_env, run_cli

_STARTED = re.compile(r"http://127\.0\.0\.1:(\d+)/")


def _temp_folders() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("validator-serve-*")}


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is a POSIX signal")
def test_serve_answers_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    before = _temp_folders()
    server = subprocess.Popen([sys.executable, "-m", "validator", "serve", "--port", "0"], cwd=tmp_path,
                              env=cli_env(), stderr=subprocess.PIPE, text=True, encoding="utf-8")
    assert server.stderr is not None
    banner = [server.stderr.readline() for _ in range(3)]
    found = _STARTED.search(banner[0])
    assert found, banner
    page = urllib3.PoolManager().request("GET", f"http://127.0.0.1:{found.group(1)}/", timeout=30)
    assert page.status == 200 and "开始审核" in page.data.decode("utf-8")
    assert "未开放" in banner[1] and "未开放" in banner[2]  # no 报送, no /office by default
    server.send_signal(signal.SIGTERM)
    assert server.wait(timeout=30) == 0
    assert "已停止" in server.stderr.read()
    assert _temp_folders() <= before


def test_a_port_in_use_is_a_usage_error_in_chinese(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = run_cli(tmp_path, "serve", "--port", str(port), timeout=60)
    assert result.returncode == 2 and "无法在 127.0.0.1" in result.stderr and "--port" in result.stderr
