"""The page as a unit and the office use it: the real `validator serve` (127.0.0.1, a free
port) driven in Debian's chromium through Selenium with the system chromedriver (Selenium
Manager is never asked to download anything). Screenshots of the main pages, at a small
laptop's 1366 x 768, go to `test-output/screenshots/` (or $VALIDATOR_TEST_OUTPUT)."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bothelpers import ROOT, cli_env, drop, failing_sub, other_unit_sub
from helpers import good_sub, write_sub
from openpyxl import load_workbook

from validator.bot.runner import process_inbox
from validator.bot.settings import BotSettings
from validator.config.loader import load_config
from validator.engine import validate_file

CHROMIUM, CHROMEDRIVER = shutil.which("chromium") or "/usr/bin/chromium", "/usr/bin/chromedriver"
if not (Path(CHROMIUM).is_file() and Path(CHROMEDRIVER).is_file()):
    pytest.skip("浏览器测试需要 Debian 的 chromium 和 chromium-driver（.ci/run 会安装）：本机没有，跳过。",
                allow_module_level=True)
webdriver = pytest.importorskip("selenium.webdriver", reason="浏览器测试需要 selenium（pip install -e \".[test]\"）")
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

TOKEN = "预算科-2027"
SHOTS = Path(os.environ.get("VALIDATOR_TEST_OUTPUT") or ROOT / "test-output") / "screenshots"
RULES = """bot:
  settle_seconds: 0
serve:
  submit: true
  office: true
  budget_list: 预算清单.csv
"""
_STARTED = re.compile(r"http://127\.0\.0\.1:(\d+)/")


class Site:
    def __init__(self, root: Path, url: str, driver: Any) -> None:
        self.root, self.url, self.driver = root, url, driver
        self.downloads = root / "下载"

    def wait(self, css: str, seconds: float = 30) -> Any:
        return WebDriverWait(self.driver, seconds).until(ec.presence_of_element_located((By.CSS_SELECTOR, css)))

    def upload(self, path: Path) -> str:
        self.driver.get(self.url)
        self.driver.find_element(By.ID, "file").send_keys(str(path))
        self.driver.find_element(By.ID, "start").click()
        return str(self.wait("#verdict-text").text)

    def shot(self, name: str) -> Path:
        SHOTS.mkdir(parents=True, exist_ok=True)
        target = SHOTS / name
        assert self.driver.save_screenshot(str(target))
        return target

    def bot(self) -> BotSettings:
        return BotSettings.from_config(load_config(self.root / "rules.yaml"))


def education_failing() -> Any:
    sub = other_unit_sub("某市教育局", "校舍维修")
    sub.projects[0] = ("校舍维修", "某市教育局", 600, 500, 0, 50, sub.projects[0][6])
    return sub


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = tmp_path_factory.mktemp("page")
    (root / "rules.yaml").write_text(RULES, encoding="utf-8")
    (root / "预算清单.csv").write_text("单位,项目名称,总计\n某市司法局,普法经费,600\n某市教育局,校舍维修,600\n"
                                    "某市文旅局,文化惠民,80\n", encoding="utf-8")
    settings = BotSettings.from_config(load_config(root / "rules.yaml"))
    drop(settings.inbox, "教育局.xlsx", education_failing())
    process_inbox(settings)  # the season so far: 教育局 was returned
    server = subprocess.Popen([sys.executable, "-m", "validator", "serve", "--port", "0", "--rules", "rules.yaml"],
                              cwd=root, env=cli_env({"VALIDATOR_OFFICE_TOKEN": TOKEN}), stderr=subprocess.PIPE,
                              text=True, encoding="utf-8")
    driver = None
    try:
        url = _started(server)
        driver = _chromium(root / "下载")
        yield Site(root, url, driver)
    finally:
        if driver is not None:
            driver.quit()
        server.terminate()  # SIGTERM, as systemd stops the service
        code = server.wait(timeout=30)
        assert code == 0, server.stderr.read() if server.stderr else code


def _started(server: subprocess.Popen[str]) -> str:
    assert server.stderr is not None
    lines = []
    for line in server.stderr:
        lines.append(line)
        found = _STARTED.search(line)
        if found:
            return f"http://127.0.0.1:{found.group(1)}/"
    raise AssertionError("validator serve did not start:\n" + "".join(lines))


def _chromium(downloads: Path) -> Any:
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager, if ever consulted, must not download
    downloads.mkdir(parents=True, exist_ok=True)
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,768",
                     "--lang=zh-CN"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    return webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)


def _downloaded(folder: Path, suffix: str, seconds: float = 30) -> Path:
    """The browser writes `*.crdownload` first, then renames; wait for the finished file."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        done = [p for p in folder.iterdir() if p.suffix == suffix]
        if done:
            return done[0]
        time.sleep(0.1)
    raise AssertionError(f"no {suffix} downloaded into {folder}: {[p.name for p in folder.iterdir()]}")


def test_a_passing_table_reads_passed(site: Site, tmp_path: Path) -> None:
    site.driver.get(site.url)
    assert "把表格拖到这里" in site.driver.page_source
    site.shot("01-首页.png")
    verdict = site.upload(write_sub(tmp_path / "司法局_绩效目标表.xlsx", good_sub()))
    assert verdict == "通过"
    assert site.driver.find_element(By.ID, "error-count").text == "0"
    assert "没有发现问题" in site.driver.find_element(By.ID, "findings").text
    other = tmp_path / "说明.pdf"
    other.write_bytes(b"%PDF-1.4 not a table")
    site.driver.get(site.url)
    site.driver.find_element(By.ID, "file").send_keys(str(other))
    site.driver.find_element(By.ID, "start").click()
    assert "不支持的文件类型“.pdf”" in site.wait(".refused .message").text
    site.shot("05-拒绝.png")


def test_a_failing_table_lists_its_findings_and_the_annotated_copy_downloads(site: Site, tmp_path: Path) -> None:
    sub = failing_sub()
    sub.projects[0] = (*sub.projects[0][:6], "开展普法讲座")  # and a hint
    path = write_sub(tmp_path / "司法局_有错误.xlsx", sub)
    expected = validate_file(path, load_config(site.root / "rules.yaml")).sorted_findings()
    assert site.upload(path) == "退回修改"
    rows = site.driver.find_elements(By.CSS_SELECTOR, "tr.finding")
    assert len(rows) == len(expected)
    first = rows[0].find_elements(By.TAG_NAME, "td")
    assert first[0].text == "错误" and first[1].text == expected[0].cell
    assert expected[0].message in first[3].text and first[4].text == expected[0].suggestion
    assert rows[-1].find_elements(By.TAG_NAME, "td")[0].text == "提示"
    heading = site.driver.find_element(By.CSS_SELECTOR, ".group h3").text
    assert "项目信息" in heading and "普法经费" in heading
    site.shot("02-退回修改.png")
    printed = base64.b64decode(site.driver.print_page())
    assert printed.startswith(b"%PDF")
    (SHOTS / "02-退回修改-打印.pdf").write_bytes(printed)
    site.driver.find_element(By.ID, "download-annotated").click()
    annotated = _downloaded(site.downloads, ".xlsx")
    book = load_workbook(annotated)
    assert book.sheetnames[0] == "审核意见"
    marked = book[expected[0].sheet or ""][expected[0].cell or ""]
    assert marked.comment is not None and expected[0].message in marked.comment.text


def test_submitting_puts_the_file_in_the_inbox_and_the_office_sees_the_unit(site: Site, tmp_path: Path) -> None:
    path = write_sub(tmp_path / "司法局_报送.xlsx", other_unit_sub("某市司法局", "普法经费"))
    assert site.upload(path) == "通过"
    site.driver.find_element(By.ID, "submit").click()
    name = site.wait("#receipt-file").text
    digest = site.driver.find_element(By.ID, "receipt-sha256").text
    site.shot("03-报送回执.png")
    bot = site.bot()
    arrived = bot.inbox / name
    assert arrived.read_bytes() == path.read_bytes() and hashlib.sha256(path.read_bytes()).hexdigest() == digest
    assert site.driver.find_element(By.ID, "receipt-unit").text == "某市司法局"
    process_inbox(bot)  # the bot answers it as usual

    site.driver.get(site.url + "office")
    site.driver.find_element(By.ID, "token").send_keys("不对的口令")
    site.driver.find_element(By.ID, "login").click()
    assert "访问口令不正确" in site.wait(".refused-line").text
    site.driver.find_element(By.ID, "token").send_keys(TOKEN)
    site.driver.find_element(By.ID, "login").click()
    units = {row.find_element(By.CSS_SELECTOR, "td.unit").text: row.text
             for row in site.wait("table.units") and site.driver.find_elements(By.CSS_SELECTOR, "tr.unit-row")}
    assert set(units) == {"某市司法局", "某市教育局"}
    assert "通过" in units["某市司法局"] and "退回修改" in units["某市教育局"]
    assert site.driver.find_element(By.CSS_SELECTOR, "ul.missing").text == "某市文旅局"
    site.shot("04-预算科.png")
