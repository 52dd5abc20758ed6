"""`validator serve`: the page under waitress, a production WSGI server in pure Python that
runs the same on the office's Windows or Linux machine (no C extension, no fork). The check
workers are started before the first request, and stopped with the server."""

from __future__ import annotations

import ipaddress
import logging
import signal
from collections.abc import Callable
from types import FrameType

from waitress import create_server

from validator.bot.settings import BotSettings
from validator.config.loader import Config
from validator.web.app import create_app
from validator.web.checking import CheckService
from validator.web.settings import serve_settings

log = logging.getLogger(__name__)

THREADS = 8
_BODY_SLACK = 4  # waitress refuses bodies past this many times the upload limit; Flask answers (in Chinese) below


def serve(config: Config, *, host: str, port: int, announce: Callable[[str], None]) -> None:
    """Serve until interrupted (Ctrl+C, or SIGTERM from systemd). Port 0 takes a free port."""
    settings = serve_settings(config)
    bot = BotSettings.from_config(config)
    service = CheckService(config, workers=settings.workers, seconds=settings.check_seconds,
                           keep_minutes=settings.keep_minutes)
    try:
        app = create_app(config, service, serve=settings, bot=bot)
        server = create_server(app, host=host, port=port, threads=max(THREADS, settings.workers * 2),
                               max_request_body_size=settings.upload_bytes * _BODY_SLACK + (1 << 20),
                               ident="validator")  # binds now: a port in use fails before workers start
        service.warm_up()
        for line in _banner(host, int(server.effective_port), settings.submit, settings.office_open, bot):
            announce(line)
        _stop_on_sigterm()
        try:
            server.run()  # returns on Ctrl+C or SIGTERM
        finally:
            server.close()
        announce("自助审核网页已停止。")
    finally:
        service.close()


def _banner(host: str, port: int, submit: bool, office: bool, bot: BotSettings) -> list[str]:
    shown = f"[{host}]" if ":" in host else host
    lines = [f"自助审核网页已启动：http://{shown}:{port}/ （按 Ctrl+C 停止）"]
    if not _loopback(host):
        lines.append("注意：本网页可从网络中的其他电脑访问，请只在单位内网使用。")
    lines.append(f"报送：{'已开放，文件放入 ' + str(bot.inbox) if submit else '未开放（serve.submit）'}")
    lines.append(f"预算科页面 /office：{'已开放（需要访问口令）' if office else '未开放（serve.office 与访问口令）'}")
    return lines


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _stop_on_sigterm() -> None:
    """systemd and `kill` stop the service with SIGTERM: stop like Ctrl+C, so the workers and
    the temporary folder are cleaned up."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, stop)
