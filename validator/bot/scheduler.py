"""`validator schedule`: the inbox bot as a long-running service. The only module that
imports apscheduler (3.11.x); it only registers `process_inbox`.

APScheduler's defaults would silently skip a nightly run that starts late (misfire grace
time of one second), so: coalesce, one instance at a time, an hour of grace, an explicit
time zone, and a pass at start-up for whatever arrived while the service was down. On
SIGINT/SIGTERM the stop flag is set, the pass finishes the file it is on, and the process
exits."""

from __future__ import annotations

import logging
import os
import signal
import threading
from collections.abc import Callable
from datetime import datetime
from types import FrameType
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from validator.bot.runner import BotError, InboxBusy, RunResult, StopFlag, process_inbox
from validator.bot.settings import BotSettings

log = logging.getLogger("validator.scheduler")

DEFAULT_CRON = "0 2 * * *"
DEFAULT_TZ = "Asia/Shanghai"
MISFIRE_GRACE_SECONDS = 3600
JOB_DEFAULTS = {"coalesce": True, "max_instances": 1, "misfire_grace_time": MISFIRE_GRACE_SECONDS}

Runner = Callable[..., RunResult]


class ScheduleError(ValueError):
    """A bad --cron, --interval or --tz. The message is Chinese."""


def make_trigger(*, cron: str | None, interval: int | None, tz: str = DEFAULT_TZ) -> BaseTrigger:
    try:
        zone = ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ScheduleError(f"未知时区：{tz!r}（例如 Asia/Shanghai）。") from exc
    if interval is not None:
        if interval < 1:
            raise ScheduleError("--interval 至少为 1 秒。")
        return IntervalTrigger(seconds=interval, timezone=zone)
    try:
        return CronTrigger.from_crontab(cron or DEFAULT_CRON, timezone=zone)
    except ValueError as exc:
        raise ScheduleError(f"--cron 格式有误：{cron!r}。应为“分 时 日 月 周”五项，例如 \"0 2 * * *\"（{exc}）。") from exc


def describe_trigger(trigger: BaseTrigger) -> str:
    """The schedule in words: 每 10 分钟, 每天 2:00（Asia/Shanghai）."""
    zone = getattr(trigger, "timezone", None)
    if isinstance(trigger, IntervalTrigger):
        return f"每 {_duration(int(trigger.interval.total_seconds()))}"
    if isinstance(trigger, CronTrigger):
        fields = {f.name: str(f) for f in trigger.fields}
        where = f"（{zone}）" if zone else ""
        minute, hour = fields.get("minute", "*"), fields.get("hour", "*")
        daily = all(fields.get(name, "*") == "*" for name in ("day", "month", "day_of_week"))
        if daily and minute.isdigit() and hour.isdigit():
            return f"每天 {int(hour)}:{int(minute):02d}{where}"
        parts = "，".join(f"{label} {fields.get(name, '*')}" for name, label in _CRON_LABELS)
        return f"按计划（{parts}）{where}"
    return str(trigger)


_CRON_LABELS = (("minute", "分"), ("hour", "时"), ("day", "日"), ("month", "月"), ("day_of_week", "周"))


def _duration(seconds: int) -> str:
    for size, unit in ((86400, "天"), (3600, "小时"), (60, "分钟")):
        if seconds % size == 0:
            return f"{seconds // size} {unit}"
    return f"{seconds} 秒"


def build_scheduler(settings: BotSettings, trigger: BaseTrigger, stop: threading.Event, busy: threading.Lock, *,
                    runner: Runner = process_inbox) -> BlockingScheduler:
    zone = getattr(trigger, "timezone", ZoneInfo(DEFAULT_TZ))
    scheduler = BlockingScheduler(executors={"default": ThreadPoolExecutor(max_workers=1)},
                                  job_defaults=JOB_DEFAULTS, timezone=zone)
    scheduler.add_job(run_once, trigger, args=(settings, stop, busy, runner), id="inbox", name="处理收件箱",
                      next_run_time=datetime.now(zone), **JOB_DEFAULTS)  # next_run_time: the start-up pass
    return scheduler


def run_once(settings: BotSettings, stop: threading.Event, busy: threading.Lock, runner: Runner) -> None:
    """One scheduled pass. Never raises: the service must outlive a bad night."""
    if stop.is_set():
        return
    should_stop: StopFlag = stop.is_set
    with busy:
        try:
            runner(settings, stop=should_stop, wait=False, trigger="schedule")
        except InboxBusy as exc:
            log.warning("本次跳过：%s", exc)
        except BotError as exc:
            log.error("本次未运行：%s", exc)
        except Exception:
            log.exception("本次运行出错，下次按计划重试")


def run_schedule(settings: BotSettings, trigger: BaseTrigger, *, runner: Runner = process_inbox) -> None:
    """Block until SIGINT/SIGTERM; then let the current file finish and return."""
    stop, busy = threading.Event(), threading.Lock()
    scheduler = build_scheduler(settings, trigger, stop, busy, runner=runner)
    _route_apscheduler_warnings()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        if not stop.is_set():
            log.info("收到停止信号（%s），处理完当前文件后退出。", signal.Signals(signum).name)
            stop.set()
            scheduler.shutdown(wait=False)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    log.info("定时服务已启动（PID %s）：%s；收件箱 %s", os.getpid(), describe_trigger(trigger), settings.inbox)
    scheduler.start()
    with busy:  # wait for a pass still finishing its current file
        pass
    log.info("定时服务已停止。")


def _route_apscheduler_warnings() -> None:
    """Misfire and job errors from APScheduler go to the same log file and stdout."""
    target = logging.getLogger("apscheduler")
    target.setLevel(logging.WARNING)
    for handler in logging.getLogger("validator").handlers:
        target.addHandler(handler)
