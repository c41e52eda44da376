"""Ledger items (台账事项) in a report: opened, closed (late or not), open and overdue.

The state is the state at the end of ``period.last``: an item closed after that day was still
open, one created after it does not exist yet. Deadlines are read as they stand now (an
approved extension moves the deadline itself).
"""

from datetime import datetime, time, timedelta

from django.db.models import Count, F, Q
from django.utils import timezone

from ...ledger.constants import ItemStatus
from ...ledger.metrics import describe
from ...ledger.models import Item
from ...ledger.queries import visible_items as visible

# What this source offers reports (see sources/__init__.py).
__all__ = ["NAME", "LABELS", "RELATED", "URL_NAME", "add", "describe", "overdue_items",
           "records", "total", "unit_figures", "visible"]

NAME = "ledger"
LABELS = {
    "opened": "新增事项",
    "closed": "销号事项",
    "closed_late": "逾期销号",
    "open": "在办事项",
    "overdue": "逾期未销号",
}
RELATED = ("lead_unit",)  # what ``describe`` reads
URL_NAME = "ledger:item"


def _day_start(day):
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


def conditions(period):
    last = period.last
    existed = Q(created_at__lt=_day_start(last + timedelta(days=1)))
    closed_by_then = Q(status=ItemStatus.CLOSED, closed_on__lte=last)
    is_open = existed & ~closed_by_then
    closed = Q(status=ItemStatus.CLOSED, closed_on__range=(period.start, last))
    return {
        "opened": Q(created_at__gte=_day_start(period.start)) & existed,
        "closed": closed,
        "closed_late": closed & Q(closed_on__gt=F("deadline")),
        "open": is_open,
        "overdue": is_open & Q(deadline__lt=last),
    }


def unit_figures(period):
    """{lead unit id: {figure: count}} for ``period``, in one query."""
    each = conditions(period)
    found = (Item.objects.order_by().values("lead_unit_id")
             .annotate(**{name: Count("pk", filter=condition) for name, condition in each.items()}))
    # A unit whose items all lie outside the period has a row of zeros: leave it out.
    return {row.pop("lead_unit_id"): row for row in found if any(row.values())}


def records(figure, period, units=None):
    """The items behind ``figure``; ``units``: a subquery of unit ids, or None for all."""
    items = Item.objects.filter(conditions(period)[figure])
    if units is not None:
        items = items.filter(lead_unit__in=units)
    return items


def overdue_items(period, limit=None):
    """The items overdue at the end of ``period``, longest overdue first, for 点名通报."""
    items = (records("overdue", period).select_related("lead_unit", "leader")
             .order_by("deadline", "code"))
    return items[:limit] if limit else items


def add(a, b):
    """Two units' figures added up."""
    return {name: a[name] + b[name] for name in a}


def total(per_unit):
    """The district's figures: ``unit_figures`` added up over every lead unit."""
    summed = dict.fromkeys(LABELS, 0)
    for figures in per_unit.values():
        summed = add(summed, figures)
    return summed
