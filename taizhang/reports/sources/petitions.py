"""Petitions (信访件) in a report: the petition office's own figures (``petitions.figures``),
per handling unit."""

from django.urls import reverse

from ...petitions import figures as petition_figures
from ...petitions.models import Petition
from ...petitions.queries import visible_petitions as visible

# What this source offers reports (see sources/__init__.py).
__all__ = ["NAME", "LABELS", "RELATED", "URL_NAME", "by_month", "describe", "records",
           "unit_figures", "visible"]

NAME = "petitions"
LABELS = petition_figures.LABELS
RELATED = ("category", "handling_unit")  # what ``describe`` reads
URL_NAME = "petitions:detail"


def unit_figures(period):
    """{handling unit id: Figures} and the total."""
    found = petition_figures.figures_for(Petition.objects.all(), period, by=("handling_unit",))
    return {row.group["handling_unit"]: row.figures for row in found.rows}, found.total


def by_month(period):
    """The district's figures month by month, in time order."""
    return petition_figures.figures_for(Petition.objects.all(), period, bucket="month").rows


def records(figure, period, units=None):
    petitions = Petition.objects.all()
    if units is not None:
        petitions = petitions.filter(handling_unit__in=units)
    return petition_figures.records(petitions, figure, period)


def describe(petition):
    return {"id": petition.pk, "code": petition.registration_no,
            "title": petition.category.name if petition.category_id else "",
            "unit": petition.handling_unit.name if petition.handling_unit_id else "未交办",
            "status": petition.get_status_display(),
            "date": petition.received_on.isoformat(),
            "url": reverse(URL_NAME, args=[petition.pk])}

