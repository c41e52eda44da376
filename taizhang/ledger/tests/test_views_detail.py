"""The item page: particulars, light with reasons, milestones, progress, extensions, timeline."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from taizhang.ledger import rules
from taizhang.ledger.constants import ItemStatus
from taizhang.ledger.tests.factories import MilestoneFactory


@pytest.fixture(autouse=True)
def _today(time_machine, settings, tmp_path):
    time_machine.move_to("2026-09-01 09:00 +0800", tick=False)
    settings.MEDIA_ROOT = tmp_path


def page(client, item):
    response = client.get(reverse("ledger:item", args=[item.pk]))
    assert response.status_code == 200
    return response, response.content.decode()


def test_out_of_scope_item_is_not_found(client, world):
    client.force_login(world.east_staff)
    assert client.get(reverse("ledger:item", args=[world.item.pk])).status_code == 404
    client.force_login(world.west_staff)
    assert client.get(reverse("ledger:item", args=[world.item.pk + 999])).status_code == 404


def test_shows_every_particular(client, world):
    item = world.item
    item.cooperating_units.set([world.tree.east])
    client.force_login(world.west_staff)
    _, html = page(client, item)
    for text in ("西河村饮水安全提升", item.code, "2026年民生问题台账", "民生问题", "李区长",
                 "西河乡", "东城街道", "年底前全部解决", "排查摸底，分类施策", "2026年12月31日",
                 "每月", "尚未交办"):
        assert text in html, text


def test_working_day_deadline_and_the_calendar_warning(client, world):
    item = world.item
    item.deadline, item.working_days = None, 10
    item.save()
    client.force_login(world.supervisor)
    _, html = page(client, item)
    assert "交办后 10 个工作日" in html

    item.deadline, item.deadline_known = date(2027, 1, 15), False
    item.assigned_on = date(2027, 1, 1)
    item.save()
    _, html = page(client, item)
    assert "由交办日 2027年1月1日 起 10 个工作日推算" in html
    assert "暂按周一至周五推算" in html


def test_light_comes_with_its_reasons(client, world):
    item = world.item
    item.deadline = date(2026, 8, 25)
    item.save()
    MilestoneFactory(item=item, title="完成管网设计", due=date(2026, 8, 1))
    MilestoneFactory(item=item, title="完成招标", due=date(2026, 8, 10), done_on=date(2026, 8, 20))
    MilestoneFactory(item=item, title="竣工验收", due=date(2026, 11, 30))
    client.force_login(world.supervisor)
    response, html = page(client, item)
    assert response.context["light"] == "red"
    assert "已超过完成时限 7 天" in html and "红灯" in html
    late = {m.title: m.late for m in response.context["milestones"]}
    assert late == {"完成管网设计": True, "完成招标": True, "竣工验收": False}
    assert "已逾期，未完成" in html and "逾期完成" in html


def test_progress_evidence_extensions_and_timeline(client, world):
    item = rules.assign_item(world.item, actor=world.supervisor, note="请抓紧办理")
    report_file = SimpleUploadedFile("进度照片.jpg", b"\xff\xd8jpeg", content_type="image/jpeg")
    rules.report_progress(item, actor=world.west_staff, text="已完成管网铺设 80%",
                          files=[report_file])
    rules.request_extension(item, actor=world.west_staff, new_deadline=date(2027, 3, 31),
                            reason="受汛期影响")
    rules.decide_extension(item, actor=world.leader, approve=True, note="同意")
    evidence = SimpleUploadedFile("验收报告.pdf", b"%PDF-1.4", content_type="application/pdf")
    rules.request_close_out(item, actor=world.west_staff, evidence="已通过验收",
                            files=[evidence])
    client.force_login(world.supervisor)
    response, html = page(client, item)
    for text in ("已完成管网铺设 80%", "进度照片.jpg", "验收报告.pdf", "已通过验收",
                 "2026年12月31日", "2027年3月31日", "已批准", "受汛期影响"):
        assert text in html, text
    assert [e.action for e in response.context["events"]] == [
        "assign", "report", "request_extension", "approve_extension", "request_close"]
    for label in ("交办", "报送进展", "申请延期", "批准延期", "申请销号", "待交办 → 办理中",
                  "办理中 → 申请销号", "请抓紧办理"):
        assert label in html, label
    attachment = item.attachments.get(name="验收报告.pdf")
    assert f'href="{reverse("ledger:attachment", args=[attachment.pk])}"' in html


def test_offers_the_forms_the_user_may_use(client, world):
    client.force_login(world.supervisor)
    response, html = page(client, world.item)
    assert [f.action for f in response.context["forms"]] == ["assign"]
    assert f'action="{reverse("ledger:act", args=[world.item.pk, "assign"])}"' in html
    assert 'name="assign-expected_status" value="pending"' in html

    client.force_login(world.west_staff)
    response, html = page(client, world.item)
    assert response.context["forms"] == []
    assert "您现在对该事项没有待办的操作" in html

    item = rules.assign_item(world.item, actor=world.supervisor)
    response, html = page(client, item)
    assert [f.action for f in response.context["forms"]] == [
        "report", "request_close", "request_extension"]
    assert 'enctype="multipart/form-data"' in html


def test_closed_item_says_so(client, world):
    item = world.item
    item.status, item.closed_on = ItemStatus.CLOSED, date(2026, 8, 30)
    item.save()
    client.force_login(world.supervisor)
    _, html = page(client, item)
    assert "该事项已于 2026年8月30日 销号" in html and "已销号" in html
