"""Working days (工作日): China's official holidays and make-up days, for counting deadlines.

For each day, the first source that knows the day's year decides:

1. the administrator's ``CalendarYear`` table for that year — it wins for the whole year;
2. the ``chinesecalendar`` package (it knows 2004 up to the year it was released for);
3. Monday to Friday, marked as not known so that callers can warn about it.

A deadline of ``n`` working days is the n-th working day after the start day; the start day
itself is not counted, and ``n = 0`` means on the spot (即办).
"""

import functools
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

import chinese_calendar
from chinese_calendar.constants import Holiday
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .constants import CalendarDayKind
from .models import CalendarDay, CalendarYear

Source = Literal["schedule", "package", "weekday-fallback"]

# Other web workers see an administrator's edit within this many seconds.
CACHE_TTL = 60.0

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class DayInfo:
    working: bool
    known: bool
    source: Source
    name: str | None = None


@dataclass(frozen=True)
class Deadline:
    date: date
    calendar_known: bool
    fallback_years: tuple[int, ...] = ()


@dataclass(frozen=True)
class Count:
    days: int
    calendar_known: bool
    fallback_years: tuple[int, ...] = ()


# An entered year's listed days: date -> (working, holiday name).
Schedule = dict[date, tuple[bool, str | None]]

# year -> (expiry on _clock, the year's schedule or None when none is entered)
_schedules: dict[int, tuple[float, Schedule | None]] = {}
_clock = time.monotonic


def clear_cache() -> None:
    _schedules.clear()


def is_working_day(day: date) -> bool:
    return day_info(day).working


def day_info(day: date) -> DayInfo:
    if isinstance(day, datetime):
        # Which day a moment falls on depends on the time zone; the caller must decide.
        raise TypeError("需要日期而不是时间：请传入 timezone.localdate() 之类的 date")
    schedule = _schedule(day.year)
    if schedule is not None:
        return _from_schedule(day, schedule)
    package_year = _package_year(day.year)
    if package_year is not None:
        return package_year[day]
    return DayInfo(working=_is_weekday(day), known=False, source="weekday-fallback")


def add_working_days(start: date, n: int) -> Deadline:
    """The n-th working day after ``start``; ``start`` itself for n = 0."""
    if n < 0:
        raise ValueError(f"工作日数不能为负数：{n}")
    day, counted, fallback_years = start, 0, set()
    while counted < n:
        day = _next_day(day)
        info = day_info(day)
        counted += info.working
        if not info.known:
            fallback_years.add(day.year)
    return Deadline(day, not fallback_years, tuple(sorted(fallback_years)))


def working_days_between(start: date, end: date) -> Count:
    """Working days after ``start`` up to and including ``end``; 0 when end <= start."""
    day, counted, fallback_years = start, 0, set()
    while day < end:
        day += ONE_DAY
        info = day_info(day)
        counted += info.working
        if not info.known:
            fallback_years.add(day.year)
    return Count(counted, not fallback_years, tuple(sorted(fallback_years)))


def _next_day(day: date) -> date:
    try:
        return day + ONE_DAY
    except OverflowError:
        raise ValueError(f"期限超出可计算的日期范围（最晚到 {date.max.isoformat()}）") from None


def _is_weekday(day: date) -> bool:
    return day.weekday() < 5


def _from_schedule(day: date, schedule: Schedule) -> DayInfo:
    working, name = schedule.get(day, (_is_weekday(day), None))
    return DayInfo(working=working, known=True, source="schedule", name=name)


@functools.lru_cache(maxsize=64)
def _package_year(year: int) -> dict[date, DayInfo] | None:
    # The package scans all its data on every call; asking once per year keeps long counts fast.
    day = date(year, 1, 1)
    try:
        chinese_calendar.is_workday(day)
    except NotImplementedError:  # the package's way of saying it has no data for that year
        return None
    days = {}
    while day.year == year:
        days[day] = _from_package(day)
        day += ONE_DAY
    return days


def _from_package(day: date) -> DayInfo:
    working = chinese_calendar.is_workday(day)
    _, english_name = chinese_calendar.get_holiday_detail(day)
    # The package names holidays in English; its Holiday enum carries the Chinese name.
    name = Holiday(english_name).chinese if english_name else None
    return DayInfo(working=working, known=True, source="package", name=name)


def _schedule(year: int) -> Schedule | None:
    now = _clock()
    cached = _schedules.get(year)
    if cached is not None and cached[0] > now:
        return cached[1]
    schedule = _load_schedule(year)
    _schedules[year] = (now + CACHE_TTL, schedule)
    return schedule


def _load_schedule(year: int) -> Schedule | None:
    if not CalendarYear.objects.filter(year=year).exists():
        return None
    rows = CalendarDay.objects.filter(year__year=year).values_list("date", "kind", "name")
    return {d: (kind == CalendarDayKind.WORKDAY, name or None) for d, kind, name in rows}


@receiver([post_save, post_delete], sender=CalendarYear)
@receiver([post_save, post_delete], sender=CalendarDay)
def _schedule_changed(sender, using=None, **kwargs):
    clear_cache()
    # A lookup between this save and the commit may cache the old table; drop it once committed.
    transaction.on_commit(clear_cache, using=using)
