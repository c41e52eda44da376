from datetime import date
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from taizhang.inbox.models import Notification
from taizhang.ledger import lights
from taizhang.ledger.constants import ExtensionStatus, ItemStatus, Light
from taizhang.ledger.demo import plan
from taizhang.ledger.demo.load import load_ledger_demo
from taizhang.ledger.models import Extension, Item, Ledger
from taizhang.ledger.queries import light_counts, visible_items
from taizhang.org.events import timeline
from taizhang.org.models import AuditEntry, User
from taizhang.org.tests.test_demo import table_snapshot

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)


def load(day=TODAY):
    """The whole demo, loaded by the command as on that morning."""
    with time_machine.travel(f"{day} 09:00 +0800", tick=False):
        call_command("demo", "--applications", "0", "--petitions", "0", stdout=StringIO())


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module (loading takes seconds) and rolled back after it;
    each test still runs in its own transaction inside this one."""
    with django_db_blocker.unblock(), transaction.atomic():
        load()
        yield {ledger.name: ledger for ledger in Ledger.objects.all()}
        transaction.set_rollback(True)


def test_this_years_ledgers_from_the_article(demo):
    counts = {name: ledger.items.count() for name, ledger in demo.items()}
    assert counts == {
        "惠民计划·20项道路工程": 20, "惠民计划·10项民生工程": 10, "惠民计划·10件民生实事": 10,
        "民生突出问题台账": 12,
    }
    assert {ledger.year for ledger in demo.values()} == {2026}
    assert {ledger.kind.code for ledger in demo.values()} == {"huimin", "shishi", "minsheng"}
    roads = demo["惠民计划·20项道路工程"].items.all()
    assert all(item.milestones.count() in (3, 4) for item in roads)
    assert roads.filter(lead_unit__name__in=["交通运输局", "住房和城乡建设局"]).count() >= 15
    problems = " ".join(demo["民生突出问题台账"].items.values_list("title", flat=True))
    for topic in ("环境", "出行", "看病", "就业", "殡葬", "布点", "饮水", "农田水利", "城中村"):
        assert topic in problems, topic


def test_the_lights_show_every_colour_for_every_reason(demo):
    items = Item.objects.all()
    counts = light_counts(items, TODAY)
    assert all(counts[light] > 0 for light in Light.values), counts
    assert counts[Light.GREEN] > counts[Light.YELLOW] and counts[Light.GREEN] > counts[Light.RED]

    annotated = {item.pk: item.light for item in lights.annotate_light(items, TODAY)}
    reasons = []
    for item in items.prefetch_related("milestones"):
        light, why = lights.explain(item, TODAY)
        assert light == annotated[item.pk], item.code
        if light == Light.YELLOW:
            reasons += why
    for kind in ("距完成时限不足", "节点", "进展情况未报送"):
        assert any(kind in reason for reason in reasons), kind


@pytest.mark.parametrize("day", [date(2026, 1, 5), date(2026, 10, 9), date(2026, 12, 30)])
def test_the_mix_holds_whatever_day_it_is_loaded(demo, day):
    Item.objects.all().delete()
    with time_machine.travel(f"{day} 09:00 +0800", tick=False):
        assert load_ledger_demo()["items"] == 52

    counts = light_counts(Item.objects.all(), day)
    assert all(counts[light] > 0 for light in Light.values), (day, counts)


def test_every_item_has_a_coherent_timeline(demo):
    now = timezone.now()
    for item in Item.objects.select_related("close_requested_by", "closed_by"):
        events = list(timeline(item).order_by("at", "pk"))
        assert events[0].action == "create", item.code
        assert [e.pk for e in events] == sorted(e.pk for e in events), item.code
        assert events[-1].at <= now
        status = ItemStatus.PENDING
        for event in events[1:]:
            if event.to_status:
                assert event.from_status == status, (item.code, event.action)
                status = event.to_status
        assert status == item.status, item.code
        if item.status != ItemStatus.PENDING:
            assert events[1].action == "assign"
            assert timezone.localdate(events[1].at) == item.assigned_on
        if item.status == ItemStatus.CLOSED:
            assert item.close_evidence
            assert item.closed_by.username == "duchashi"
            assert item.closed_by != item.close_requested_by
            assert timezone.localdate(events[-1].at) == item.closed_on
        reports = list(item.reports.order_by("at"))
        assert [timezone.localdate(r.at) for r in reports] == [r.reported_on for r in reports]
        if reports and item.status == ItemStatus.IN_PROGRESS:
            assert item.last_reported_on == reports[-1].reported_on


def test_demo_logins_find_work_waiting(demo):
    staff = User.objects.get(username="staff")
    led_by_staff = Item.objects.filter(lead_unit=staff.person.unit)
    assert led_by_staff.count() >= 5
    assert set(visible_items(staff)) >= set(led_by_staff)
    assert {lights.explain(i, TODAY)[0] for i in led_by_staff} >= {Light.GREEN, Light.RED}

    leader = User.objects.get(username="leader")
    assert Item.objects.filter(leader=leader.person).count() >= 5
    waiting = Extension.objects.filter(item__leader=leader.person,
                                       status=ExtensionStatus.REQUESTED)
    assert waiting.exists()
    assert Notification.objects.filter(recipient=leader, read_at__isnull=True,
                                       title__startswith="延期申请待审批").exists()
    assert Extension.objects.filter(status=ExtensionStatus.APPROVED).exists()
    assert Item.objects.filter(status=ItemStatus.CLOSE_REQUESTED).exists()


def test_loading_twice_changes_nothing(demo):
    before, audit_entries = table_snapshot(), AuditEntry.objects.count()

    with time_machine.travel("2026-06-20 09:00 +0800", tick=False):
        assert load_ledger_demo() == {"ledgers": 0, "items": 0, "handlers": 0}
        out = StringIO()
        call_command("demo", "--applications", "0", "--petitions", "0", stdout=out)

    assert "没有变化" in out.getvalue()
    assert AuditEntry.objects.count() == audit_entries
    assert table_snapshot() == before


def test_a_missing_item_is_added_without_touching_the_rest(demo):
    ledger = demo["惠民计划·10件民生实事"]
    Item.objects.filter(ledger=ledger, code=f"{ledger.code_prefix}-010").delete()
    others = sorted(Item.objects.values_list("pk", "updated_at"))

    assert load_ledger_demo(today=TODAY)["items"] == 1

    assert ledger.items.count() == 10
    assert sorted(Item.objects.exclude(code=f"{ledger.code_prefix}-010")
                  .values_list("pk", "updated_at")) == others


def test_every_lead_unit_has_a_handler_and_every_story_is_known():
    from taizhang.ledger.demo.stories import STORIES

    for spec in plan.LEDGERS:
        for item in spec.items:
            assert item.lead in plan.HANDLERS, item.title
            assert item.story in STORIES, item.title
