"""Shared by the page tests: apps over one warm checking service, uploads built in code, a
zip bomb, and pulling the CSRF token out of a page as a browser would."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from validator.bot.settings import BotSettings
from validator.config.loader import Config, packaged_rules_text, parse_config
from validator.web.app import create_app
from validator.web.checking import CheckService
from validator.web.settings import ServeSettings

_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
_RESULT = re.compile(r'/result/([A-Za-z0-9_-]+)/letter')


def packaged_config() -> Config:
    return parse_config(packaged_rules_text(), source="（内置默认配置）")


def make_app(service: CheckService, root: Path, **serve: Any) -> Flask:
    """An app whose bot folders live under `root`; `serve` overrides ServeSettings fields."""
    bot = BotSettings.build(base_dir=root, config=service.config)
    app = create_app(service.config, service, serve=ServeSettings(**serve), bot=bot)
    app.config["TESTING"] = True
    return app


def upload(client: FlaskClient, path: Path | None = None, *, name: str | None = None, data: bytes | None = None,
           json: bool = False) -> Any:
    """POST /check as the page's form does (field `file`)."""
    content = data if data is not None else (path.read_bytes() if path else b"")
    filename = name or (path.name if path else "upload.xlsx")
    headers = {"Accept": "application/json"} if json else {"Accept": "text/html"}
    return client.post("/check", data={"file": (io.BytesIO(content), filename)},
                       content_type="multipart/form-data", headers=headers)


def csrf_token(html: str) -> str:
    found = _TOKEN.search(html)
    assert found, "the page has no CSRF token"
    return found.group(1)


def result_id(html: str) -> str:
    found = _RESULT.search(html)
    assert found, "the page links no result"
    return found.group(1)


def zip_bomb() -> bytes:
    """A well-formed .xlsx skeleton whose one sheet unpacks from ~20 KB to 20 MB (ratio ~1000)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (20 * 1024 * 1024))
    return buffer.getvalue()
