"""Applications at the service centres (办件) in a report: the service hall's own figures
(``hall.figures``), per department."""

from django.urls import reverse

from ...hall import figures as hall_figures
from ...hall.models import Application
from ...hall.queries import visible_applications

NAME = "hall"
LABELS = hall_figures.LABELS
RELATED = ("version", "department")  # what ``describe`` reads
URL_NAME = "hall:application"
RATES = hall_figures.RATES


def table(period):
    return hall_figures.figures_for(Application.objects.all(), period, by=("department",))


def unit_figures(period):
    """{department id: Figures} and the total, in one query."""
    found = table(period)
    return {row.group["department"]: row.figures for row in found.rows}, found.total


def by_month(period):
    """The district's figures month by month, in time order."""
    return hall_figures.figures_for(Application.objects.all(), period, bucket="month").by_bucket()


def records(figure, period, units=None):
    applications = Application.objects.all()
    if units is not None:
        applications = applications.filter(department__in=units)
    return hall_figures.records(applications, figure, period)


def describe(application):
    return {"id": application.pk, "code": application.receipt_no,
            "title": application.version.name, "unit": application.department.name,
            "status": application.get_status_display(),
            "date": application.accepted_on.isoformat() if application.accepted_on else "",
            "url": reverse(URL_NAME, args=[application.pk])}


def visible(user):
    return visible_applications(user)

