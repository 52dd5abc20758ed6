"""The checking service behind the page: each upload gets its own temporary folder, is reviewed
in a worker process under a deadline (`validator.deadline`), and its annotated copy and draft
letter are written beside it. Results are kept for `keep_minutes` under an unguessable id and
then deleted with their folder. Nothing the client sends is used as a path: its file name is
only shown, and reduced to one safe name component inside the folder made for it.

No web framework here: the routes (`validator.web.app`) hand over a name and a stream."""

from __future__ import annotations

import logging
import queue
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path, PurePath
from typing import IO

from validator.config.loader import Config, office_settings
from validator.deadline import DeadlineExceeded, DeadlineWorker
from validator.engine import validate_file
from validator.model import FileReport, Report
from validator.outputs.annotate import ANNOTATED_MARK, annotate_workbook
from validator.outputs.letter import LETTER_SUFFIX, write_letter
from validator.outputs.naming import output_stem, safe_part
from validator.reader import SUBMISSION_SUFFIXES, TEXT_SUFFIXES

log = logging.getLogger(__name__)

ACCEPTED_SUFFIXES = frozenset(SUBMISSION_SUFFIXES | TEXT_SUFFIXES)
"""What the reader knows how to read (or to explain why not); grows with the reader."""
BUSY_SECONDS = 60.0  # how long an upload waits for a free worker before the page says 服务器繁忙
_OUTPUTS = "outputs"


class UploadRefused(Exception):
    """An upload that is not reviewed; `message` says why and what to do, in Chinese."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class CheckResult:
    """One reviewed upload and the files made for it, all inside `folder`."""

    id: str
    name: str
    folder: Path
    upload: Path
    report: FileReport
    generated: datetime
    annotated: Path | None
    letter: Path | None
    created: float

    def to_json(self) -> str:
        """The document `validate --format json` prints for this file."""
        return Report((self.report,), generated=self.generated).to_json()


def display_name(client_name: str | None) -> str:
    """The client's file name as shown on the page: its last component only (browsers on
    Windows may send `C:\\fakepath\\…`)."""
    return PurePath((client_name or "").replace("\\", "/")).name.strip()


def accepted_suffix(name: str) -> str:
    suffix = PurePath(name).suffix.lower()
    if suffix not in ACCEPTED_SUFFIXES:
        kinds = "、".join(sorted(ACCEPTED_SUFFIXES))
        raise UploadRefused(400, f"不支持的文件类型“{suffix or '（无扩展名）'}”。请上传绩效目标表（{kinds}）；"
                                 "其他格式请先在 Excel 或 WPS 中另存为 .xlsx。")
    return suffix


def review_upload(upload: str, config: Config, name: str) -> tuple[str, str | None, str]:
    """In the worker: review the upload, write its annotated copy and draft letter into the
    `outputs` folder beside it. Returns the report as JSON and the two output file names."""
    path = Path(upload)
    report = replace(validate_file(path, config), path=name)
    out = path.parent / _OUTPUTS
    out.mkdir(exist_ok=True)
    stem = output_stem(report)
    annotated = annotate_workbook(report, path, out / f"{stem}{ANNOTATED_MARK}{path.suffix.lower()}")
    letter = write_letter(report, out / f"{stem}{LETTER_SUFFIX}", settings=office_settings(config))
    return Report((report,)).to_json(), annotated.name if annotated else None, letter.name


def _ready() -> bool:
    return True


class CheckService:
    """`workers` warm worker processes and the results of recent checks. Thread-safe: the
    server calls `check` from several request threads at once."""

    def __init__(self, config: Config, *, workers: int, seconds: float, keep_minutes: float,
                 busy_seconds: float = BUSY_SECONDS, clock: Callable[[], float] = time.monotonic) -> None:
        self.config = config
        self.seconds = seconds
        self.keep_seconds = keep_minutes * 60
        self.busy_seconds = busy_seconds
        self.clock = clock
        self._root = Path(tempfile.mkdtemp(prefix="validator-serve-"))
        self._idle: queue.Queue[DeadlineWorker] = queue.Queue()
        self._all = [DeadlineWorker() for _ in range(workers)]
        for worker in self._all:
            self._idle.put(worker)
        self._results: dict[str, CheckResult] = {}
        self._lock = threading.Lock()

    @property
    def root(self) -> Path:
        return self._root

    def warm_up(self) -> None:
        """Start every worker now, so the first unit does not wait for a process to start."""
        threads = [threading.Thread(target=worker.run, args=(_ready,), kwargs={"seconds": 120}) for worker in self._all]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def check(self, client_name: str | None, stream: IO[bytes]) -> CheckResult:
        name = display_name(client_name)
        if not name:
            raise UploadRefused(400, "没有收到文件。请先选择要审核的表格，再点“开始审核”。")
        suffix = accepted_suffix(name)
        self.prune()
        folder = Path(tempfile.mkdtemp(dir=self._root))
        upload = folder / f"{safe_part(PurePath(name).stem) or '上传文件'}{suffix}"
        if upload.resolve().parent != folder.resolve():  # safe_part makes one component; stay sure
            raise UploadRefused(400, "文件名无效，请改名后重新上传。")
        try:
            with upload.open("wb") as fh:
                shutil.copyfileobj(stream, fh, 1 << 20)
            return self._store(self._review(folder, upload, name))
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise

    def _review(self, folder: Path, upload: Path, name: str) -> CheckResult:
        try:
            worker = self._idle.get(timeout=self.busy_seconds)
        except queue.Empty:
            raise UploadRefused(503, "服务器正忙，请稍候一分钟再上传。") from None
        rewarming = False
        try:
            text, annotated, letter = worker.run(review_upload, str(upload), self.config, name, seconds=self.seconds)
        except DeadlineExceeded:
            log.warning("check of %s stopped after %s s", name, self.seconds)
            threading.Thread(target=self._rewarm, args=(worker,), daemon=True).start()
            rewarming = True  # back in the queue once its replacement process has started
            raise UploadRefused(422, f"文件“{name}”未能在 {self.seconds:g} 秒内审核完毕，已停止审核。"
                                     "请检查表格是否过大或含有异常内容（如大量空白行列、超长文字），"
                                     "删除多余内容后重新上传；仍有问题请联系预算科。") from None
        except Exception:
            log.exception("check of %s failed", name)
            raise UploadRefused(500, "审核时发生程序内部错误，未能完成审核。请稍后重试，或联系预算科。") from None
        finally:
            if not rewarming:
                self._idle.put(worker)
        report = Report.from_json(text)
        out = folder / _OUTPUTS
        return CheckResult(
            id=secrets.token_urlsafe(24), name=name, folder=folder, upload=upload, report=report.files[0],
            generated=report.generated, annotated=out / annotated if annotated else None,
            letter=out / letter, created=self.clock())

    def _rewarm(self, worker: DeadlineWorker) -> None:
        try:
            worker.run(_ready, seconds=120)
        except Exception:  # it will start again on its next use
            log.exception("restarting a check worker failed")
        self._idle.put(worker)

    def _store(self, result: CheckResult) -> CheckResult:
        with self._lock:
            self._results[result.id] = result
        return result

    def get(self, result_id: str) -> CheckResult | None:
        self.prune()
        with self._lock:
            return self._results.get(result_id)

    def prune(self) -> int:
        """Forget results older than `keep_minutes` and delete their folders."""
        now = self.clock()
        with self._lock:
            old = [r for r in self._results.values() if now - r.created > self.keep_seconds]
            for result in old:
                del self._results[result.id]
        for result in old:
            shutil.rmtree(result.folder, ignore_errors=True)
        return len(old)

    def close(self) -> None:
        for worker in self._all:
            worker.close()
        shutil.rmtree(self._root, ignore_errors=True)
