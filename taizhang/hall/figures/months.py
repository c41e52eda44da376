"""The figures of each month of a year for the applications one may see, quickly: finished
months from the night's summary (``MonthFigures``), the month under way counted live.

``summarise`` writes the summary of the finished months of this year and last, from one
grouped query; it runs every night (``hall.tasks.summarise_months``), so a finished month's
figures are those of the night before — the page says so. A month not yet summarised (a new
installation, the first day of a month) is counted live like the current one.
"""

from dataclasses import asdict, dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from ...org.visibility import scope_for
from ..models import Application, MonthFigures, SummarisedMonth
from ..queries import visible_applications
from .compute import figures_for
from .definitions import Figures
from .periods import Period, bucket_end, months_between


@dataclass(frozen=True)
class Month:
    period: Period
    figures: Figures
    summarised_at: object  # when the summary was counted; None: counted now

    @property
    def start(self):
        return self.period.start


def summarise(today=None):
    """Rebuild the summary of every finished month of this year and last; how many rows."""
    today = today or timezone.localdate()
    first = today.replace(day=1)
    period = Period(date(today.year - 1, 1, 1), first - timedelta(days=1))
    table = figures_for(Application.objects.all(), period, by=("centre", "department"),
                        bucket="month")
    rows = [MonthFigures(month=row.bucket, centre_id=row.group["centre"],
                         department_id=row.group["department"],
                         figures=asdict(row.figures)) for row in table.rows]
    every_month = months_between(period.start, period.end)
    with transaction.atomic():
        MonthFigures.objects.filter(month__range=(period.start, period.end)).delete()
        MonthFigures.objects.bulk_create(rows, batch_size=500)
        SummarisedMonth.objects.filter(month__in=every_month).delete()
        SummarisedMonth.objects.bulk_create(SummarisedMonth(month=m) for m in every_month)
    return len(rows)


def visible_month_figures(user):
    """The summary rows of applications ``user`` may see: the rule of ``visible_applications``
    on the centre's unit and the department, which every row of one summary row shares."""
    scope = scope_for(user)
    rows = MonthFigures.objects.all()
    return rows if scope.everything else rows.filter(
        scope.unit_condition("centre__unit", "department"))


def months_of_year(user, today):
    """Each month of ``today``'s year up to today, with the figures of the applications
    ``user`` may see."""
    start = date(today.year, 1, 1)
    current = today.replace(day=1)
    done = dict(SummarisedMonth.objects.filter(month__range=(start, current - timedelta(days=1)))
                .values_list("month", "computed_at"))
    summed = {}
    for month, counts in visible_month_figures(user).filter(month__in=list(done)).values_list(
            "month", "figures"):
        summed[month] = summed.get(month, Figures()) + Figures(**counts)
    live = {}
    missing = [m for m in months_between(start, current) if m not in done]
    if missing:
        # One live count from the first month without a summary to today.
        table = figures_for(visible_applications(user), Period(missing[0], today),
                            bucket="month")
        live = {row.bucket: row.figures for row in table.by_bucket()}
    result = []
    for month in months_between(start, current):
        period = Period(month, min(bucket_end(month, "month"), today))
        if month in done:
            result.append(Month(period, summed.get(month, Figures()), done[month]))
        else:
            result.append(Month(period, live.get(month, Figures()), None))
    return result
