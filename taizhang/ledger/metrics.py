"""What targets (目标) can count among ledger items: the items of a ledger closed out — "20
road projects built" is the road ledger's items closed out in the year."""

from django.urls import reverse

from ..reports.metrics import Metric, register
from .constants import ItemStatus
from .models import Item, Ledger
from .queries import visible_items


def closed_between(start, end, units, option):
    items = Item.objects.filter(status=ItemStatus.CLOSED, closed_on__range=(start, end))
    if option:
        items = items.filter(ledger_id=int(option) if option.isdigit() else None)
    if units is not None:
        items = items.filter(lead_unit__in=units)
    return items


def ledgers():
    return [(str(pk), f"{name}（{year}年）") for pk, name, year in
            Ledger.objects.order_by("-year", "pk").values_list("pk", "name", "year")]


def describe(item):
    """An item as a line of the list behind a figure; its day is the close-out day, or the
    deadline while it is open. Reports describe the items of their figures the same way."""
    day = item.closed_on or item.deadline
    return {"id": item.pk, "code": item.code, "title": item.title,
            "unit": item.lead_unit.name if item.lead_unit_id else "未交办",
            "status": item.get_status_display(), "date": day.isoformat() if day else "",
            "url": reverse("ledger:item", args=[item.pk])}


register(Metric("ledger.items_closed", "台账事项销号", "件", records=closed_between,
                describe=describe, visible=visible_items, related=("lead_unit",),
                options=ledgers, option_label="台账"))
