"""Reading items: always through ``visible_items``, which applies the visibility rule of org."""

from django.db.models import Count, Q

from ..org.visibility import scope_for
from .constants import OPEN_STATUSES, Light
from .lights import annotate_light
from .models import Item, Ledger

# An item belongs to the units it is led by, cooperated on by, and whose ledger it is in.
ITEM_UNIT_PATHS = ("lead_unit", "ledger__unit")


def visible_items(user):
    scope = scope_for(user)
    if scope.everything:
        return Item.objects.all()
    condition = scope.unit_condition(*ITEM_UNIT_PATHS) | Q(
        pk__in=Item.cooperating_units.through.objects.filter(
            unit__in=scope.visible_unit_ids()).values("item_id")
    )
    if scope.person_id is not None:
        condition |= Q(leader_id=scope.person_id)
    return Item.objects.filter(condition)


def visible_ledgers(user):
    """Ledgers of visible units, and ledgers holding an item the user may see."""
    scope = scope_for(user)
    if scope.everything:
        return Ledger.objects.all()
    return Ledger.objects.filter(
        scope.unit_condition("unit") | Q(pk__in=visible_items(user).values("ledger_id"))
    )


def light_counts(items, today) -> dict[str, int]:
    """How many of ``items`` show each light (closed items count under NONE)."""
    rows = annotate_light(items.order_by(), today).values("light").annotate(n=Count("pk"))
    counts = dict.fromkeys(Light.values, 0)
    counts.update({row["light"]: row["n"] for row in rows})
    return counts


def overdue(items, today):
    return items.filter(status__in=OPEN_STATUSES, deadline__lt=today)


def overdue_by_unit(items, today):
    """Overdue items per lead unit, most first: what the supervision office chases."""
    return (overdue(items, today).order_by().values("lead_unit_id", "lead_unit__name")
            .annotate(n=Count("pk")).order_by("-n", "lead_unit__name"))
