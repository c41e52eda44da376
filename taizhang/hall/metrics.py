"""What targets (目标) can count among applications: accepted and completed ones."""

from django.urls import reverse

from ..reports.metrics import Metric, register
from .constants import Status
from .models import Application
from .queries import visible_applications


def _of(applications, units):
    return applications if units is None else applications.filter(department__in=units)


def accepted_between(start, end, units, option):
    return _of(Application.objects.filter(accepted_on__range=(start, end)), units)


def completed_between(start, end, units, option):
    return _of(Application.objects.filter(status=Status.COMPLETED,
                                          completed_on__range=(start, end)), units)


def describe(application):
    """An application as a line of the list behind a figure; its day is the day it ended, or
    the day it was accepted while open. Reports describe applications the same way."""
    return {"id": application.pk, "code": application.receipt_no,
            "title": application.version.name, "unit": application.department.name,
            "status": application.get_status_display(),
            "date": str(application.completed_on or application.accepted_on or ""),
            "url": reverse("hall:application", args=[application.pk])}


for key, label, records in (("hall.accepted", "受理办件", accepted_between),
                            ("hall.completed", "办结办件", completed_between)):
    register(Metric(key, label, "件", records=records, describe=describe,
                    visible=visible_applications, related=("version", "department")))
