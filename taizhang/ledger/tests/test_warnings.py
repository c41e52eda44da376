"""The daily warning scan: one 催办 per yellow stage, one 督办 per red stage, never twice."""

import re
import threading
from datetime import date

import pytest
from django.db import connection, connections
from django_tasks_db.models import DBTaskResult

from taizhang.inbox.models import Kind, Notification
from taizhang.ledger import people, rules
from taizhang.ledger.constants import Frequency, ItemStatus, WarningLevel
from taizhang.ledger.models import Warning
from taizhang.ledger.tasks import scan_warnings
from taizhang.ledger.tests.factories import ItemFactory, MilestoneFactory
from taizhang.ledger.warnings import scan
from taizhang.org.events import timeline
from taizhang.org.membership import user_ids_acting_for

ASSIGNED = date(2026, 9, 1)
# Right after the 2026 National Day holiday (10-01 to 10-07; 9-25 Mid-autumn, 10-10 worked).
AFTER_HOLIDAY = date(2026, 10, 9)


def open_item(world, deadline, **fields):
    fields = {"lead_unit": world.tree.west, "status": ItemStatus.IN_PROGRESS,
              "assigned_on": ASSIGNED, "last_reported_on": ASSIGNED, **fields}
    return ItemFactory(ledger=world.ledger, leader=world.leader_person, deadline=deadline,
                       **fields)


def handlers(world):
    return {world.west_staff.pk, world.tree.west_clerk.pk}


def inbox(kind):
    return sorted(Notification.objects.filter(kind=kind).values_list("recipient_id", flat=True))


@pytest.fixture
def item(world):
    return open_item(world, AFTER_HOLIDAY, title="西河村饮水安全提升", code="MS2026-001")


@pytest.mark.django_db
@pytest.mark.parametrize("today, level", [
    (date(2026, 9, 28), None),  # 3 working days on: 9-29, 9-30, 10-08
    (date(2026, 9, 29), WarningLevel.REMINDER),  # ten calendar days ahead, yet 3 working days
    (date(2026, 10, 7), WarningLevel.REMINDER),  # last day of the holiday
    (AFTER_HOLIDAY, WarningLevel.REMINDER),  # the deadline day itself is not overdue
    (date(2026, 10, 10), WarningLevel.ESCALATION),  # a make-up Saturday, one day late
])
def test_light_across_the_national_day_holiday(item, today, level):
    result = scan(today)
    assert list(Warning.objects.values_list("level", flat=True)) == ([level] if level else [])
    assert (result.reminders, result.escalations) == (
        int(level == WarningLevel.REMINDER), int(level == WarningLevel.ESCALATION))


@pytest.mark.django_db
def test_yellow_item_gets_one_reminder_to_its_handlers(world, item):
    result = scan(date(2026, 9, 29))
    assert (result.reminders, result.escalations, result.notifications) == (1, 0, 2)
    assert set(inbox(Kind.REMINDER)) == handlers(world)
    message = Notification.objects.filter(kind=Kind.REMINDER).first()
    assert message.title == "催办：西河村饮水安全提升"
    assert "MS2026-001 西河村饮水安全提升" in message.body
    assert "完成时限：2026年10月09日" in message.body
    assert "距完成时限不足 3 个工作日" in message.body
    assert message.link == people.item_link(item)
    warning = Warning.objects.get()
    assert (warning.item, warning.stage) == (item, "2026-10-09")

    again = [scan(date(2026, 9, 29)), scan(date(2026, 9, 30)), scan(AFTER_HOLIDAY)]
    assert [(r.reminders, r.escalations, r.notifications) for r in again] == [(0, 0, 0)] * 3
    assert Notification.objects.count() == 2
    event = timeline(item).get(action="remind")
    assert event.actor is None
    assert "不足 3 个工作日" in event.note
    assert event.data == {"stage": "2026-10-09", "notified": 2}


@pytest.mark.django_db
def test_red_item_escalates_to_the_leader_and_the_handlers_once(world):
    item = open_item(world, date(2026, 9, 30))
    result = scan(date(2026, 10, 8))  # straight from green (never scanned) to red
    assert (result.reminders, result.escalations) == (0, 1)
    assert set(inbox(Kind.ESCALATION)) == handlers(world) | {world.leader.pk}
    assert inbox(Kind.REMINDER) == []
    message = Notification.objects.filter(recipient=world.leader).get()
    assert message.title == f"督办：{item.title}"
    assert "已超过完成时限 8 天" in message.body
    assert "请责任领导督促" in message.body

    assert scan(date(2026, 10, 8)).escalations == 0
    assert scan(date(2026, 10, 20)).escalations == 0
    assert Notification.objects.count() == 3


@pytest.mark.django_db
def test_yellow_then_red_sends_each_once(world, item):
    for today in (date(2026, 9, 29), date(2026, 9, 30), date(2026, 10, 10), date(2026, 10, 12)):
        scan(today)
    assert sorted(Warning.objects.values_list("level", "stage")) == [
        (WarningLevel.ESCALATION, "2026-10-09"), (WarningLevel.REMINDER, "2026-10-09")]
    assert len(inbox(Kind.REMINDER)) == 2
    assert len(inbox(Kind.ESCALATION)) == 3


@pytest.mark.django_db
def test_approved_extension_opens_a_new_stage(world, item):
    scan(date(2026, 9, 29))
    rules.request_extension(item, actor=world.west_staff, new_deadline=date(2026, 10, 30),
                            reason="管网施工受汛期影响")
    rules.decide_extension(item, actor=world.leader, approve=True)
    rules.report_progress(item, actor=world.west_staff, text="主管网已铺设八成",
                          today=date(2026, 10, 9))
    assert scan(date(2026, 10, 10)).reminders == 0  # the new deadline is far: green again
    result = scan(date(2026, 10, 27))  # 10-28, 10-29, 10-30: yellow in the new stage
    assert result.reminders == 1
    assert sorted(Warning.objects.values_list("stage", flat=True)) == ["2026-10-09",
                                                                       "2026-10-30"]
    assert len(inbox(Kind.REMINDER)) == 4
    assert scan(date(2026, 10, 28)).reminders == 0


@pytest.mark.django_db
@pytest.mark.parametrize("status", [ItemStatus.CLOSED, ItemStatus.PENDING,
                                    ItemStatus.CLOSE_REQUESTED])
def test_items_not_in_progress_get_nothing(world, status):
    open_item(world, date(2026, 9, 1), status=status)
    result = scan(date(2026, 10, 8))
    assert (result.reminders, result.escalations, result.notifications) == (0, 0, 0)
    assert not Warning.objects.exists()


@pytest.mark.django_db
def test_green_items_get_nothing(world):
    open_item(world, date(2026, 12, 31), frequency=Frequency.WEEKLY,
              last_reported_on=date(2026, 9, 25))
    assert scan(date(2026, 9, 29)).notifications == 0
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_late_milestone_and_missing_report_are_named(world):
    late = open_item(world, date(2026, 12, 31), title="道路硬化")
    MilestoneFactory(item=late, title="完成招标", due=date(2026, 9, 20))
    quiet = open_item(world, None, title="无时限事项", frequency=Frequency.WEEKLY,
                      last_reported_on=date(2026, 9, 10))
    scan(date(2026, 9, 29))
    reasons = dict(Warning.objects.values_list("item_id", "reason"))
    assert "节点“完成招标”已超过 09月20日 的时限" in reasons[late.pk]
    assert "本周进展情况未报送" in reasons[quiet.pk]
    assert Warning.objects.get(item=quiet).stage == "none"
    body = Notification.objects.filter(title="催办：无时限事项").first().body
    assert "完成时限：未设定" in body


@pytest.mark.django_db
def test_inactive_leader_is_skipped(world):
    world.leader.is_active = False
    world.leader.save()
    open_item(world, date(2026, 9, 30))
    scan(date(2026, 10, 8))
    assert set(inbox(Kind.ESCALATION)) == handlers(world)


@pytest.mark.django_db
def test_batched_handlers_match_lead_unit_users(world):
    for item in (open_item(world, None), open_item(world, None, lead_unit=world.tree.east)):
        batched = user_ids_acting_for([item.lead_unit_id])[item.lead_unit_id]
        assert batched == {u.pk for u in people.lead_unit_users(item)}


@pytest.mark.django_db
def test_task_scans_and_copies_are_enqueued_after_commit(world, item, settings,
                                                         django_capture_on_commit_callbacks,
                                                         time_machine):
    settings.TAIZHANG_WEBHOOK_URLS = ["http://127.0.0.1:9/robot"]
    time_machine.move_to("2026-09-29 07:30 +08:00")
    with django_capture_on_commit_callbacks(execute=True):
        answer = scan_warnings.call()
    assert answer == {"today": "2026-09-29", "reminders": 1, "escalations": 0,
                      "notifications": 2}
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "taizhang.inbox.tasks.deliver_notifications"
    assert sorted(queued.args_kwargs["args"][0]) == sorted(
        Notification.objects.values_list("pk", flat=True))


@pytest.mark.django_db(transaction=True)
def test_two_scans_at_once_send_one_warning_per_stage(world):
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent server connections; SQLite serialises writers itself")
    for n in range(30):
        open_item(world, date(2026, 9, 30) if n % 2 else AFTER_HOLIDAY)
    today, scans, errors = date(2026, 10, 8), 4, []
    start, results = threading.Barrier(scans), []

    def run():
        try:
            start.wait()
            results.append(scan(today))
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(scans)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(r.escalations for r in results) == 15
    assert sum(r.reminders for r in results) == 15
    assert Warning.objects.count() == 30
    assert Notification.objects.filter(kind=Kind.REMINDER).count() == 15 * 2
    assert Notification.objects.filter(kind=Kind.ESCALATION).count() == 15 * 3
    assert sum(r.notifications for r in results) == Notification.objects.count()


@pytest.mark.django_db
def test_the_warning_shows_on_the_timeline(client, world, item):
    scan(date(2026, 9, 29))
    client.force_login(world.supervisor)
    html = client.get(people.item_link(item)).content.decode()
    assert re.search(r'<strong>催办</strong>\s*<span class="muted">系统</span>', html)
