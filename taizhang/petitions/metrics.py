"""What targets (目标) can count among petitions: backlog cases resolved (积案化解)."""

from django.urls import reverse

from ..ledger.constants import ItemStatus
from ..ledger.queries import visible_items
from ..reports.metrics import Metric, register
from .models import BacklogCase


def resolved_between(start, end, units, option):
    cases = BacklogCase.objects.filter(item__status=ItemStatus.CLOSED,
                                       item__closed_on__range=(start, end))
    return cases if units is None else cases.filter(item__lead_unit__in=units)


def visible(user):
    """A backlog case is its ledger item: seen by whoever may see the item."""
    return BacklogCase.objects.filter(item__in=visible_items(user))


def describe(case):
    item = case.item
    return {"id": case.pk, "code": item.code, "title": item.title,
            "unit": item.lead_unit.name if item.lead_unit_id else "",
            "status": item.get_status_display(),
            "date": item.closed_on.isoformat() if item.closed_on else "",
            "url": reverse("ledger:item", args=[item.pk])}


register(Metric("petitions.backlog_resolved", "信访积案化解", "件", records=resolved_between,
                describe=describe, visible=visible,
                related=("item", "item__lead_unit")))
