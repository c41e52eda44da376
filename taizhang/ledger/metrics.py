"""What targets (目标) can count among ledger items: items closed out, of a kind of ledger."""

from django.urls import reverse

from ..reports.metrics import Metric, register
from .constants import ItemStatus
from .models import Item, LedgerKind
from .queries import visible_items


def closed_between(start, end, units, option):
    items = Item.objects.filter(status=ItemStatus.CLOSED, closed_on__range=(start, end))
    if option:
        items = items.filter(ledger__kind__code=option)
    if units is not None:
        items = items.filter(lead_unit__in=units)
    return items


def kinds():
    return list(LedgerKind.objects.order_by("sort_order", "pk").values_list("code", "name"))


def describe(item):
    return {"id": item.pk, "code": item.code, "title": item.title,
            "unit": item.lead_unit.name if item.lead_unit_id else "未交办",
            "status": item.get_status_display(),
            "date": item.closed_on.isoformat() if item.closed_on else "",
            "url": reverse("ledger:item", args=[item.pk])}


register(Metric("ledger.items_closed", "台账事项销号", "件", records=closed_between,
                describe=describe, visible=visible_items, related=("lead_unit",),
                options=kinds, option_label="台账类型"))
