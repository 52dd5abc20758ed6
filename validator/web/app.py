"""The routes of the self-check page (Flask). Each route gathers the request and calls the
checking service, the inbox submission or the season view; every refusal is a Chinese page
(or a JSON `{"error": …}` for clients that ask for JSON) and the server keeps serving.

CSRF: Flask-WTF's CSRFProtect guards every form that changes something or logs in (报送,
office login and logout). `/check` is exempt on purpose: it changes nothing on the server and
its answer goes only to whoever sent the file, so a forged cross-site post gains nothing, while
scripts can post a file with `Accept: application/json` as they would call `validate`."""

from __future__ import annotations

import hmac
import logging
import secrets
import threading
from typing import Any

from flask import Flask, Response, abort, jsonify, redirect, render_template, request, send_file, session, url_for
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.exceptions import HTTPException

from validator.bot.settings import BotSettings
from validator.config.loader import Config
from validator.model import Severity, Status
from validator.web.checking import ACCEPTED_SUFFIXES, CheckResult, CheckService, UploadRefused
from validator.web.present import cell_label, grouped
from validator.web.season import letter_file, season_view
from validator.web.settings import ServeSettings, serve_settings
from validator.web.submit import Receipt, submit_to_inbox
from validator.web.throttle import LoginThrottle

log = logging.getLogger(__name__)

_MESSAGES = {
    400: "请求不完整或格式不对。请回到首页，选择文件后重新提交。",
    403: "没有访问权限。",
    404: "页面不存在，或审核结果已过期（上传的文件只保留一段时间）。请回到首页重新上传。",
    405: "不支持这种访问方式。请从首页上传文件。",
    413: "文件太大，超过了上传上限 {mb:g} MB。请删除多余的工作表、图片或空白行列后重新上传。",
    500: "服务器内部错误，未能完成请求。请稍后重试，或联系预算科。",
}
_CSRF_MESSAGE = "页面已过期或来源无法确认（安全校验未通过）。请回到首页刷新后重新操作。"
_VERDICT_CLASS = {Status.PASSED: "passed", Status.WARNINGS: "warnings", Status.FAILED: "failed",
                  Status.UNREADABLE: "failed"}


def create_app(config: Config, service: CheckService, *, serve: ServeSettings | None = None,
               bot: BotSettings | None = None) -> Flask:
    serve = serve or serve_settings(config)
    bot = bot or BotSettings.from_config(config)
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=secrets.token_hex(32),  # per start: sessions and forms do not outlive the process
        MAX_CONTENT_LENGTH=serve.upload_bytes,
        SESSION_COOKIE_SAMESITE="Strict", SESSION_COOKIE_HTTPONLY=True,
    )
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    csrf = CSRFProtect(app)
    web = _Web(config, service, serve, bot)
    app.extensions["validator_login_throttle"] = web.throttle
    app.add_url_rule("/", "index", web.index)
    app.add_url_rule("/check", "check", csrf.exempt(web.check), methods=["POST"])
    app.add_url_rule("/result/<result_id>", "result", web.result)
    app.add_url_rule("/result/<result_id>/annotated", "annotated", web.annotated)
    app.add_url_rule("/result/<result_id>/letter", "letter", web.letter)
    app.add_url_rule("/result/<result_id>/submit", "submit", web.submit, methods=["POST"])
    app.add_url_rule("/office", "office", web.office)
    app.add_url_rule("/office/login", "office_login", web.office_login, methods=["POST"])
    app.add_url_rule("/office/logout", "office_logout", web.office_logout, methods=["POST"])
    app.add_url_rule("/office/letter/<int:entry_id>", "office_letter", web.office_letter)
    app.register_error_handler(CSRFError, lambda e: _error(400, _CSRF_MESSAGE))
    app.register_error_handler(UploadRefused, lambda e: _error(e.status, e.message))
    app.register_error_handler(HTTPException, lambda e: _http_error(e, serve))
    app.register_error_handler(Exception, _internal)
    app.jinja_env.globals.update(serve=serve, accept=",".join(sorted(ACCEPTED_SUFFIXES)),
                                 severity_error=Severity.ERROR)
    return app


def _wants_json() -> bool:
    return request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json"


def _error(status: int, message: str) -> tuple[Any, int]:
    if _wants_json():
        return jsonify(error=message), status
    return render_template("error.html", status=status, message=message), status


def _http_error(exc: HTTPException, serve: ServeSettings) -> tuple[Any, int]:
    status = exc.code or 500
    message = _MESSAGES.get(status, _MESSAGES[500]).format(mb=serve.upload_mb)
    return _error(status, message)


def _internal(exc: Exception) -> tuple[Any, int]:
    log.exception("request failed")
    return _error(500, _MESSAGES[500])


class _Web:
    """The views, bound to one configuration and one checking service."""

    def __init__(self, config: Config, service: CheckService, serve: ServeSettings, bot: BotSettings) -> None:
        self.config, self.service, self.serve, self.bot = config, service, serve, bot
        self.receipts: dict[str, Receipt] = {}
        self._submitting = threading.Lock()
        self.throttle = LoginThrottle()

    def index(self) -> str:
        return render_template("index.html")

    def check(self) -> Any:
        upload = request.files.get("file")
        if upload is None:
            raise UploadRefused(400, "请求中没有名为 file 的文件。请在首页选择要审核的表格后再提交。")
        result = self.service.check(upload.filename, upload.stream)
        if _wants_json():
            return Response(result.to_json(), mimetype="application/json")
        return self._result_page(result)

    def result(self, result_id: str) -> str:
        return self._result_page(self._found(result_id))

    def _result_page(self, result: CheckResult) -> str:
        report = result.report
        return render_template("result.html", result=result, report=report, groups=grouped(report),
                               verdict_class=_VERDICT_CLASS[report.status], cell_label=cell_label,
                               receipt=self.receipts.get(result.id))

    def _found(self, result_id: str) -> CheckResult:
        result = self.service.get(result_id)
        if result is None:
            abort(404)
        return result

    def annotated(self, result_id: str) -> Response:
        result = self._found(result_id)
        if result.annotated is None or not result.annotated.is_file():
            raise UploadRefused(404, "这份文件没有标注副本（无法读取的文件或文本格式的表格不生成标注副本）。")
        return send_file(result.annotated, as_attachment=True, download_name=result.annotated.name)

    def letter(self, result_id: str) -> Response:
        result = self._found(result_id)
        if result.letter is None or not result.letter.is_file():
            abort(404)
        return send_file(result.letter, as_attachment=True, download_name=result.letter.name)

    def submit(self, result_id: str) -> Any:
        if not self.serve.submit:
            raise UploadRefused(403, "本网页未开放报送。请按预算科通知的方式报送表格。")
        result = self._found(result_id)
        with self._submitting:  # pressing 报送 twice (or in two tabs) sends the file once
            receipt = self.receipts.get(result.id)
            if receipt is None:
                receipt = submit_to_inbox(result, self.bot.inbox)
                self.receipts[result.id] = receipt
                log.info("submitted %s as %s", result.name, receipt.file)
        if _wants_json():
            return jsonify(receipt.to_dict())
        return render_template("receipt.html", result=result, receipt=receipt)

    # --- the office ----------------------------------------------------------------------

    def _office_enabled(self) -> None:
        if not self.serve.office_open:
            raise UploadRefused(404, "此页面未开放。")

    def office(self) -> Any:
        self._office_enabled()
        if not session.get("office"):
            return render_template("office_login.html")
        return render_template("office.html", season=season_view(self.bot, self.serve))

    def office_login(self) -> Any:
        self._office_enabled()
        address = request.remote_addr or "unknown"
        wait = self.throttle.retry_after(address)
        if wait is not None:
            log.warning("office login from %s refused for %s s: too many wrong tokens", address, wait)
            message = (f"访问口令已输错 {self.throttle.max_failures} 次，为防止猜测口令，暂停从本机登录。"
                       f"请 {wait} 秒后再试；忘记口令请与信息技术人员联系。")
            return render_template("office_login.html", locked=message), 429, {"Retry-After": str(wait)}
        given = (request.form.get("token") or "").strip()
        expected = self.serve.office_token or ""
        if not given or not hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
            log.warning("office login refused from %s", address)
            self.throttle.failed(address)
            return render_template("office_login.html", refused=True), 403
        self.throttle.succeeded(address)
        session.clear()
        session["office"] = True
        return redirect(url_for("office"))

    def office_logout(self) -> Any:
        session.clear()
        return redirect(url_for("index"))

    def office_letter(self, entry_id: int) -> Response:
        self._office_enabled()
        if not session.get("office"):
            abort(403)
        path = letter_file(self.bot, entry_id)
        if path is None:
            abort(404)
        return send_file(path, as_attachment=True, download_name=path.name)

