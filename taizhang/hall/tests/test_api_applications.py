"""Applications through the API: counter intake, the list and one application as staff see them
(through the visibility rule, personal data masked), and one route per step — allowed,
forbidden (403), out of sight (404), stale (409), badly filled in (422), and retried safely."""

from datetime import date

import pytest
import time_machine

from taizhang.hall import applications as apps
from taizhang.hall.constants import Mode, Status, Step
from taizhang.hall.models import Application, Centre
from taizhang.hall.tests.hallapi import MONDAY, PHONE, intake, put_on_duty
from taizhang.hall.tests.test_applications import ID_NUMBER, applicant
from taizhang.ledger.tests.apiclient import Api, ok, refused
from taizhang.org.events import timeline
from taizhang.org.tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(MONDAY, tick=False):
        yield


@pytest.fixture
def apis(hall, tree, client):
    put_on_duty(hall)

    class Apis:
        east = Api(client, hall["clerk"])
        west = Api(client, tree.west_clerk)
        worker = Api(client, hall["worker"])
        supervisor = Api(client, tree.supervisor)

    return Apis


def accepted(apis, hall, **changes):
    return ok(apis.east.post("/hall/applications", intake(hall, **changes)), 201)


def step(application, name):
    return f"/hall/applications/{application['id']}/{name}"


def test_counter_intake_answers_the_application_with_its_deadline(apis, hall):
    body = accepted(apis, hall)
    assert (body["status"], body["accepted_on"], body["deadline"]) == (
        "accepted", "2026-09-21", "2026-09-29")
    assert len(body["receipt_no"]) == 16 and body["channel"] == "counter"
    assert body["matter"] == {"code": "HY-SW-001", "name": "高龄津贴申领", "version": 1}
    assert body["staff"] == {"id": hall["helper"].pk, "name": hall["helper"].name}
    assert body["allowed_steps"] == ["assign", "request_supplement", "complete", "deny",
                                     "withdraw"]
    assert [(e["action"], e["label"], e["actor"]) for e in body["timeline"]] == [
        ("accept", "受理", hall["clerk"].person.name)]
    assert (body["id_number_masked"], body["phone_masked"]) == ("1101**********002X",
                                                                "139****5678")


def test_an_instant_matter_is_completed_at_the_window(apis, hall):
    body = accepted(apis, hall, matter="HY-SW-002", mode="instant", staff=None)
    assert (body["status"], body["completed_on"], body["allowed_steps"]) == (
        "completed", "2026-09-21", [])
    assert [e["action"] for e in body["timeline"]] == ["accept", "complete"]


def test_personal_data_never_leaves_in_clear(apis, hall):
    body = accepted(apis, hall, mode="doorstep", address="东城街道滨河路12号3单元502室",
                    appointment_at="2026-09-24T09:00:00+08:00")
    assert body["address_masked"] == "东城街道滨河路1****"
    for response in (apis.east.get("/hall/applications"),
                     apis.east.get(f"/hall/applications/{body['id']}")):
        text = response.content.decode()
        assert ID_NUMBER not in text and PHONE not in text and "502室" not in text


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"centre": 999999}, "centre", "服务中心不存在"),
    ({"matter": "HY-XX-404"}, "matter", "没有编码为 HY-XX-404 的在用事项"),
    ({"mode": "instant"}, "mode", "可选的办理方式为：代办、陪办、上门办理"),
    ({"id_number": "110105194912310021"}, "id_number", "身份证号码无效"),
    ({"phone": "2345"}, "phone", "手机号码无效"),
    ({"staff": None}, "staff", "代办须登记办理的工作人员"),
    ({"mode": "doorstep"}, "address", "须登记上门地址和预约时间"),
    ({"nickname": "王姨"}, "nickname", ""),
])
def test_a_bad_intake_names_the_field_and_writes_nothing(apis, hall, changes, field, message):
    response = apis.east.post("/hall/applications", intake(hall, **changes))
    assert response.status_code == 422, response.content.decode()
    error = response.json()["errors"][0]
    assert error["field"] == field and message in error["message"]
    assert not Application.objects.exists()


def test_staff_named_must_be_on_duty_at_the_centre(apis, hall, tree):
    stranger = make_user(tree.east, "clerk", username="east_stranger").person
    response = apis.east.post("/hall/applications", intake(hall, staff=stranger.pk))
    assert response.json()["errors"] == [
        {"field": "staff", "message": "代办、陪办人员须是东城街道便民服务中心窗口的在岗人员。"}]


def test_only_the_centres_clerks_take_in(apis, hall, client, tree):
    # A clerk of no centre is refused before any reference is looked up, as in the ledger.
    unknown_centre = intake(hall, centre=hall["centre"].pk + 100)
    message = refused(apis.west.post("/hall/applications", unknown_centre), 403)
    assert message == "只有便民服务中心的窗口工作人员可以受理。"
    Centre.objects.create(unit=tree.west, name="西城镇便民服务中心")
    message = refused(apis.west.post("/hall/applications", intake(hall)), 403)
    assert message == "只有东城街道便民服务中心的窗口工作人员可以受理。"
    # Checked before the matter is looked up: a wrong code tells a stranger nothing more.
    assert refused(apis.worker.post("/hall/applications", intake(hall, matter="HY-XX-1")),
                   403)
    response = client.post("/api/v1/hall/applications", intake(hall),
                           content_type="application/json")
    assert response.status_code == 401
    assert not Application.objects.exists()


def test_a_retried_intake_accepts_once(apis, hall):
    first = apis.east.post("/hall/applications", intake(hall), key="c0ffee-1")
    again = apis.east.post("/hall/applications", intake(hall), key="c0ffee-1")
    assert first.status_code == again.status_code == 201
    assert first.content == again.content
    assert Application.objects.count() == 1
    other = apis.east.post("/hall/applications", intake(hall, applicant_name="李四"),
                           key="c0ffee-1")
    assert other.status_code == 422 and other.json()["errors"][0]["field"] == "Idempotency-Key"
    # A refusal is not remembered: the same key works once the cause is fixed.
    assert apis.east.post("/hall/applications", intake(hall, phone="1"),
                          key="fix-1").status_code == 422
    ok(apis.east.post("/hall/applications", intake(hall), key="fix-1"), 201)
    assert Application.objects.count() == 2


def test_the_whole_life_through_the_step_routes(apis, hall):
    application = accepted(apis, hall)
    body = ok(apis.east.post(step(application, "assign"),
                             {"handler": hall["worker"].person.pk, "expected_status": "accepted"}))
    assert body["status"] == "in_progress"
    assert body["handler"] == {"id": hall["worker"].person.pk, "name": hall["worker"].person.name}
    with time_machine.travel(MONDAY.replace(day=23), tick=False):
        body = ok(apis.worker.post(step(application, "request-supplement"),
                                   {"reason": "缺少户口簿原件"}))
    assert (body["status"], body["paused_on"]) == ("supplement", "2026-09-23")
    assert body["allowed_steps"] == ["supplemented", "withdraw"]
    with time_machine.travel(MONDAY.replace(month=10, day=9), tick=False):
        body = ok(apis.worker.post(step(application, "supplemented"), {}))
        assert (body["status"], body["deadline"], body["paused_days"]) == (
            "in_progress", "2026-10-13", 6)
        body = ok(apis.worker.post(step(application, "complete"),
                                   {"expected_status": "in_progress"}))
    assert (body["status"], body["completed_on"], body["allowed_steps"]) == (
        "completed", "2026-10-09", [])
    assert [e["action"] for e in body["timeline"]] == [
        "accept", "assign", "request_supplement", "supplemented", "complete"]
    events = ok(apis.east.get(f"/hall/applications/{application['id']}/timeline"))
    assert [e["note"] for e in events][2] == "缺少户口簿原件"


def test_an_online_application_is_accepted_or_refused(apis, hall):
    online = apps.submit_online(hall["allowance"], mode=Mode.PROXY, applicant=applicant(),
                                centre=hall["centre"])
    body = ok(apis.east.get(f"/hall/applications/{online.pk}"))
    assert body["allowed_steps"] == ["accept", "refuse", "withdraw"]
    assert body["timeline"][0]["actor"] == "申请人"
    response = apis.east.post(step(body, "accept"), {})
    assert response.json()["errors"] == [
        {"field": "staff", "message": "代办须登记办理的工作人员。"}]
    body = ok(apis.east.post(step(body, "accept"), {"staff": hall["helper"].pk}))
    assert (body["status"], body["deadline"]) == ("accepted", "2026-09-29")
    second = apps.submit_online(hall["allowance"], mode=Mode.PROXY, applicant=applicant(),
                                centre=hall["centre"])
    body = ok(apis.east.post(f"/hall/applications/{second.pk}/refuse",
                             {"reason": "不在本中心受理范围"}))
    assert (body["status"], body["reason"]) == ("not_accepted", "不在本中心受理范围")


@pytest.mark.parametrize(("name", "data", "field"), [
    ("deny", {"reason": " "}, "reason"),
    ("withdraw", {}, "reason"),
    ("assign", {}, "handler"),
    ("complete", {"expected_status": "done"}, "expected_status"),
    ("complete", {"note": "好"}, "note"),
])
def test_a_step_badly_filled_in_is_422(apis, hall, name, data, field):
    response = apis.east.post(step(accepted(apis, hall), name), data)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field


def test_a_handler_outside_the_department_is_refused(apis, hall, tree):
    response = apis.east.post(step(accepted(apis, hall), "assign"),
                              {"handler": tree.west_clerk.person.pk})
    assert response.json()["errors"] == [{"field": "handler",
                                          "message": "承办人须是东城街道的在职人员。"}]


def test_a_stale_client_gets_409_and_changes_nothing(apis, hall):
    application = accepted(apis, hall)
    ok(apis.east.post(step(application, "deny"), {"reason": "不符合申领条件"}))
    message = refused(apis.worker.post(step(application, "complete"),
                                       {"expected_status": "accepted"}), 409)
    assert message == "该办件当前为“不予许可”，不能办结。请刷新后查看。"
    # Without expected_status a step the status does not allow is a conflict as well.
    assert refused(apis.worker.post(step(application, "withdraw"), {"reason": "撤"}), 409)
    assert Application.objects.get().status == Status.DENIED


def test_a_replayed_step_is_not_a_conflict(apis, hall):
    application = accepted(apis, hall)
    first = apis.east.post(step(application, "complete"), {}, key="done-1")
    again = apis.east.post(step(application, "complete"), {}, key="done-1")
    assert first.status_code == again.status_code == 200 and first.content == again.content
    assert [e.action for e in timeline(Application.objects.get())] == ["accept", "complete"]


def test_a_west_clerk_never_sees_an_east_application(apis, hall):
    application = accepted(apis, hall)
    assert ok(apis.west.get("/hall/applications")) == {"items": [], "count": 0}
    for path in (f"/hall/applications/{application['id']}",
                 f"/hall/applications/{application['id']}/timeline"):
        assert refused(apis.west.get(path), 404) == "记录不存在，或您无权查看。"
    assert refused(apis.west.post(step(application, "complete"), {}), 404)
    assert Application.objects.get().status == Status.ACCEPTED


def test_who_sees_may_not_act(apis, hall):
    application = accepted(apis, hall)
    body = ok(apis.supervisor.get(f"/hall/applications/{application['id']}"))
    assert body["allowed_steps"] == []
    assert refused(apis.supervisor.post(step(application, "complete"), {}), 403) == (
        "您不是该办件的窗口或承办部门工作人员。")


def test_the_list_filters_and_pages(apis, hall):
    first = accepted(apis, hall)
    accepted(apis, hall, matter="HY-SW-002", mode="instant", staff=None)
    online = apps.submit_online(hall["allowance"], mode=Mode.PROXY, applicant=applicant(),
                                centre=hall["centre"])
    apps.take_step(Application.objects.get(pk=first["id"]), Step.ASSIGN, actor=hall["clerk"],
                   handler=hall["worker"], today=date(2026, 9, 21))

    def receipts(**filters):
        body = ok(apis.east.get("/hall/applications", **filters))
        return sorted(a["id"] for a in body["items"])

    assert receipts() == sorted([first["id"], first["id"] + 1, online.pk])
    assert receipts(status="in_progress") == [first["id"]]
    assert receipts(channel="online") == [online.pk]
    assert receipts(mode="instant") == [first["id"] + 1]
    assert receipts(matter="HY-SW-002") == [first["id"] + 1]
    assert receipts(centre=hall["centre"].pk, department=hall["centre"].unit_id) == receipts()
    assert receipts(accepted_from="2026-09-21", accepted_to="2026-09-21") == [
        first["id"], first["id"] + 1]
    assert receipts(accepted_to="2026-09-20") == []
    assert receipts(overdue="true") == []
    page = ok(apis.east.get("/hall/applications", limit=1, offset=1))
    assert page["count"] == 3 and len(page["items"]) == 1
    with time_machine.travel(MONDAY.replace(day=30), tick=False):
        body = ok(apis.east.get("/hall/applications", overdue="true"))
    assert [a["id"] for a in body["items"]] == [first["id"]] and body["items"][0]["overdue"]
    assert refused(apis.east.get("/hall/applications", status="lost"), 422)
