"""Periods the figures are asked for, and the time buckets (month, quarter, week) inside one.

A bucket is named by its first day. In SQL, ``BucketStart`` works that day out from a date
column with the database's own functions (on SQLite ``substr``/``date``, not Django's
``Trunc``, which SQLite answers by calling back into Python once per row).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import DateField, Func

# The longest period one request may ask for: enough for a five-year comparison.
MAX_DAYS = 5 * 366

BUCKETS = {"month": "按月", "quarter": "按季度", "week": "按周"}

NAMED_PERIODS = {
    "this_month": "本月",
    "last_month": "上月",
    "this_quarter": "本季度",
    "this_year": "本年",
    "last_year": "上年",
}


@dataclass(frozen=True)
class Period:
    """From ``start`` to ``end``, both included. ``as_of``: the day whose state counts; None
    means the applications as they stand now."""

    start: date
    end: date
    as_of: date | None = None

    def __post_init__(self):
        if self.start > self.end:
            raise ValueError("统计起始日期不能晚于截止日期。")

    @property
    def last(self):
        """The last day anything can have happened in: the end, or the as-of day if earlier."""
        return self.end if self.as_of is None else min(self.end, self.as_of)

    def within(self, start, end):
        """The part of this period from ``start`` to ``end``."""
        return Period(max(start, self.start), min(end, self.end), self.as_of)

    @property
    def label(self):
        if (self.start.day == 1 and self.end == _month_end(self.start)):
            return f"{self.start.year}年{self.start.month}月"
        if (self.start, self.end) == (date(self.start.year, 1, 1), date(self.start.year, 12, 31)):
            return f"{self.start.year}年"
        return f"{self.start:%Y-%m-%d} 至 {self.end:%Y-%m-%d}"


def named_period(name, today):
    """本月, 上月, 本季度, 本年, 上年 around ``today``."""
    if name == "this_month":
        start = today.replace(day=1)
        return Period(start, _month_end(start))
    if name == "last_month":
        end = today.replace(day=1) - timedelta(days=1)
        return Period(end.replace(day=1), end)
    if name == "this_quarter":
        start = bucket_start(today, "quarter")
        return Period(start, bucket_end(start, "quarter"))
    if name == "this_year":
        return Period(date(today.year, 1, 1), date(today.year, 12, 31))
    if name == "last_year":
        return Period(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31))
    raise ValueError(f"unknown period {name!r}")


class PeriodError(ValueError):
    """A period that cannot be asked for; ``field`` names the input at fault, if one is."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


def asked_period(today, name=None, start=None, end=None, as_of=None):
    """The period a person or a client asked for: a named one, or from ``start`` to ``end``;
    as of a past day if ``as_of`` is given."""
    if name:
        period = named_period(name, today)
    elif start and end:
        if start > end:
            raise PeriodError("截止日期不能早于起始日期。", "end")
        period = Period(start, end)
    else:
        raise PeriodError("请选择统计期间，或填写起止日期。", "period")
    if (period.end - period.start).days >= MAX_DAYS:
        raise PeriodError("统计期间最长五年。", "end")
    if as_of is not None:
        if as_of > today:
            raise PeriodError("统计截止日不能晚于今天。", "as_of")
        if as_of < period.start:
            raise PeriodError("统计截止日不能早于统计期间的起始日期。", "as_of")
        period = Period(period.start, period.end, as_of)
    return period


def _month_end(day):
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def bucket_start(day, bucket):
    """The first day of the bucket holding ``day`` (as ``BucketStart`` does in SQL)."""
    if bucket == "month":
        return day.replace(day=1)
    if bucket == "quarter":
        return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    if bucket == "week":
        return day - timedelta(days=day.weekday())
    raise ValueError(f"unknown bucket {bucket!r}")


def bucket_end(start, bucket):
    if bucket == "month":
        return _month_end(start)
    if bucket == "quarter":
        return _month_end(date(start.year, start.month + 2, 1))
    if bucket == "week":
        return start + timedelta(days=6)
    raise ValueError(f"unknown bucket {bucket!r}")


def months_between(start, last):
    """The first day of every month from ``start``'s to ``last``'s."""
    months, day = [], start.replace(day=1)
    while day <= last:
        months.append(day)
        day = bucket_end(day, "month") + timedelta(days=1)
    return months


def bucket_label(start, bucket):
    if bucket == "month":
        return f"{start.year}年{start.month}月"
    if bucket == "quarter":
        return f"{start.year}年第{'一二三四'[(start.month - 1) // 3]}季度"
    year, week, _ = start.isocalendar()
    return f"{year}年第{week}周（{start.month}月{start.day}日起）"


class BucketStart(Func):
    """The first day of the month, quarter or week (Monday) holding a date, in SQL."""

    output_field = DateField()

    # ``{0}`` is the date; SQLite keeps dates as 'YYYY-MM-DD' text.
    SQLITE = {
        "month": "substr({0}, 1, 8) || '01'",
        "quarter": ("substr({0}, 1, 5) || CASE WHEN substr({0}, 6, 2) < '04' THEN '01' "
                    "WHEN substr({0}, 6, 2) < '07' THEN '04' WHEN substr({0}, 6, 2) < '10' "
                    "THEN '07' ELSE '10' END || '-01'"),
        "week": "date({0}, '-6 days', 'weekday 1')",
    }

    def __init__(self, expression, bucket):
        if bucket not in BUCKETS:
            raise ValueError(f"unknown bucket {bucket!r}")
        super().__init__(expression)
        self.bucket = bucket

    def as_sql(self, compiler, connection, **extra_context):
        # PostgreSQL: weeks in DATE_TRUNC start on Monday, as ISO weeks do.
        sql, params = compiler.compile(self.source_expressions[0])
        return f"DATE_TRUNC('{self.bucket}', {sql})::date", params

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        template = self.SQLITE[self.bucket]
        return template.format(sql), list(params) * template.count("{0}")
