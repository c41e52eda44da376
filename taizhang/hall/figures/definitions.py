"""What each figure counts (统计口径), as conditions on applications. The same definitions serve
the dashboard, the API, the demo's checks and the reports; docs/hall-figures.md explains them.

A period's figures are about the applications **accepted** in it (the cohort, by
``accepted_on``), in their state now or as of a given day. 不予受理 is never accepted: it is
counted by the day it was refused, beside the cohort, never in it.

``in_scope(period)`` picks the rows a period's figures are made of: the cohort and the period's
不予受理. Within those rows every figure is a simple condition (``counted``): an application
with an accepted day is in the cohort, one without is a 不予受理 of the period. The figures
are ``COUNT(…) FILTER (WHERE …)`` of those conditions in one query, and ``records`` gives the
rows behind any one of them with the very same condition.
"""

from dataclasses import dataclass, fields
from datetime import datetime, time, timedelta

from django.db.models import F, Q
from django.utils import timezone

from ...ratios import rate
from ..constants import BAD_GRADES, GOOD_GRADES, Status

OPEN_STATUSES = (Status.ACCEPTED, Status.IN_PROGRESS, Status.SUPPLEMENT)
ENDED_STATUSES = (Status.COMPLETED, Status.DENIED, Status.WITHDRAWN)


def in_scope(period):
    """The cohort accepted in ``period`` and the applications not accepted (不予受理) in it."""
    days = (period.start, period.last)
    return Q(accepted_on__range=days) | Q(status=Status.NOT_ACCEPTED, accepted_on__isnull=True,
                                          completed_on__range=days)


def counted(as_of, today):
    """The condition of each counted figure, for rows already ``in_scope``.

    ``as_of`` None: the state as it is now. Otherwise an application that ended after
    ``as_of`` was still open on that day, and ratings given after it do not count yet.
    ``today`` is the day an open application's deadline is compared with.
    """
    cohort = Q(accepted_on__isnull=False)

    def ended(status):
        # In scope, a status other than 不予受理 means accepted: no cohort test needed.
        return Q(status=status) if as_of is None else Q(status=status, completed_on__lte=as_of)

    completed = ended(Status.COMPLETED)
    in_progress = Q(status__in=OPEN_STATUSES)
    rated = cohort & Q(rating__isnull=False)
    if as_of is not None:
        in_progress |= Q(status__in=ENDED_STATUSES, completed_on__gt=as_of)
        next_day = datetime.combine(as_of + timedelta(days=1), time.min,
                                    tzinfo=timezone.get_current_timezone())
        rated &= Q(rating__rated_at__lt=next_day)
    return {
        "accepted": cohort,
        "completed": completed,
        "denied": ended(Status.DENIED),
        "withdrawn": ended(Status.WITHDRAWN),
        "not_accepted": Q(accepted_on__isnull=True),
        "in_progress": in_progress,
        "overdue_open": in_progress & Q(deadline__lt=today),
        "overdue_completed": completed & Q(completed_on__gt=F("deadline")),
        "on_time": completed & Q(completed_on__lte=F("deadline")),
        "rated": rated,
        "satisfied": rated & Q(rating__grade__in=GOOD_GRADES),
        "bad_ratings": rated & Q(rating__grade__in=BAD_GRADES),
        "days_counted": completed & Q(days_taken__isnull=False),
    }


def conditions(as_of, today):
    """``counted`` plus the figures that add two of them up, each as one condition."""
    each = counted(as_of, today)
    return {**each,
            "refused": each["not_accepted"] | each["denied"],
            "overdue": each["overdue_open"] | each["overdue_completed"]}


@dataclass(frozen=True)
class Figures:
    """The counts of one row of figures (or of the total); rates are worked out from them."""

    accepted: int = 0
    completed: int = 0
    denied: int = 0
    withdrawn: int = 0
    not_accepted: int = 0
    in_progress: int = 0
    overdue_open: int = 0
    overdue_completed: int = 0
    on_time: int = 0
    rated: int = 0
    satisfied: int = 0
    bad_ratings: int = 0
    days_counted: int = 0
    days_total: int = 0

    def __add__(self, other):
        return Figures(**{f.name: getattr(self, f.name) + getattr(other, f.name)
                          for f in fields(self)})

    @property
    def refused(self):
        """不予受理 and 不予许可 together."""
        return self.not_accepted + self.denied

    @property
    def overdue(self):
        return self.overdue_open + self.overdue_completed

    @property
    def completion_rate(self):
        return rate(self.completed, self.accepted)

    @property
    def on_time_rate(self):
        return rate(self.on_time, self.completed)

    @property
    def satisfaction_rate(self):
        return rate(self.satisfied, self.rated)

    @property
    def average_days(self):
        return rate(self.days_total, self.days_counted, "0.01")

    @property
    def empty(self):
        return not (self.accepted or self.not_accepted)


COUNT_NAMES = tuple(f.name for f in fields(Figures) if f.name != "days_total")

# Every figure with its label, in the order of the table.
LABELS = {
    "accepted": "受理",
    "completed": "办结",
    "refused": "不予受理和不予许可",
    "not_accepted": "不予受理",
    "denied": "不予许可",
    "withdrawn": "撤回",
    "in_progress": "在办",
    "overdue": "逾期",
    "overdue_open": "逾期未办结",
    "overdue_completed": "逾期办结",
    "on_time": "按时办结",
    "completion_rate": "办结率",
    "on_time_rate": "按时办结率",
    "average_days": "平均办理用时（工作日）",
    "rated": "评价",
    "satisfied": "满意评价",
    "bad_ratings": "差评",
    "satisfaction_rate": "满意率",
    "days_counted": "计入用时的办结件",
}
# The counts each rate is worked out from: its records are theirs (numerator first).
RATES = {
    "completion_rate": ("completed", "accepted"),
    "on_time_rate": ("on_time", "completed"),
    "satisfaction_rate": ("satisfied", "rated"),
    "average_days": ("days_counted",),
}
# The figures that are counts of applications: each has its records.
COUNTS = tuple(name for name in LABELS if name not in RATES)
