"""Applications at the service centres (办件) in a report: the service hall's own figures
(``hall.figures``), per department."""

from ...hall import figures as hall_figures
from ...hall.metrics import describe
from ...hall.models import Application
from ...hall.queries import visible_applications as visible

# What this source offers reports (see sources/__init__.py).
__all__ = ["NAME", "LABELS", "RELATED", "URL_NAME", "by_month", "describe", "records",
           "unit_figures", "visible"]

NAME = "hall"
LABELS = hall_figures.LABELS
RELATED = ("version", "department")  # what ``describe`` reads
URL_NAME = "hall:application"


def unit_figures(period):
    """{department id: Figures} and the total, in one query."""
    found = hall_figures.figures_for(Application.objects.all(), period, by=("department",))
    return {row.group["department"]: row.figures for row in found.rows}, found.total


def by_month(period):
    """The district's figures month by month, in time order."""
    return hall_figures.figures_for(Application.objects.all(), period, bucket="month").by_bucket()


def records(figure, period, units=None):
    applications = Application.objects.all()
    if units is not None:
        applications = applications.filter(department__in=units)
    return hall_figures.records(applications, figure, period)
