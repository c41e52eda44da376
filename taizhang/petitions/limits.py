"""The time limits of petition work, as configured in ``TimeLimit`` (defaults: constants).

A limit of n days from a start day ends on the n-th day after it, counted in calendar days
or in working days (on the official holiday schedule, ``org.workdays``) as configured.
Rows are read once a minute per process at most, and at once after an edit in this process.
"""

import time
from datetime import date, timedelta

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from ..org.workdays import Deadline, add_working_days, working_days_between
from .constants import LIMIT_DEFAULTS, Counting, LimitDefault, LimitKind
from .models import TimeLimit

CACHE_TTL = 60.0
_cache: dict[str, LimitDefault] = {}
_expires = [0.0]
_clock = time.monotonic


def clear_cache() -> None:
    _cache.clear()
    _expires[0] = 0.0


def limit(kind: str) -> LimitDefault:
    """The limit of ``kind`` in force: the configured row, or the default if there is none."""
    now = _clock()
    if now >= _expires[0]:
        _cache.clear()
        for row in TimeLimit.objects.all():
            _cache[row.kind] = LimitDefault(row.days, row.counting, row.legal_days, row.basis)
        _expires[0] = now + CACHE_TTL
    return _cache.get(kind) or LIMIT_DEFAULTS[LimitKind(kind)]


def add(start: date, days: int, counting: str) -> Deadline:
    """The last day of ``days`` counted after ``start``: the start day itself never counts."""
    if counting == Counting.WORKING:
        return add_working_days(start, days)
    return Deadline(start + timedelta(days=days), True)


def due(start: date, kind: str) -> Deadline:
    """The last day of the limit of ``kind`` started on ``start``."""
    configured = limit(kind)
    return add(start, configured.days, configured.counting)


def days_left(today: date, due_on: date, kind: str) -> int:
    """Days from ``today`` to ``due_on`` as the limit of ``kind`` counts them; negative when
    overdue."""
    if limit(kind).counting != Counting.WORKING:
        return (due_on - today).days
    if due_on >= today:
        return working_days_between(today, due_on).days
    return -working_days_between(due_on, today).days


def known(today: date, due_on: date | None, kind: str | None) -> bool:
    """Whether a working-day limit running from ``today`` to ``due_on`` is counted on known
    holiday schedules only (calendar days always are)."""
    if due_on is None or kind is None or limit(kind).counting != Counting.WORKING:
        return True
    return working_days_between(today, due_on).calendar_known


def unit(kind: str) -> str:
    """How the limit of ``kind`` counts, for sentences: "天" or "个工作日"."""
    return "个工作日" if limit(kind).counting == Counting.WORKING else "天"


def warning_date(today: date) -> date:
    """A time limit ending on or before this day shows yellow."""
    return due(today, LimitKind.WARNING).date


def repeat_window_start(day: date) -> date:
    """The earliest day an earlier petition may have been received and still be repeated by
    one received on ``day`` (calendar days: the window is a lookup bound, see TimeLimit)."""
    return day - timedelta(days=limit(LimitKind.REPEAT_WINDOW).days)


@receiver([post_save, post_delete], sender=TimeLimit)
def _limits_changed(sender, using=None, **kwargs):
    clear_cache()
    transaction.on_commit(clear_cache, using=using)
