"""The form of each act: what it does, what it refuses and where it says so, stale pages."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from taizhang.ledger import rules
from taizhang.ledger.constants import ExtensionStatus, ItemStatus
from taizhang.ledger.models import Attachment, ProgressReport
from taizhang.ledger.tests.factories import MilestoneFactory
from taizhang.org.constants import Role
from taizhang.org.models import Event, RoleGrant


@pytest.fixture(autouse=True)
def _today(time_machine, settings, tmp_path):
    time_machine.move_to("2026-09-01 09:00 +0800", tick=False)
    settings.MEDIA_ROOT = tmp_path


def post(client, item, action, confirmed=False, **fields):
    data = {f"{action}-{name}": value for name, value in fields.items()}
    data.setdefault(f"{action}-expected_status", item.status)
    if confirmed:
        data["confirmed"] = "1"
    return client.post(reverse("ledger:act", args=[item.pk, action]), data)


def fresh(item):
    item.refresh_from_db()
    return item


@pytest.fixture
def assigned(world):
    return rules.assign_item(world.item, actor=world.supervisor)


@pytest.fixture
def requested(world, assigned):
    return rules.request_close_out(assigned, actor=world.west_staff, evidence="已通过竣工验收")


def test_assign(client, world):
    client.force_login(world.supervisor)
    response = post(client, world.item, "assign", note="请于年底前完成")
    assert response.status_code == 302
    assert response["Location"] == reverse("ledger:item", args=[world.item.pk])
    assert fresh(world.item).status == ItemStatus.IN_PROGRESS
    assert Event.objects.get(action="assign").note == "请于年底前完成"
    followed = client.get(response["Location"]).content.decode()
    assert "已交办，完成时限为 2026年12月31日" in followed


def test_stale_page_gets_the_conflict_not_a_second_act(client, world):
    # 督查室 two has the page open; 督查室 one assigns first.
    rules.assign_item(world.item, actor=world.supervisor)
    client.force_login(world.supervisor2)
    response = post(client, world.item, "assign", expected_status="pending")
    assert response.status_code == 409
    html = response.content.decode()
    name = world.supervisor.person.name
    assert "该事项当前为“办理中”，不能交办：" in html and f"{name}已于" in html
    assert Event.objects.filter(action="assign").count() == 1
    assert response.context["form"] is None  # 交办 is no longer possible


def test_stale_status_is_a_conflict_even_when_the_act_is_possible(client, world, assigned):
    # The page was loaded while the item was pending; it has been assigned since.
    client.force_login(world.west_staff)
    response = post(client, assigned, "report", expected_status="pending", text="已开工")
    assert response.status_code == 409
    assert not ProgressReport.objects.exists()
    form = response.context["form"]  # offered again, now from the current status
    assert form.initial["expected_status"] == "in_progress"


def test_who_may_not_is_told_so(client, world):
    client.force_login(world.west_staff)
    response = post(client, world.item, "assign")
    assert response.status_code == 403
    assert "只有督查室可以交办。" in response.content.decode()
    assert fresh(world.item).status == ItemStatus.PENDING

    response = client.get(reverse("ledger:act", args=[world.item.pk, "assign"]))
    assert response.status_code == 403
    assert "您现在不能交办" in response.content.decode()


def test_unknown_act_and_invisible_item_are_not_found(client, world):
    client.force_login(world.supervisor)
    assert client.get(reverse("ledger:act", args=[world.item.pk, "delete"])).status_code == 404
    client.force_login(world.east_staff)
    assert post(client, world.item, "assign").status_code == 404


def test_act_page_shows_the_form(client, world):
    client.force_login(world.supervisor)
    response = client.get(reverse("ledger:act", args=[world.item.pk, "assign"]))
    assert response.status_code == 200
    assert 'name="assign-note"' in response.content.decode()


def test_report_progress_with_files_and_milestones(client, world, assigned):
    milestone = MilestoneFactory(item=assigned, title="完成管网设计", due=date(2026, 9, 30))
    client.force_login(world.west_staff)
    photo = SimpleUploadedFile("现场.jpg", b"\xff\xd8jpeg", content_type="image/jpeg")
    response = client.post(reverse("ledger:act", args=[assigned.pk, "report"]), {
        "report-expected_status": "in_progress", "report-text": "管网设计已完成",
        "report-files": [photo], "report-milestones": [str(milestone.pk)],
    })
    assert response.status_code == 302
    report = ProgressReport.objects.get()
    assert report.text == "管网设计已完成"
    assert [a.name for a in report.attachments.all()] == ["现场.jpg"]
    milestone.refresh_from_db()
    assert milestone.done_on == date(2026, 9, 1)


def test_report_needs_text_and_acceptable_files(client, world, assigned):
    client.force_login(world.west_staff)
    response = post(client, assigned, "report", text="")
    assert response.status_code == 400
    assert response.context["form"].errors["text"] == ["请填写进展情况。"]

    script = SimpleUploadedFile("病毒.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(reverse("ledger:act", args=[assigned.pk, "report"]), {
        "report-expected_status": "in_progress", "report-text": "附上材料",
        "report-files": [script],
    })
    assert response.status_code == 400
    form = response.context["form"]
    assert "“病毒.exe”的文件类型不支持" in form.errors["files"][0]
    assert not ProgressReport.objects.exists() and not Attachment.objects.exists()


def test_request_close_needs_evidence_or_a_file(client, world, assigned):
    client.force_login(world.west_staff)
    response = post(client, assigned, "request_close", evidence="  ")
    assert response.status_code == 400
    assert response.context["form"].errors["evidence"] == [
        "申请销号须填写完成情况说明或上传佐证材料。"]

    report = SimpleUploadedFile("验收单.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = client.post(reverse("ledger:act", args=[assigned.pk, "request_close"]), {
        "request_close-expected_status": "in_progress", "request_close-files": [report],
    })
    assert response.status_code == 302
    item = fresh(assigned)
    assert item.status == ItemStatus.CLOSE_REQUESTED
    assert item.attachments.get().purpose == "evidence"


def test_close_out_is_confirmed_first(client, world, requested):
    client.force_login(world.supervisor)
    response = post(client, requested, "close_out", note="材料齐全")
    assert response.status_code == 200
    html = response.content.decode()
    assert "销号后事项即为“已销号”，不能撤销" in html and "已通过竣工验收" in html
    assert 'name="confirmed" value="1"' in html
    assert 'name="close_out-note"' in html and 'value="材料齐全"' in html
    assert fresh(requested).status == ItemStatus.CLOSE_REQUESTED

    response = post(client, requested, "close_out", confirmed=True, note="材料齐全")
    assert response.status_code == 302
    item = fresh(requested)
    assert (item.status, item.closed_by) == (ItemStatus.CLOSED, world.supervisor)

    # The second officer confirms the same close-out from the page they still have open.
    client.force_login(world.supervisor2)
    response = post(client, item, "close_out", confirmed=True,
                    expected_status="close_requested")
    assert response.status_code == 409
    assert "该事项当前为“已销号”，不能销号" in response.content.decode()
    assert Event.objects.filter(action="close_out").count() == 1


def test_the_one_who_asked_may_not_verify(client, world, assigned):
    # A supervision officer who also acts for the lead unit asks for close-out …
    RoleGrant.objects.create(person=world.supervisor.person, role=Role.UNIT_STAFF,
                             unit=world.tree.west)
    item = rules.request_close_out(assigned, actor=world.supervisor, evidence="已完成")
    client.force_login(world.supervisor)
    page = client.get(reverse("ledger:item", args=[item.pk]))
    assert "close_out" not in [f.action for f in page.context["forms"]]
    # … and cannot close it out, even by posting the form directly.
    response = post(client, item, "close_out", confirmed=True)
    assert response.status_code == 403
    assert "销号审核人不能是申请销号的本人" in response.content.decode()
    assert fresh(item).status == ItemStatus.CLOSE_REQUESTED


def test_return_needs_a_reason_and_a_confirmation(client, world, requested):
    client.force_login(world.supervisor)
    response = post(client, requested, "return", reason="")
    assert response.status_code == 400
    assert response.context["form"].errors["reason"] == ["请填写退回理由。"]

    response = post(client, requested, "return", reason="缺少验收签字")
    assert response.status_code == 200 and "缺少验收签字" in response.content.decode()
    assert fresh(requested).status == ItemStatus.CLOSE_REQUESTED

    response = post(client, requested, "return", confirmed=True, reason="缺少验收签字")
    assert response.status_code == 302
    assert fresh(requested).status == ItemStatus.IN_PROGRESS
    assert Event.objects.get(action="return").note == "缺少验收签字"


def test_request_extension_checks_the_new_date(client, world, assigned):
    client.force_login(world.west_staff)
    response = post(client, assigned, "request_extension", new_deadline="2026-12-01",
                    reason="受汛期影响")
    assert response.status_code == 400
    assert response.context["form"].errors["new_deadline"] == [
        "申请的完成时限须晚于现时限 2026年12月31日。"]
    response = post(client, assigned, "request_extension", new_deadline="明年", reason="x")
    assert response.context["form"].errors["new_deadline"] == ["请输入有效日期，如 2026-06-30。"]

    response = post(client, assigned, "request_extension", new_deadline="2027-03-31",
                    reason="受汛期影响")
    assert response.status_code == 302
    extension = assigned.extensions.get()
    assert (extension.old_deadline, extension.new_deadline) == (date(2026, 12, 31),
                                                                date(2027, 3, 31))


def test_leader_decides_an_extension_once(client, world, assigned):
    rules.request_extension(assigned, actor=world.west_staff, new_deadline=date(2027, 3, 31),
                            reason="受汛期影响")
    client.force_login(world.leader)
    page = client.get(reverse("ledger:item", args=[assigned.pk]))
    assert [f.action for f in page.context["forms"]] == ["approve_extension",
                                                        "reject_extension"]
    assert "延至 <strong>2027年3月31日</strong>" in page.content.decode()

    response = post(client, assigned, "approve_extension", note="同意")
    assert response.status_code == 302
    assert fresh(assigned).deadline == date(2027, 3, 31)
    assert assigned.extensions.get().status == ExtensionStatus.APPROVED

    response = post(client, assigned, "reject_extension", note="不同意")
    assert response.status_code == 409
    assert "没有待审批的延期申请" in response.content.decode()
    assert assigned.extensions.get().status == ExtensionStatus.APPROVED


def test_lead_unit_may_not_decide_its_own_extension(client, world, assigned):
    rules.request_extension(assigned, actor=world.west_staff, new_deadline=date(2027, 3, 31),
                            reason="受汛期影响")
    client.force_login(world.west_staff)
    response = post(client, assigned, "approve_extension")
    assert response.status_code == 403
    assert "只有责任领导可以批准延期。" in response.content.decode()


def test_a_damaged_form_is_refused_with_a_message(client, world):
    client.force_login(world.supervisor)
    response = post(client, world.item, "assign", expected_status="whatever")
    assert response.status_code == 400
    assert "页面已过期，请刷新后重试。" in response.content.decode()
    assert fresh(world.item).status == ItemStatus.PENDING
