"""Every act of the transition table through its own route: allowed, forbidden (403), out of
sight (404), stale (409) and badly filled in (422)."""

from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from taizhang.ledger import rules
from taizhang.ledger.constants import ExtensionStatus, ItemStatus
from taizhang.ledger.models import Extension, Item
from taizhang.ledger.tests.apiclient import NOW, Api, ok, refused
from taizhang.ledger.tests.factories import ItemFactory, MilestoneFactory
from taizhang.org.constants import Role
from taizhang.org.events import timeline
from taizhang.org.tests.factories import make_user


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def apis(world, client):
    class Apis:
        supervisor = Api(client, world.supervisor)
        supervisor2 = Api(client, world.supervisor2)
        west = Api(client, world.west_staff)
        east = Api(client, world.east_staff)
        leader = Api(client, world.leader)

    return Apis


def path(item, act):
    return f"/ledger/items/{item.pk}/{act}"


def status_of(item):
    return Item.objects.get(pk=item.pk).status


@pytest.fixture
def assigned(world):
    return rules.assign_item(world.item, actor=world.supervisor, today=date(2026, 8, 3))


@pytest.fixture
def asked(world, assigned):
    return rules.request_close_out(assigned, actor=world.west_staff, evidence="已通水验收")


def test_the_whole_life_of_an_item(world, apis):
    item = world.item
    body = ok(apis.supervisor.post(path(item, "assign"), {"note": "请9月底前完成"}))
    assert body["status"] == "in_progress" and body["allowed_actions"] == []
    body = ok(apis.west.get(f"/ledger/items/{item.pk}"))
    assert body["allowed_actions"] == ["report", "request_close", "request_extension"]
    ok(apis.west.post(path(item, "reports"), {"text": "管网铺设完成"}), 201)
    body = ok(apis.west.post(path(item, "request-close"), {"evidence": "已通水，村民签字确认"}))
    assert body["status"] == "close_requested"
    assert body["close_evidence"] == "已通水，村民签字确认"
    body = ok(apis.supervisor.get(f"/ledger/items/{item.pk}"))
    assert body["allowed_actions"] == ["close_out", "return"]
    body = ok(apis.supervisor.post(path(item, "close-out"), {"note": "核实无误"}))
    assert body["status"] == "closed" and body["closed_on"] == "2026-09-01"
    assert body["light"] == "none"
    assert [e["action"] for e in body["timeline"]] == [
        "assign", "report", "request_close", "close_out"]


@pytest.mark.parametrize(("who", "act", "data", "message"), [
    ("west", "assign", {}, "只有督查室可以交办。"),
    ("leader", "assign", {}, "只有督查室可以交办。"),
])
def test_assign_is_for_supervision(world, apis, who, act, data, message):
    assert refused(getattr(apis, who).post(path(world.item, act), data), 403) == message
    assert status_of(world.item) == ItemStatus.PENDING


def test_acts_on_an_item_out_of_sight_are_404(world, apis, asked):
    for act, data in [("assign", {}), ("request-close", {"evidence": "完成"}),
                      ("close-out", {}), ("return", {"reason": "不实"}),
                      ("extensions", {"new_deadline": "2027-01-31", "reason": "雨季"}),
                      ("extensions/approve", {}), ("extensions/reject", {}),
                      ("reports", {"text": "进展"})]:
        response = apis.east.post(path(world.item, act), data)
        assert response.status_code == 404, act
    milestone = MilestoneFactory(item=world.item)
    assert apis.east.post(path(world.item, f"milestones/{milestone.pk}/complete"),
                          {}).status_code == 404
    assert status_of(world.item) == ItemStatus.CLOSE_REQUESTED


def test_assigning_twice_is_a_conflict_naming_who_did_it(world, apis):
    ok(apis.supervisor.post(path(world.item, "assign")))
    message = refused(apis.supervisor2.post(path(world.item, "assign")), 409)
    name = world.supervisor.person.name
    assert message.startswith("该事项当前为“办理中”，不能交办：")
    assert f"{name}已于09月01日 10:00将其办理为“办理中”" in message


def test_a_stale_client_gets_409(world, apis, asked):
    # The officer's screen still shows 办理中; the item has been asked to close meanwhile.
    stale = {"reason": "材料不全", "expected_status": "in_progress"}
    message = refused(apis.supervisor.post(path(world.item, "return"), stale), 409)
    assert "申请销号" in message and "请刷新页面" in message
    assert refused(apis.west.post(path(world.item, "extensions"), {
        "new_deadline": "2027-01-31", "reason": "雨季", "expected_status": "in_progress"}), 409)
    assert status_of(world.item) == ItemStatus.CLOSE_REQUESTED
    ok(apis.supervisor.post(path(world.item, "return"),
                            {"reason": "材料不全", "expected_status": "close_requested"}))


def test_request_close_needs_evidence(world, apis, assigned):
    body = apis.west.post(path(world.item, "request-close"), {"evidence": "  "}).json()
    assert body["errors"] == [{"field": "evidence",
                               "message": "申请销号须填写完成情况说明或上传佐证材料。"}]
    assert refused(apis.supervisor.post(path(world.item, "request-close"), {"evidence": "完成"}),
                   403) == "只有责任单位可以申请销号。"
    assert status_of(world.item) == ItemStatus.IN_PROGRESS


def test_request_close_with_a_file_as_evidence(world, apis, assigned):
    scan = SimpleUploadedFile("验收单.pdf", b"%PDF-1.4 scan", content_type="application/pdf")
    body = ok(apis.west.upload(path(world.item, "request-close/files"), {"files": [scan]}))
    assert body["status"] == "close_requested"
    assert [(a["name"], a["purpose"]) for a in body["attachments"]] == [("验收单.pdf", "evidence")]


def test_return_needs_a_reason_and_supervision(world, apis, asked):
    body = apis.supervisor.post(path(world.item, "return"), {"reason": ""}).json()
    assert body["errors"] == [{"field": "reason", "message": "请填写退回理由。"}]
    assert refused(apis.west.post(path(world.item, "return"), {"reason": "撤回"}), 403)
    body = ok(apis.supervisor.post(path(world.item, "return"), {"reason": "照片不清晰"}))
    assert body["status"] == "in_progress"
    assert body["timeline"][-1]["note"] == "照片不清晰"


def test_close_out_is_for_supervision_and_never_the_one_who_asked(world, apis, assigned):
    # An officer of the supervision office who also sits in the lead unit asks for close-out…
    both = make_user(world.tree.west, Role.SUPERVISION, username="west_supervisor")
    Api(apis.west.client, both).post(path(world.item, "request-close"), {"evidence": "已完成"})
    assert status_of(world.item) == ItemStatus.CLOSE_REQUESTED
    assert refused(apis.west.post(path(world.item, "close-out")), 403) == "只有督查室可以销号。"
    # …and may not verify it; a colleague may.
    message = refused(Api(apis.west.client, both).post(path(world.item, "close-out")), 403)
    assert message == "销号审核人不能是申请销号的本人，请由督查室其他同志审核。"
    ok(apis.supervisor.post(path(world.item, "close-out")))
    assert status_of(world.item) == ItemStatus.CLOSED


def test_closing_an_item_not_asked_for_is_a_conflict(world, apis, assigned):
    message = refused(apis.supervisor.post(path(world.item, "close-out")), 409)
    assert message.startswith("该事项当前为“办理中”，不能销号")


def test_extension_asked_approved_and_kept(world, apis, assigned):
    body = ok(apis.west.post(path(world.item, "extensions"),
                             {"new_deadline": "2027-03-31", "reason": "冬季无法施工"}))
    [extension] = body["extensions"]
    assert extension["status"] == "requested" and extension["old_deadline"] == "2026-12-31"
    assert extension["requested_by"] == world.west_staff.person.name
    assert "request_extension" not in body["allowed_actions"]
    assert refused(apis.west.post(path(world.item, "extensions"),
                                  {"new_deadline": "2027-04-30", "reason": "再延"}), 409) == (
        "该事项已有一条待审批的延期申请。")
    assert refused(apis.supervisor.post(path(world.item, "extensions/approve")), 403) == (
        "只有责任领导可以批准延期。")
    body = ok(apis.leader.post(path(world.item, "extensions/approve"), {"note": "同意"}))
    assert body["deadline"] == "2027-03-31"
    [extension] = body["extensions"]
    assert extension["status"] == "approved" and extension["decided_by"] == "李区长"
    assert extension["old_deadline"] == "2026-12-31" and extension["new_deadline"] == "2027-03-31"
    message = refused(apis.leader.post(path(world.item, "extensions/approve")), 409)
    assert message == "没有待审批的延期申请，可能已被审批。请刷新页面后查看。"


def test_extension_rejected(world, apis, assigned):
    ok(apis.west.post(path(world.item, "extensions"),
                      {"new_deadline": "2027-03-31", "reason": "冬季无法施工"}))
    body = ok(apis.leader.post(path(world.item, "extensions/reject"), {"note": "按期完成"}))
    assert body["deadline"] == "2026-12-31"
    assert Extension.objects.get().status == ExtensionStatus.REJECTED


def test_extension_input_is_checked(world, apis, assigned):
    body = apis.west.post(path(world.item, "extensions"),
                          {"new_deadline": "2026-10-31", "reason": "雨季"}).json()
    assert body["errors"] == [{"field": "new_deadline",
                               "message": "申请的完成时限须晚于现时限 2026年12月31日。"}]
    body = apis.west.post(path(world.item, "extensions"),
                          {"new_deadline": "2027-01-31", "reason": " "}).json()
    assert body["errors"][0]["field"] == "reason"
    response = apis.west.post(path(world.item, "extensions"), {"reason": "雨季"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "new_deadline"
    assert refused(apis.leader.post(path(world.item, "extensions"),
                                    {"new_deadline": "2027-01-31", "reason": "雨季"}), 403)
    assert not Extension.objects.exists()


def test_milestone_completed_by_the_lead_unit(world, apis, assigned):
    milestone = MilestoneFactory(item=world.item, title="完成设计", due=date(2026, 9, 30))
    act = path(world.item, f"milestones/{milestone.pk}/complete")
    assert refused(apis.supervisor.post(act), 403) == "只有责任单位可以报送进展。"
    body = ok(apis.west.post(act, {"done_on": "2026-08-28"}))
    assert body["milestones"][0]["done_on"] == "2026-08-28"
    assert timeline(world.item).filter(action="milestone").count() == 1
    other = MilestoneFactory(item=ItemFactory(ledger=world.ledger, leader=world.leader_person,
                                              lead_unit=world.tree.west))
    response = apis.west.post(path(world.item, f"milestones/{other.pk}/complete"))
    assert response.status_code == 404


def test_bulk_assign(world, apis):
    second = ItemFactory(ledger=world.ledger, leader=world.leader_person,
                         lead_unit=world.tree.east)
    done = ItemFactory(ledger=world.ledger, leader=world.leader_person,
                       lead_unit=world.tree.east, status=ItemStatus.IN_PROGRESS)
    body = ok(apis.supervisor.post("/ledger/items/bulk-assign", {
        "items": [world.item.pk, second.pk, done.pk, 999999, world.item.pk], "note": "限期办结"}))
    assert sorted(row["id"] for row in body["assigned"]) == sorted([world.item.pk, second.pk])
    assert all(row["status"] == "in_progress" for row in body["assigned"])
    refusals = {row["id"]: row["message"] for row in body["refused"]}
    assert refusals[999999] == "找不到该事项，或您无权查看。"
    assert refusals[done.pk].startswith("该事项当前为“办理中”，不能交办")
    assert len(refusals) == 2


def test_bulk_assign_is_for_supervision(world, apis):
    response = apis.west.post("/ledger/items/bulk-assign", {"items": [world.item.pk]})
    assert refused(response, 403) == "只有督查室可以交办。"
    response = apis.supervisor.post("/ledger/items/bulk-assign", {"items": []})
    assert response.status_code == 422
    assert status_of(world.item) == ItemStatus.PENDING
