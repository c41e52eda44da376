"""A district with a year of records — the demo's ledgers, service hall and petitions, and
a few hundred ledger items of random dates and states on top — loaded once per module."""

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction

from taizhang.hall.demo.load import load_hall_demo
from taizhang.ledger.constants import ItemStatus
from taizhang.ledger.demo.load import load_ledger_demo
from taizhang.ledger.models import Item, Ledger
from taizhang.org.constants import UnitKind
from taizhang.org.demo.load import load_demo
from taizhang.org.models import Person, Unit
from taizhang.petitions.demo.load import load_petitions_demo

TODAY = date(2026, 12, 5)
ZONE = ZoneInfo("Asia/Shanghai")


def random_items(seed=7, n=300):
    """``n`` items of random lead units (any level), created, due and closed on random days
    of 2026: some closed late, some open past their deadline, some not yet due."""
    rng = random.Random(seed)
    ledger = Ledger.objects.order_by("pk").first()
    units = list(Unit.objects.exclude(kind=UnitKind.DISTRICT).values_list("pk", flat=True))
    leaders = list(Person.objects.values_list("pk", flat=True)[:20])
    items = []
    for n_item in range(n):
        created = date(2026, 1, 1) + timedelta(days=rng.randrange(330))
        deadline = created + timedelta(days=rng.randrange(5, 90))
        status = rng.choice([ItemStatus.IN_PROGRESS, ItemStatus.CLOSED, ItemStatus.CLOSED,
                             ItemStatus.CLOSE_REQUESTED, ItemStatus.PENDING])
        closed = None
        if status == ItemStatus.CLOSED:
            closed = min(created + timedelta(days=rng.randrange(1, 120)), TODAY)
        items.append(Item(
            ledger=ledger, code=f"RND-{n_item:04d}", title=f"随机事项{n_item}",
            leader_id=rng.choice(leaders), lead_unit_id=rng.choice(units), deadline=deadline,
            status=status, closed_on=closed, assigned_on=created,
            created_at=datetime.combine(created, time(rng.randrange(8, 18)), tzinfo=ZONE)))
    Item.objects.bulk_create(items)


@pytest.fixture(scope="module")
def district(django_db_setup, django_db_blocker):
    with (django_db_blocker.unblock(), transaction.atomic(),
          time_machine.travel(f"{TODAY} 09:00 +0800", tick=False)):
        load_demo()
        load_ledger_demo()
        load_hall_demo(applications=1200)
        load_petitions_demo(petitions=80)
        random_items()
        yield
        transaction.set_rollback(True)
