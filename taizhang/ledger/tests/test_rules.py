"""The acts on an item: deadlines from working days, events on the timeline, who is told."""

from datetime import date

import pytest

from taizhang.inbox.models import Notification
from taizhang.ledger import rules
from taizhang.ledger.constants import Action, ItemStatus
from taizhang.ledger.models import Item, ProgressReport
from taizhang.org.events import timeline
from taizhang.org.models import AuditEntry


def test_create_item_needs_the_supervision_office_and_a_deadline(world):
    fields = {"title": "东关社区加装电梯", "leader": world.leader_person,
              "lead_unit": world.tree.east}
    with pytest.raises(rules.NotAllowed):
        rules.create_item(world.ledger, actor=world.east_staff, deadline=date(2026, 12, 31),
                          **fields)
    with pytest.raises(rules.Invalid) as refused:
        rules.create_item(world.ledger, actor=world.supervisor, **fields)
    assert refused.value.field == "deadline"
    item = rules.create_item(world.ledger, actor=world.supervisor, working_days=20,
                             cooperating_units=[world.tree.west],
                             milestones=[("完成方案设计", date(2026, 10, 30))], **fields)
    assert item.code == "MS2026-001" and item.status == ItemStatus.PENDING
    assert list(item.cooperating_units.all()) == [world.tree.west]
    assert item.milestones.get().title == "完成方案设计"
    assert [e.action for e in timeline(item)] == ["create"]


def test_working_days_count_from_assignment_across_the_holiday(world):
    item = world.item
    item.deadline, item.working_days = None, 5
    item.save()
    item = rules.assign_item(item, actor=world.supervisor, today=date(2026, 9, 29))
    # 9-30, 10-8, 10-9, 10-10 (make-up Saturday), 10-12
    assert item.deadline == date(2026, 10, 12) and item.deadline_known


def test_a_deadline_in_an_unpublished_year_says_so(world):
    item = world.item
    item.deadline, item.working_days = None, 10
    item.save()
    item = rules.assign_item(item, actor=world.supervisor, today=date(2026, 12, 28))
    assert item.deadline_known is False
    assert timeline(item).last().data["calendar_known"] is False


def test_every_act_is_an_event_and_an_audit_entry(world):
    item = rules.assign_item(world.item, actor=world.supervisor, note="请抓紧办理",
                             today=date(2026, 9, 1))
    rules.report_progress(item, actor=world.west_staff, text="完成入户调查 120 户",
                          today=date(2026, 9, 8))
    item = rules.request_close_out(item, actor=world.west_staff, evidence="水质检测合格")
    item = rules.return_item(item, actor=world.supervisor, reason="缺少检测报告原件")
    item = rules.request_close_out(item, actor=world.west_staff, evidence="已补充检测报告")
    item = rules.close_out_item(item, actor=world.supervisor2, today=date(2026, 9, 20))
    events = list(timeline(item))
    assert [(e.action, e.from_status, e.to_status) for e in events] == [
        (Action.ASSIGN, "pending", "in_progress"),
        (Action.REPORT, "in_progress", ""),
        (Action.REQUEST_CLOSE, "in_progress", "close_requested"),
        (Action.RETURN, "close_requested", "in_progress"),
        (Action.REQUEST_CLOSE, "in_progress", "close_requested"),
        (Action.CLOSE_OUT, "close_requested", "closed"),
    ]
    assert events[3].note == "缺少检测报告原件" and events[3].actor == world.supervisor
    assert AuditEntry.objects.filter(object_type="ledger.item", object_id=str(item.pk)).count() == 6
    assert item.closed_on == date(2026, 9, 20) and item.last_reported_on == date(2026, 9, 8)


def test_the_people_concerned_are_told(world):
    item = rules.assign_item(world.item, actor=world.supervisor, today=date(2026, 9, 1))
    assert Notification.objects.filter(recipient=world.west_staff,
                                       title__contains="新交办事项").exists()
    rules.request_extension(item, actor=world.west_staff, new_deadline=date(2027, 1, 29),
                            reason="资金未到位")
    assert Notification.objects.filter(recipient=world.leader, title__contains="延期").exists()
    rules.request_close_out(item, actor=world.west_staff, evidence="已完工")
    told = set(Notification.objects.filter(title__contains="申请销号").values_list(
        "recipient__username", flat=True))
    assert told == {"duchashi", "duchashi2"}
    assert not Notification.objects.filter(recipient=world.east_staff).exists()


def test_a_refused_act_changes_nothing(world):
    item = rules.assign_item(world.item, actor=world.supervisor, today=date(2026, 9, 1))
    before = timeline(item).count()
    with pytest.raises(rules.Invalid):
        rules.report_progress(item, actor=world.west_staff, text="   ")
    assert ProgressReport.objects.count() == 0 and timeline(item).count() == before
    assert Item.objects.get(pk=item.pk).last_reported_on == date(2026, 9, 1)


def test_milestones_are_completed_by_the_lead_unit(world):
    item = rules.assign_item(world.item, actor=world.supervisor, today=date(2026, 9, 1))
    milestone = item.milestones.create(title="完成招标", due=date(2026, 9, 30))
    with pytest.raises(rules.NotAllowed):
        rules.complete_milestone(item, milestone.pk, actor=world.leader)
    rules.complete_milestone(item, milestone.pk, actor=world.west_staff,
                             done_on=date(2026, 9, 20))
    milestone.refresh_from_db()
    assert milestone.done_on == date(2026, 9, 20)
    assert timeline(item).last().note == "节点完成：完成招标"


def test_bulk_assign_reports_each_refusal(world):
    from taizhang.ledger.tests.factories import ItemFactory

    others = [ItemFactory(ledger=world.ledger, leader=world.leader_person,
                          lead_unit=world.tree.east) for _ in range(2)]
    rules.assign_item(others[1], actor=world.supervisor, today=date(2026, 9, 1))
    done, refused = rules.bulk_assign([world.item, *others], actor=world.supervisor,
                                      today=date(2026, 9, 2))
    assert {i.pk for i in done} == {world.item.pk, others[0].pk}
    assert [(i.pk, "不能交办" in m) for i, m in refused] == [(others[1].pk, True)]


def test_only_the_leader_decides_extensions(world):
    item = rules.assign_item(world.item, actor=world.supervisor, today=date(2026, 9, 1))
    rules.request_extension(item, actor=world.west_staff, new_deadline=date(2027, 1, 29),
                            reason="资金未到位")
    with pytest.raises(rules.NotAllowed, match="责任领导"):
        rules.decide_extension(item, actor=world.supervisor, approve=True)
