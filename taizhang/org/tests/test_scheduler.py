"""The scheduler: each period of each schedule is enqueued once, however many schedulers run."""

import os
import signal
import subprocess
import sys
import threading
from datetime import UTC, datetime, time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from taizhang.ledger.tasks import scan_warnings
from taizhang.org.models import ScheduledRun
from taizhang.org.schedule import Daily, Every, Schedule, tick
from taizhang.schedules import SCHEDULES

DAILY = Schedule("test.daily", scan_warnings, Daily(time(7, 30), "Asia/Shanghai"))


def at(text):
    """A moment written in Beijing time."""
    return datetime.fromisoformat(f"{text}+08:00")


@task()
def refuse():
    """Never run: enqueuing it fails in the test below."""


def test_daily_periods_are_beijing_days():
    daily = DAILY.cadence
    # 23:40 UTC on the 8th is already 07:40 on the 9th in Beijing.
    assert daily.period(datetime(2026, 10, 8, 23, 40, tzinfo=UTC)) == "2026-10-09"
    assert daily.due(datetime(2026, 10, 8, 23, 40, tzinfo=UTC))
    assert not daily.due(at("2026-10-09T07:29:59"))
    assert daily.due(at("2026-10-09T07:30:00"))
    assert str(daily) == "daily at 07:30 Asia/Shanghai"


def test_every_n_minutes_periods_are_aligned():
    every = Every(10)
    assert every.period(at("2026-10-09T07:39:59")) == "2026-10-09T07:30"
    assert every.period(at("2026-10-09T07:40:00")) == "2026-10-09T07:40"
    assert every.due(at("2026-10-09T00:00:00"))


def test_the_registry_runs_the_warning_scan_daily_at_half_past_seven():
    by_name = {s.name: s for s in SCHEDULES}
    assert len(by_name) == len(SCHEDULES)
    scan = by_name["ledger.scan_warnings"]
    assert scan.task is scan_warnings and scan.catch_up
    assert str(scan.cadence) == "daily at 07:30 Asia/Shanghai"


@pytest.mark.django_db
def test_once_per_period():
    assert [e.period for e in tick([DAILY], at("2026-10-09T07:30:05"))] == ["2026-10-09"]
    assert tick([DAILY], at("2026-10-09T07:30:35")) == []
    assert tick([DAILY], at("2026-10-09T18:00:00"), startup=True) == []  # a restart
    assert tick([DAILY], at("2026-10-10T07:29:00")) == []
    assert [e.period for e in tick([DAILY], at("2026-10-10T07:30:00"))] == ["2026-10-10"]
    runs = ScheduledRun.objects.order_by("period")
    assert list(runs.values_list("name", "period")) == [("test.daily", "2026-10-09"),
                                                         ("test.daily", "2026-10-10")]
    queued = DBTaskResult.objects.all()
    assert sorted(str(pk) for pk in queued.values_list("id", flat=True)) == sorted(
        runs.values_list("task_id", flat=True))
    assert {q.task_path for q in queued} == {"taizhang.ledger.tasks.scan_warnings"}


@pytest.mark.django_db
def test_startup_catches_up_before_the_time():
    assert tick([DAILY], at("2026-10-09T06:00:00")) == []
    [caught_up] = tick([DAILY], at("2026-10-09T06:00:30"), startup=True)
    assert caught_up.period == "2026-10-09"
    assert tick([DAILY], at("2026-10-09T07:30:00")) == []  # today's run has happened
    late = Schedule("test.late", scan_warnings, Daily(time(7, 30)), catch_up=False)
    assert tick([late], at("2026-10-09T06:00:00"), startup=True) == []


@pytest.mark.django_db
def test_a_failed_enqueue_leaves_no_claim(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("queue unavailable")

    monkeypatch.setattr(type(refuse), "enqueue", broken)
    with pytest.raises(RuntimeError):
        tick([Schedule("test.refuse", refuse, Every(10))], at("2026-10-09T07:30:00"))
    assert not ScheduledRun.objects.exists()


@pytest.mark.django_db
def test_command_once_shows_what_it_enqueued(capsys, time_machine):
    time_machine.move_to(at("2026-10-09T07:31:00"), tick=False)
    call_command("scheduler", "--once")
    out = capsys.readouterr().out
    assert "计划任务 ledger.scan_warnings：daily at 07:30 Asia/Shanghai" in out
    assert "已入队 ledger.scan_warnings（周期 2026-10-09，任务 " in out
    assert "已入队 inbox.retry_deliveries（周期 2026-10-09T07:30" in out
    call_command("scheduler", "--once")
    assert "已入队" not in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_schedulers_running_at_once_enqueue_once():
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent server connections; SQLite serialises writers itself")
    schedulers, start, errors, enqueued = 4, threading.Barrier(4), [], []

    def run():
        try:
            start.wait()
            enqueued.extend(tick([DAILY], at("2026-10-09T07:30:00")))
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(schedulers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(enqueued) == 1
    assert ScheduledRun.objects.count() == 1 and DBTaskResult.objects.count() == 1


def test_the_command_runs_until_told_to_stop(tmp_path):
    """``taizhang scheduler`` as ``make run`` starts it: ticks, then stops on SIGTERM."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'scheduler.sqlite3'}",
           "TAIZHANG_ENV": "development"}
    env.pop("PYTHONUNBUFFERED", None)  # as under a service manager: output to a pipe
    taizhang = Path(sys.executable).with_name("taizhang")
    subprocess.run([taizhang, "migrate", "-v0"], env=env, check=True, timeout=300)
    process = subprocess.Popen([taizhang, "scheduler"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        # One line per schedule, then what start-up caught up.
        lines = [process.stdout.readline() for _ in range(len(SCHEDULES) + 1)]
        assert "已入队 ledger.scan_warnings" in "".join(lines)  # caught up at start-up
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=10)  # at once, not after the 30 s pause
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert "计划任务调度已停止。" in out
