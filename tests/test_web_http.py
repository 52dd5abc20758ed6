"""The page over HTTP: what a unit gets for good and bad uploads, the limits, CSRF, the office
token, submission into the inbox, and a real waitress server answering concurrent uploads.
After every refused request the same app still reviews a good table."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO
from pathlib import Path

import pytest
import urllib3
from bothelpers import failing_sub, other_unit_sub, warning_sub
from click.testing import CliRunner
from docx import Document
from flask import Flask
from helpers import good_sub, write_sub
from openpyxl import load_workbook
from waitress import create_server
from webhelpers import csrf_token, make_app, packaged_config, result_id, upload, zip_bomb
from werkzeug.http import parse_options_header

from validator.cli import cli
from validator.web.checking import CheckService
from validator.web.submit import submit_to_inbox


@pytest.fixture(scope="module")
def service() -> Iterator[CheckService]:
    with_service = CheckService(packaged_config(), workers=2, seconds=60, keep_minutes=60)
    with_service.warm_up()
    yield with_service
    with_service.close()


@pytest.fixture
def app(service: CheckService, tmp_path: Path) -> Flask:
    return make_app(service, tmp_path, submit=True, office=True, office_token="秘密-口令")


@pytest.fixture
def good(tmp_path: Path) -> Path:
    return write_sub(tmp_path / "司法局_绩效目标表.xlsx", good_sub())


@pytest.fixture
def failing(tmp_path: Path) -> Path:
    return write_sub(tmp_path / "司法局_有错误.xlsx", failing_sub())


def still_serves(app: Flask, good: Path) -> None:
    answer = upload(app.test_client(), good, json=True)
    assert answer.status_code == 200 and answer.get_json()["files"][0]["status"] == "passed"


# --- what a unit gets --------------------------------------------------------------------

def test_json_answer_is_what_validate_prints_for_that_file(app: Flask, failing: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    answer = upload(app.test_client(), failing, json=True)
    assert answer.status_code == 200 and answer.mimetype == "application/json"
    monkeypatch.chdir(failing.parent)
    printed = CliRunner().invoke(cli, ["validate", failing.name, "--format", "json"]).output
    page, cli_doc = answer.get_json(), json.loads(printed)
    for doc in (page, cli_doc):
        del doc["generated"]
        del doc["files"][0]["received"]  # the upload's arrival time, the file's mtime for validate
    assert page == cli_doc
    assert page["files"][0]["status"] == "failed" and page["files"][0]["errors"] >= 1


def test_html_answer_shows_verdict_and_findings_errors_first(app: Flask, tmp_path: Path) -> None:
    sub = failing_sub()
    sub.projects[0] = (*sub.projects[0][:6], "开展普法讲座")  # also a hint: the goal is too short
    path = write_sub(tmp_path / "两种问题.xlsx", sub)
    html = upload(app.test_client(), path).get_data(as_text=True)
    assert "审核结论：<span id=\"verdict-text\">退回修改</span>" in html
    assert "项目信息" in html and "普法经费" in html
    assert html.index('class="tag error"') < html.index('class="tag warning"')
    assert "下载标注副本" in html and "下载审核意见函草稿" in html and "报送给预算科" in html


def test_passing_table_says_it_may_be_submitted(app: Flask, good: Path) -> None:
    html = upload(app.test_client(), good).get_data(as_text=True)
    assert ">通过</span>" in html and "没有发现问题" in html and "可以报送" in html


def test_downloads_are_the_annotated_copy_and_the_letter(app: Flask, failing: Path) -> None:
    client = app.test_client()
    original = failing.read_bytes()
    rid = result_id(upload(client, failing).get_data(as_text=True))
    annotated = client.get(f"/result/{rid}/annotated")
    _, disposition = parse_options_header(annotated.headers["Content-Disposition"])
    assert annotated.status_code == 200 and disposition["filename"] == "某市司法局_司法局_有错误_审核标注.xlsx"
    book = load_workbook(BytesIO(annotated.data))
    assert book.sheetnames[0] == "审核意见" and book["审核意见"].max_row >= 2
    letter = client.get(f"/result/{rid}/letter")
    text = "\n".join(p.text for p in Document(BytesIO(letter.data)).paragraphs)
    assert letter.status_code == 200 and "一、审核结论" in text and "退回修改。" in text
    assert failing.read_bytes() == original


def test_published_text_table_is_checked_without_an_annotated_copy(app: Flask) -> None:
    seed = Path(__file__).parent / "data" / "seed_2023.txt"
    answer = upload(app.test_client(), seed, json=True).get_json()
    assert answer["files"][0]["layout"] == "published" and answer["files"][0]["errors"] == 22
    html = upload(app.test_client(), seed).get_data(as_text=True)
    assert "下载标注副本" not in html and "第" in html and "行第" in html


# --- refused or unreadable uploads --------------------------------------------------------

def test_oversized_upload_is_refused_in_chinese(service: CheckService, tmp_path: Path, good: Path) -> None:
    app = make_app(service, tmp_path, upload_mb=0.05)
    answer = upload(app.test_client(), data=b"x" * 200_000, name="大文件.xlsx")
    assert answer.status_code == 413 and "文件太大" in answer.get_data(as_text=True)
    assert "0.05 MB" in answer.get_data(as_text=True)
    assert upload(app.test_client(), data=b"x" * 200_000, name="大文件.xlsx", json=True).get_json()["error"]
    still_serves(app, good)


def test_zip_bomb_is_reported_unreadable_not_unpacked(app: Flask, good: Path) -> None:
    answer = upload(app.test_client(), data=zip_bomb(), name="炸弹.xlsx", json=True).get_json()
    finding = answer["files"][0]["findings"][0]
    assert answer["files"][0]["status"] == "unreadable" and "解压后体积异常" in finding["message"]
    html = upload(app.test_client(), data=zip_bomb(), name="炸弹.xlsx").get_data(as_text=True)
    assert "退回修改（文件无法读取）" in html and "下载标注副本" not in html
    still_serves(app, good)


@pytest.mark.parametrize(("data", "message"), [
    (b"just some text, not a workbook", "不是有效的 Excel 工作簿"),
    (b"", "文件为空"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "旧版"),
])
def test_not_a_workbook_is_reported_unreadable(app: Flask, good: Path, data: bytes, message: str) -> None:
    answer = upload(app.test_client(), data=data, name="表格.xlsx", json=True)
    assert answer.status_code == 200
    assert message in answer.get_json()["files"][0]["findings"][0]["message"]
    still_serves(app, good)


def test_unsupported_file_type_is_refused(app: Flask, good: Path) -> None:
    answer = upload(app.test_client(), data=b"MZ\x90\x00", name="程序.exe")
    assert answer.status_code == 400 and "不支持的文件类型“.exe”" in answer.get_data(as_text=True)
    still_serves(app, good)


def test_missing_field_and_empty_file_name_are_refused(app: Flask, good: Path) -> None:
    client = app.test_client()
    missing = client.post("/check", data={"other": "x"}, content_type="multipart/form-data")
    assert missing.status_code == 400 and "没有名为 file 的文件" in missing.get_data(as_text=True)
    no_name = client.post("/check", data={"file": (BytesIO(b""), "")}, content_type="multipart/form-data")
    assert no_name.status_code == 400 and "没有收到文件" in no_name.get_data(as_text=True)
    assert client.get("/check").status_code == 405
    still_serves(app, good)


def test_client_file_name_is_never_a_path(app: Flask, service: CheckService, good: Path, tmp_path: Path) -> None:
    for name in ("../../逃出去.xlsx", "C:\\fakepath\\..\\逃出去.xlsx", "/etc/逃出去.xlsx"):
        answer = upload(app.test_client(), good, name=name, json=True).get_json()
        assert answer["files"][0]["path"] == "逃出去.xlsx"
    written = [p for p in service.root.rglob("逃出去.xlsx")]
    assert written and all(p.parent.parent == service.root for p in written)
    assert not list(tmp_path.parent.glob("逃出去.xlsx")) and not Path("/etc/逃出去.xlsx").exists()


def test_time_limit_stops_a_check_and_the_next_one_runs(service: CheckService, app: Flask, good: Path) -> None:
    service.seconds = 0.001
    try:
        answer = upload(app.test_client(), good)
    finally:
        service.seconds = 60
    assert answer.status_code == 422 and "秒内审核完毕" in answer.get_data(as_text=True)
    still_serves(app, good)


def test_unknown_or_expired_result_is_a_chinese_404(app: Flask, service: CheckService, good: Path) -> None:
    client = app.test_client()
    assert "已过期" in client.get("/result/nothing-here/letter").get_data(as_text=True)
    rid = result_id(upload(client, good).get_data(as_text=True))
    folder = service.get(rid).folder  # type: ignore[union-attr]
    real_clock = service.clock
    service.clock = lambda: real_clock() + 10 * 3600
    try:
        assert client.get(f"/result/{rid}").status_code == 404
    finally:
        service.clock = real_clock
    assert not folder.exists()


# --- submission --------------------------------------------------------------------------

def test_submit_puts_the_checked_file_into_the_inbox_with_a_receipt(app: Flask, good: Path, tmp_path: Path) -> None:
    client = app.test_client()
    page = upload(client, good).get_data(as_text=True)
    rid, token = result_id(page), csrf_token(page)
    answer = client.post(f"/result/{rid}/submit", data={"csrf_token": token}, headers={"Accept": "application/json"})
    receipt = answer.get_json()
    inbox = tmp_path / "inbox"
    files = [p for p in inbox.iterdir()]
    assert answer.status_code == 200 and [p.name for p in files] == [receipt["file"]]
    assert files[0].read_bytes() == good.read_bytes() and files[0].suffix == ".xlsx"
    assert receipt["unit"] == "某市司法局" and receipt["original"] == good.name
    assert receipt["sha256"] == hashlib.sha256(good.read_bytes()).hexdigest()
    again = client.post(f"/result/{rid}/submit", data={"csrf_token": token})
    assert "报送回执" in again.get_data(as_text=True) and len(list(inbox.iterdir())) == 1


def test_submit_without_csrf_token_is_refused(app: Flask, good: Path, tmp_path: Path) -> None:
    client = app.test_client()
    rid = result_id(upload(client, good).get_data(as_text=True))
    answer = client.post(f"/result/{rid}/submit")
    assert answer.status_code == 400 and "安全校验未通过" in answer.get_data(as_text=True)
    forged = client.post(f"/result/{rid}/submit", data={"csrf_token": "forged"})
    assert forged.status_code == 400
    assert not (tmp_path / "inbox").exists() or not list((tmp_path / "inbox").iterdir())


def test_submit_is_off_unless_enabled(service: CheckService, tmp_path: Path, good: Path) -> None:
    app = make_app(service, tmp_path)
    app.config["WTF_CSRF_ENABLED"] = False  # reach the view: the refusal must come from the setting
    client = app.test_client()
    page = upload(client, good).get_data(as_text=True)
    assert "报送给预算科" not in page
    answer = client.post(f"/result/{result_id(page)}/submit")
    assert answer.status_code == 403 and "未开放报送" in answer.get_data(as_text=True)
    assert not (tmp_path / "inbox").exists()


def test_submissions_of_the_same_file_never_overwrite(service: CheckService, good: Path, tmp_path: Path) -> None:
    with good.open("rb") as fh:
        result = service.check(good.name, fh)
    inbox = tmp_path / "收件箱"
    receipts = [submit_to_inbox(result, inbox) for _ in range(3)]
    assert len({r.file for r in receipts}) == 3 and len(list(inbox.iterdir())) == 3
    assert all((inbox / r.file).read_bytes() == good.read_bytes() for r in receipts)


# --- the office ----------------------------------------------------------------------------

def test_office_is_closed_by_default_and_without_a_token(service: CheckService, tmp_path: Path) -> None:
    assert make_app(service, tmp_path).test_client().get("/office").status_code == 404
    assert make_app(service, tmp_path, office=True).test_client().get("/office").status_code == 404


def test_office_wrong_token_is_refused_right_token_lets_in(app: Flask) -> None:
    client = app.test_client()
    login = client.get("/office").get_data(as_text=True)
    assert "访问口令" in login and "本季报送情况" in login
    wrong = client.post("/office/login", data={"csrf_token": csrf_token(login), "token": "猜一猜"})
    assert wrong.status_code == 403 and "访问口令不正确" in wrong.get_data(as_text=True)
    assert "尚未报送的单位" not in client.get("/office").get_data(as_text=True)
    assert client.get("/office/letter/1").status_code == 403
    no_csrf = client.post("/office/login", data={"token": "秘密-口令"})
    assert no_csrf.status_code == 400
    right = client.post("/office/login", data={"csrf_token": csrf_token(login), "token": "秘密-口令"})
    assert right.status_code == 302
    assert "尚未报送的单位" in client.get("/office").get_data(as_text=True)


def test_a_check_worker_killed_while_idle_is_replaced_and_the_upload_answered(good: Path, tmp_path: Path) -> None:
    import multiprocessing
    import os
    import signal

    others = set(multiprocessing.active_children())  # the module's shared service, left alone
    own = CheckService(packaged_config(), workers=1, seconds=60, keep_minutes=60)
    try:
        own.warm_up()
        before = set(multiprocessing.active_children()) - others
        assert len(before) == 1, "the warm worker is running"
        for child in before:
            os.kill(child.pid or 0, signal.SIGKILL)  # the out-of-memory killer, or an administrator
        answer = upload(make_app(own, tmp_path).test_client(), good, json=True)
        assert answer.status_code == 200 and answer.get_json()["files"][0]["status"] == "passed"
        assert not before & set(multiprocessing.active_children()), "answered by a fresh worker"
    finally:
        own.close()


def _login(client: object, token: str, address: str) -> object:
    page = client.get("/office", environ_base={"REMOTE_ADDR": address}).get_data(as_text=True)  # type: ignore[attr-defined]
    return client.post("/office/login", data={"csrf_token": csrf_token(page), "token": token},  # type: ignore[attr-defined]
                       environ_base={"REMOTE_ADDR": address})


def test_office_login_is_limited_to_five_wrong_tokens_a_minute_per_address(app: Flask) -> None:
    now = [1000.0]
    throttle = app.extensions["validator_login_throttle"]
    throttle.clock = lambda: now[0]
    guesser, office = app.test_client(), app.test_client()
    for n in range(5):
        now[0] += 5
        assert _login(guesser, f"猜{n}", "10.0.0.7").status_code == 403  # type: ignore[attr-defined]
    now[0] += 10  # the first wrong try was 30 s ago
    locked = _login(guesser, "秘密-口令", "10.0.0.7")  # even the right token waits
    assert locked.status_code == 429 and locked.headers["Retry-After"] == "30"  # type: ignore[attr-defined]
    text = locked.get_data(as_text=True)  # type: ignore[attr-defined]
    assert "访问口令已输错 5 次，为防止猜测口令，暂停从本机登录。请 30 秒后再试；忘记口令请与信息技术人员联系。" in text
    assert "尚未报送的单位" not in guesser.get("/office").get_data(as_text=True)
    assert _login(office, "秘密-口令", "10.0.0.8").status_code == 302, "another address is not held up"  # type: ignore[attr-defined]
    now[0] += 30  # the first wrong try is a minute old: one more try is allowed
    assert _login(guesser, "又猜", "10.0.0.7").status_code == 403  # type: ignore[attr-defined]
    assert _login(guesser, "秘密-口令", "10.0.0.7").status_code == 429  # type: ignore[attr-defined]
    now[0] += 60
    assert _login(guesser, "秘密-口令", "10.0.0.7").status_code == 302  # type: ignore[attr-defined]
    assert "尚未报送的单位" in guesser.get("/office").get_data(as_text=True)


def test_a_right_token_clears_the_count() -> None:
    from validator.web.throttle import LoginThrottle

    now = [0.0]
    throttle = LoginThrottle(max_failures=2, window=60, clock=lambda: now[0])
    throttle.failed("a")
    throttle.succeeded("a")
    throttle.failed("a")
    assert throttle.retry_after("a") is None
    throttle.failed("a")
    assert throttle.retry_after("a") == 60 and throttle.retry_after("b") is None


def test_office_token_from_the_environment_wins(service: CheckService, tmp_path: Path) -> None:
    from validator.web.settings import ServeSettings
    settings = ServeSettings.from_mapping({"office": True, "office_token": "文件里的"}, base_dir=tmp_path,
                                          environ={"VALIDATOR_OFFICE_TOKEN": "环境里的"})
    assert settings.office_token == "环境里的" and settings.office_open
    assert not ServeSettings.from_mapping({"office": True}, base_dir=tmp_path, environ={}).office_open


# --- a real server -------------------------------------------------------------------------

def test_real_server_answers_concurrent_uploads(app: Flask, tmp_path: Path) -> None:
    files = {
        "passed": write_sub(tmp_path / "通过.xlsx", good_sub()),
        "failed": write_sub(tmp_path / "退回.xlsx", failing_sub()),
        "warnings": write_sub(tmp_path / "提示.xlsx", warning_sub()),
        "passed-2": write_sub(tmp_path / "教育局.xlsx", other_unit_sub()),
    }
    server = create_server(app, host="127.0.0.1", port=0, threads=8)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    http = urllib3.PoolManager(maxsize=8)
    url = f"http://127.0.0.1:{server.effective_port}/check"

    def post(key: str) -> tuple[str, str]:
        path = files[key]
        answer = http.request("POST", url, fields={"file": (path.name, path.read_bytes())},
                              headers={"Accept": "application/json"}, timeout=120)
        return key, json.loads(answer.data)["files"][0]["status"]

    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            answers = list(pool.map(post, [k for k in files for _ in range(2)]))
        bomb = http.request("POST", url, fields={"file": ("炸弹.xlsx", zip_bomb())},
                            headers={"Accept": "application/json"}, timeout=120)
        after = post("failed")
    finally:
        server.close()
        thread.join(timeout=10)
    assert len(answers) == 8
    assert all(status == key.split("-")[0] for key, status in answers)
    assert json.loads(bomb.data)["files"][0]["status"] == "unreadable" and after == ("failed", "failed")


def test_the_command_line_does_not_load_the_web_stack_until_serve_runs() -> None:
    import subprocess
    import sys
    code = "import sys, validator.cli; print(sorted(m for m in ('flask', 'flask_wtf', 'waitress') if m in sys.modules))"
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert shown.strip() == "[]"
