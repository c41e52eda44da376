"""Rectification items (整改事项) that other parts of the system open on their own.

A citizen's bad rating of the service hall, for instance, must turn into a promise with an owner
and a deadline without anyone typing it in. Such an item goes into the unit's rectification
ledger for the year (made on first use), already assigned: its clock runs from the day it opens.
"""

from django.db import transaction
from django.utils import timezone

from ..inbox.models import Kind
from ..inbox.services import notify
from ..org.events import record_event
from ..org.workdays import add_working_days
from . import people
from .constants import Action, ItemStatus
from .models import Item, Ledger, LedgerKind

RECTIFICATION_KIND = "zhenggai"


def rectification_ledger(unit, year):
    kind = LedgerKind.objects.get(code=RECTIFICATION_KIND)
    ledger, _ = Ledger.objects.get_or_create(
        unit=unit, year=year, name=f"{year}年整改事项台账",
        defaults={"kind": kind, "code_prefix": f"ZG{year}",
                  "description": "群众评价、督查检查等发现问题的整改，系统自动登记。"},
    )
    return ledger


def open_rectification(*, unit, leader, title, goal, working_days, source, today=None):
    """Open an assigned 整改事项 for ``unit``, due ``working_days`` working days from today.

    ``source`` says on the timeline where the item came from (e.g. the rating and its receipt
    number); there is no actor, the system opened it.
    """
    today = today or timezone.localdate()
    deadline = add_working_days(today, working_days)
    with transaction.atomic():
        ledger = rectification_ledger(unit, today.year)
        # Lock the ledger so that two items opened at once draw different codes.
        ledger = Ledger.objects.select_for_update().get(pk=ledger.pk)
        item = Item.objects.create(
            ledger=ledger, code=ledger.next_code(), title=title[:200], leader=leader,
            lead_unit=unit, goal=goal, status=ItemStatus.IN_PROGRESS, assigned_on=today,
            last_reported_on=today, deadline=deadline.date,
            deadline_known=deadline.calendar_known,
        )
        record_event(item, "create", to_status=ItemStatus.PENDING, note=source)
        record_event(item, Action.ASSIGN, from_status=ItemStatus.PENDING,
                     to_status=ItemStatus.IN_PROGRESS, note="系统自动交办",
                     data={"deadline": str(item.deadline),
                           "calendar_known": item.deadline_known})
        notify(people.lead_unit_users(item), Kind.WORKFLOW, f"新整改事项：{item.title}",
               f"{source}。整改时限 {item.deadline:%Y年%m月%d日}。", people.item_link(item))
    return item
