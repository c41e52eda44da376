"""Two people acting on the same item at once, on real connections: exactly one wins."""

from datetime import date

import pytest
from django.db import connection

from taizhang.ledger import rules
from taizhang.ledger.constants import Action, ItemStatus
from taizhang.ledger.models import Item
from taizhang.ledger.tests.factories import build_ledger_world
from taizhang.org.events import timeline
from taizhang.org.tests.concurrency import race as run_together
from taizhang.org.tests.factories import build_small_district

pytestmark = pytest.mark.django_db(transaction=True)


def race(*acts):
    return run_together(*acts, expected=rules.LedgerError)


@pytest.fixture
def world():
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent server connections; SQLite serialises writers itself")
    return build_ledger_world(build_small_district())


def test_two_officers_close_out_at_once(world):
    item = rules.assign_item(world.item, actor=world.supervisor, today=date(2026, 9, 1))
    rules.request_close_out(item, actor=world.west_staff, evidence="已完工验收")
    results, errors = race(
        lambda: rules.close_out_item(Item.objects.get(pk=item.pk), actor=world.supervisor),
        lambda: rules.close_out_item(Item.objects.get(pk=item.pk), actor=world.supervisor2),
    )
    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], rules.Conflict)
    assert "已销号" in errors[0].message and "请刷新页面" in errors[0].message
    assert Item.objects.get(pk=item.pk).status == ItemStatus.CLOSED
    assert timeline(item).filter(action=Action.CLOSE_OUT).count() == 1


def test_close_out_and_return_at_once(world):
    item = rules.assign_item(world.item, actor=world.supervisor, today=date(2026, 9, 1))
    rules.request_close_out(item, actor=world.west_staff, evidence="已完工验收")
    results, errors = race(
        lambda: rules.close_out_item(Item.objects.get(pk=item.pk), actor=world.supervisor),
        lambda: rules.return_item(Item.objects.get(pk=item.pk), actor=world.supervisor2,
                                  reason="材料不全"),
    )
    assert len(results) == 1 and len(errors) == 1 and isinstance(errors[0], rules.Conflict)
    final = Item.objects.get(pk=item.pk).status
    assert final == results[0].status
    assert timeline(item).filter(action__in=[Action.CLOSE_OUT, Action.RETURN]).count() == 1


def test_two_officers_assign_at_once(world):
    results, errors = race(*[
        (lambda user=user: rules.assign_item(Item.objects.get(pk=world.item.pk), actor=user,
                                             today=date(2026, 9, 1)))
        for user in (world.supervisor, world.supervisor2)
    ])
    assert len(results) == 1 and len(errors) == 1 and isinstance(errors[0], rules.Conflict)
    assert timeline(world.item).filter(action=Action.ASSIGN).count() == 1
