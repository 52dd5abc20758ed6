"""The scheduler registers process_inbox with safe APScheduler settings; its loop is tested
end to end in test_bot_processes.py, the wiring here without starting anything."""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from bothelpers import settings_for

from validator.bot.runner import BotError, InboxBusy
from validator.bot.scheduler import ScheduleError, build_scheduler, describe_trigger, make_trigger, run_once


def test_default_trigger_is_nightly_in_shanghai() -> None:
    trigger = make_trigger(cron=None, interval=None)
    assert isinstance(trigger, CronTrigger) and str(trigger.timezone) == "Asia/Shanghai"
    after = datetime(2026, 11, 28, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert trigger.get_next_fire_time(None, after) == datetime(2026, 11, 29, 2, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_interval_trigger() -> None:
    trigger = make_trigger(cron=None, interval=90, tz="UTC")
    assert isinstance(trigger, IntervalTrigger) and trigger.interval.total_seconds() == 90


@pytest.mark.parametrize("kwargs", [{"cron": "61 * * * *", "interval": None}, {"cron": None, "interval": None, "tz": "No/Where"}])
def test_bad_schedules(kwargs: dict[str, object]) -> None:
    with pytest.raises(ScheduleError):
        make_trigger(**kwargs)  # type: ignore[arg-type]


def test_job_is_safe_against_late_starts(tmp_path: Path) -> None:
    scheduler = build_scheduler(settings_for(tmp_path), make_trigger(cron="0 2 * * *", interval=None),
                                threading.Event(), threading.Lock())
    [job] = scheduler.get_jobs()
    assert (job.coalesce, job.max_instances, job.misfire_grace_time) == (True, 1, 3600)
    assert job.next_run_time is not None  # a pass at start-up, not only at 02:00
    assert job.next_run_time <= datetime.now(ZoneInfo("Asia/Shanghai"))


@pytest.mark.parametrize("error", [InboxBusy("忙"), BotError("没有收件箱"), RuntimeError("bug")])
def test_a_failing_pass_does_not_stop_the_service(tmp_path: Path, error: Exception) -> None:
    def runner(*args: object, **kwargs: object) -> None:
        raise error

    run_once(settings_for(tmp_path), threading.Event(), threading.Lock(), runner)  # does not raise


def test_no_pass_starts_after_stop(tmp_path: Path) -> None:
    calls: list[object] = []
    stop = threading.Event()
    stop.set()
    run_once(settings_for(tmp_path), stop, threading.Lock(), lambda *a, **k: calls.append(k))
    assert calls == []


def test_the_pass_sees_the_stop_flag(tmp_path: Path) -> None:
    seen: dict[str, object] = {}
    stop = threading.Event()

    def runner(settings: object, **kwargs: object) -> None:
        should_stop = kwargs["stop"]
        seen["before"] = should_stop()  # type: ignore[operator]
        stop.set()
        seen["after"] = should_stop()  # type: ignore[operator]
        seen["trigger"] = kwargs["trigger"]

    run_once(settings_for(tmp_path), stop, threading.Lock(), runner)
    assert seen == {"before": False, "after": True, "trigger": "schedule"}


@pytest.mark.parametrize(("kwargs", "said"), [
    ({"cron": None, "interval": 600}, "每 10 分钟"),
    ({"cron": None, "interval": 45}, "每 45 秒"),
    ({"cron": None, "interval": 7200}, "每 2 小时"),
    ({"cron": "0 2 * * *", "interval": None}, "每天 2:00（Asia/Shanghai）"),
    ({"cron": "30 8 * * 1-5", "interval": None}, "按计划（分 30，时 8，日 *，月 *，周 1-5）（Asia/Shanghai）"),
])
def test_schedule_is_logged_in_words(kwargs: dict[str, object], said: str) -> None:
    assert describe_trigger(make_trigger(**kwargs)) == said  # type: ignore[arg-type]
