"""The traffic light: from the deadline, milestones and reports, on the official calendar."""

import random
from datetime import date, timedelta

import pytest

from taizhang.ledger import lights
from taizhang.ledger.constants import Frequency, ItemStatus, Light
from taizhang.ledger.models import Item
from taizhang.ledger.tests.factories import ItemFactory, MilestoneFactory


def light_of(item, today):
    """Both computations, which must agree; the SQL one is what lists and the scan use."""
    python_light, _ = lights.explain(item, today)
    sql_light = lights.annotate_light(Item.objects.filter(pk=item.pk), today).get().light
    assert python_light == sql_light
    return python_light


@pytest.fixture
def item(world):
    world.item.status = ItemStatus.IN_PROGRESS
    world.item.assigned_on = world.item.last_reported_on = date(2026, 9, 1)
    world.item.save()
    return world.item


def with_deadline(item, deadline, reported=None):
    item.deadline = deadline
    item.last_reported_on = reported or item.last_reported_on
    item.save()
    return item


@pytest.mark.parametrize(("today", "deadline", "expected"), [
    # 2026: Mid-Autumn on Fri 25 Sep, National Day 1–7 Oct, Saturday 10 Oct is a working day.
    (date(2026, 9, 29), date(2026, 10, 9), Light.YELLOW),  # 9-30, 10-8, 10-9: three working days
    (date(2026, 9, 29), date(2026, 10, 10), Light.GREEN),  # the make-up Saturday is the fourth
    (date(2026, 9, 30), date(2026, 10, 10), Light.YELLOW),
    (date(2026, 9, 30), date(2026, 10, 12), Light.GREEN),
    (date(2026, 9, 24), date(2026, 9, 30), Light.YELLOW),  # 9-28, 9-29, 9-30 after the holiday
    (date(2026, 9, 24), date(2026, 10, 8), Light.GREEN),
    (date(2026, 9, 29), date(2026, 9, 29), Light.YELLOW),  # due today: not yet overdue
    (date(2026, 9, 29), date(2026, 9, 28), Light.RED),
    (date(2026, 10, 8), date(2026, 9, 30), Light.RED),  # overdue across the holiday
])
def test_deadline_lights_count_working_days(item, today, deadline, expected):
    assert light_of(with_deadline(item, deadline, reported=today), today) == expected


def test_red_explains_how_late(item):
    light, reasons = lights.explain(with_deadline(item, date(2026, 9, 28)), date(2026, 10, 8))
    assert light == Light.RED and reasons == ["已超过完成时限 10 天（时限 2026年09月28日）"]


def test_a_late_milestone_turns_the_item_yellow(item):
    today = date(2026, 9, 15)
    with_deadline(item, date(2026, 12, 31), reported=today)
    milestone = MilestoneFactory(item=item, title="完成管网铺设", due=date(2026, 9, 14))
    assert light_of(item, today) == Light.YELLOW
    assert "节点“完成管网铺设”已超过 09月14日 的时限" in lights.explain(item, today)[1]
    milestone.done_on = date(2026, 9, 15)
    milestone.save()
    assert light_of(item, today) == Light.GREEN


@pytest.mark.parametrize(("frequency", "last", "today", "expected"), [
    (Frequency.WEEKLY, date(2026, 9, 8), date(2026, 9, 15), Light.GREEN),  # 7 days: on time
    (Frequency.WEEKLY, date(2026, 9, 7), date(2026, 9, 15), Light.YELLOW),  # 8 days: missing
    (Frequency.MONTHLY, date(2026, 8, 15), date(2026, 9, 15), Light.GREEN),
    (Frequency.MONTHLY, date(2026, 8, 14), date(2026, 9, 15), Light.YELLOW),
    (Frequency.MONTHLY, date(2026, 2, 28), date(2026, 3, 31), Light.GREEN),  # short February
    (Frequency.MONTHLY, date(2026, 2, 27), date(2026, 3, 31), Light.YELLOW),
])
def test_a_missing_progress_report_turns_the_item_yellow(item, frequency, last, today, expected):
    item.frequency = frequency
    with_deadline(item, date(2026, 12, 31), reported=last)
    assert light_of(item, today) == expected


def test_closed_items_have_no_light(item):
    item.status = ItemStatus.CLOSED
    with_deadline(item, date(2026, 9, 1))
    assert light_of(item, date(2026, 10, 1)) == Light.NONE


def test_pending_items_owe_no_report(world):
    world.item.last_reported_on = date(2026, 1, 1)
    world.item.save()
    assert light_of(world.item, date(2026, 9, 1)) == Light.GREEN


def test_the_warning_window_is_configurable(item, settings):
    today = date(2026, 9, 29)
    with_deadline(item, date(2026, 10, 12), reported=today)
    assert light_of(item, today) == Light.GREEN
    settings.TAIZHANG_WARNING_WORKING_DAYS = 5
    assert light_of(item, today) == Light.YELLOW


def test_sql_and_python_agree_on_random_items(world):
    rng = random.Random(20261125)
    start = date(2026, 9, 1)
    for _ in range(60):
        item = ItemFactory(
            ledger=world.ledger, leader=world.leader_person, lead_unit=world.tree.west,
            status=rng.choice(ItemStatus.values), frequency=rng.choice(Frequency.values),
            deadline=rng.choice([None, start + timedelta(days=rng.randint(0, 60))]),
            last_reported_on=start + timedelta(days=rng.randint(-40, 30)),
        )
        for _ in range(rng.randint(0, 2)):
            MilestoneFactory(item=item, due=start + timedelta(days=rng.randint(0, 50)),
                             done_on=rng.choice([None, start]))
    for today in (date(2026, 9, 24), date(2026, 9, 30), date(2026, 10, 9), date(2026, 10, 20)):
        annotated = {i.pk: i.light for i in lights.annotate_light(Item.objects.all(), today)}
        for item in Item.objects.prefetch_related("milestones"):
            assert lights.explain(item, today)[0] == annotated[item.pk], (item.pk, today)
