"""Scheduled work: when a schedule's period comes, its task is enqueued exactly once.

A schedule names a task and a cadence. The cadence cuts time into periods ("2026-10-09" for a
daily run) and says when in its period the run is due. The scheduler (``taizhang scheduler``)
ticks every half minute; for each due schedule it claims (name, period) by inserting a
``ScheduledRun`` row, and enqueues the task in the same transaction. The row is unique, so
two schedulers running at once, or a restarted one, never enqueue the same period twice;
and a failed enqueue takes its claim with it. The worker (``taizhang db_worker``) runs it.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from .models import ScheduledRun


@dataclass(frozen=True)
class Daily:
    """Once a day, from ``at`` local time on."""

    at: time
    zone: str = "Asia/Shanghai"

    def period(self, now: datetime) -> str:
        return now.astimezone(ZoneInfo(self.zone)).date().isoformat()

    def due(self, now: datetime) -> bool:
        return now.astimezone(ZoneInfo(self.zone)).time() >= self.at

    def __str__(self):
        return f"daily at {self.at:%H:%M} {self.zone}"


@dataclass(frozen=True)
class Every:
    """Every ``minutes`` minutes, in periods aligned to the hour."""

    minutes: int
    zone: str = "Asia/Shanghai"

    def period(self, now: datetime) -> str:
        local = now.astimezone(ZoneInfo(self.zone)).replace(second=0, microsecond=0)
        start = local - timedelta(minutes=local.minute % self.minutes)
        return f"{start:%Y-%m-%dT%H:%M}"

    def due(self, now: datetime) -> bool:
        return True

    def __str__(self):
        return f"every {self.minutes} minutes"


@dataclass(frozen=True)
class Schedule:
    name: str
    task: object  # a django-tasks Task
    cadence: Daily | Every
    # On start-up, run the current period even before its time if it has not run yet
    # (a server that was down at 07:30 still sends today's reminders).
    catch_up: bool = True


@dataclass(frozen=True)
class Enqueued:
    name: str
    period: str
    task_id: str


def tick(schedules, now: datetime | None = None, *, startup=False) -> list[Enqueued]:
    """Enqueue every schedule whose current period is due and not yet claimed."""
    now = now or timezone.now()
    enqueued = []
    for schedule in schedules:
        if not (schedule.cadence.due(now) or (startup and schedule.catch_up)):
            continue
        run = claim(schedule, schedule.cadence.period(now))
        if run is not None:
            enqueued.append(Enqueued(schedule.name, run.period, run.task_id))
    return enqueued


def claim(schedule, period) -> ScheduledRun | None:
    """Claim this period of the schedule and enqueue its task; None if it was claimed before."""
    with transaction.atomic():
        run, created = ScheduledRun.objects.get_or_create(name=schedule.name, period=period)
        if not created:
            return None
        run.task_id = str(schedule.task.enqueue().id)
        run.save(update_fields=["task_id"])
    return run
