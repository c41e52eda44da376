"""The period each kind of report covers, and the one it is compared with."""

from datetime import timedelta

from ..hall.figures.periods import Period, bucket_end, bucket_start
from ..org.workdays import is_working_day
from .constants import ReportKind

BUCKET = {ReportKind.WEEKLY: "week", ReportKind.MONTHLY: "month", ReportKind.QUARTERLY: "quarter"}


def covering(kind, day):
    """The (start, end) of the week, month or quarter of ``kind`` holding ``day``."""
    start = bucket_start(day, BUCKET[kind])
    return start, bucket_end(start, BUCKET[kind])


def last_complete(kind, today):
    """The most recent whole week, month or quarter before ``today``."""
    start, _ = covering(kind, today)
    return covering(kind, start - timedelta(days=1))


def previous(kind, start):
    return covering(kind, start - timedelta(days=1))


def period(start, end, today):
    """The period's figures as of its last day, or as of today while it is still running."""
    return Period(start, end, min(end, today))


def label(kind, start, end):
    if kind == ReportKind.WEEKLY:
        year, week, _ = start.isocalendar()
        return f"{year}年第{week}周（{start.month}月{start.day}日至{end.month}月{end.day}日）"
    if kind == ReportKind.MONTHLY:
        return f"{start.year}年{start.month}月"
    return f"{start.year}年第{'一二三四'[(start.month - 1) // 3]}季度"


def due_today(today):
    """The reports whose draft the schedule makes on ``today``: Monday the week before, the
    1st the month before, the first working day of a quarter the quarter before."""
    due = []
    if today.weekday() == 0:
        due.append(ReportKind.WEEKLY)
    if today.day == 1:
        due.append(ReportKind.MONTHLY)
    quarter_start = bucket_start(today, "quarter")
    first_working = next(quarter_start + timedelta(days=n) for n in range(31)
                         if is_working_day(quarter_start + timedelta(days=n)))
    if today == first_working:
        due.append(ReportKind.QUARTERLY)
    return due
