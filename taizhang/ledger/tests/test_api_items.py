"""Items through the API: lists with the page's filters, detail, create, update, progress."""

from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from taizhang.ledger import rules
from taizhang.ledger.constants import Frequency, ItemStatus
from taizhang.ledger.models import Item, ProgressReport
from taizhang.ledger.tests.apiclient import NOW, Api, ok, refused
from taizhang.ledger.tests.factories import ItemFactory, LedgerFactory, MilestoneFactory
from taizhang.org.events import timeline


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
        west = Api(client, world.west_staff)
        east = Api(client, world.east_staff)
        leader = Api(client, world.leader)

    return Apis


@pytest.fixture
def lights(world):
    """Beside the world's pending item (green): a red, a yellow and a closed one."""
    tree = world.tree
    red = ItemFactory(ledger=world.ledger, leader=world.leader_person, lead_unit=tree.west,
                      code="MS2026-090", title="农田灌溉渠修复", deadline=date(2026, 8, 20),
                      status=ItemStatus.IN_PROGRESS, last_reported_on=date(2026, 8, 25))
    yellow = ItemFactory(ledger=world.ledger, leader=world.leader_person, lead_unit=tree.east,
                         code="MS2026-091", title="东关社区道路硬化", deadline=date(2026, 9, 3),
                         status=ItemStatus.IN_PROGRESS, last_reported_on=date(2026, 8, 31))
    closed = ItemFactory(ledger=world.ledger, leader=world.leader_person, lead_unit=tree.east,
                         code="MS2026-092", title="东关社区路灯", deadline=date(2026, 8, 1),
                         status=ItemStatus.CLOSED)
    return red, yellow, closed


def codes(body):
    return [row["code"] for row in body["items"]]


def test_list_gives_each_item_its_light(world, apis, lights):
    body = ok(apis.supervisor.get("/ledger/items"))
    assert body["count"] == 4
    by_title = {row["title"]: row for row in body["items"]}
    assert by_title["西河村饮水安全提升"]["light"] == "green"
    assert by_title["农田灌溉渠修复"]["light"] == "red"
    assert by_title["农田灌溉渠修复"]["overdue"] is True
    assert by_title["东关社区道路硬化"]["light"] == "yellow"
    assert by_title["东关社区道路硬化"]["overdue"] is False
    assert by_title["东关社区路灯"]["light"] == "none"
    row = by_title["西河村饮水安全提升"]
    assert row["lead_unit"] == {"id": world.tree.west.pk, "name": "西河乡"}
    assert row["leader"] == {"id": world.leader_person.pk, "name": "李区长"}
    assert row["status"] == "pending" and row["status_label"] == "待交办"
    assert row["ledger"] == {"id": world.ledger.pk, "name": "2026年民生问题台账", "year": 2026}


def test_list_is_scoped(world, apis, lights):
    assert set(codes(ok(apis.west.get("/ledger/items")))) == {world.item.code, "MS2026-090"}
    assert set(codes(ok(apis.east.get("/ledger/items")))) == {"MS2026-091", "MS2026-092"}
    # A cooperating unit sees the item too.
    world.item.cooperating_units.add(world.tree.east)
    assert world.item.code in codes(ok(apis.east.get("/ledger/items")))


def test_list_filters_like_the_page(world, apis, lights):
    red, yellow, closed = lights
    api = apis.supervisor
    assert codes(ok(api.get("/ledger/items", light="red"))) == [red.code]
    assert codes(ok(api.get("/ledger/items", overdue="true"))) == [red.code]
    assert codes(ok(api.get("/ledger/items", status="closed"))) == [closed.code]
    assert set(codes(ok(api.get("/ledger/items", unit=world.tree.east.pk)))) == {
        yellow.code, closed.code}
    assert codes(ok(api.get("/ledger/items", q="灌溉"))) == [red.code]
    assert codes(ok(api.get("/ledger/items", q="MS2026-09", light="yellow"))) == [yellow.code]
    assert ok(api.get("/ledger/items", leader=world.leader_person.pk))["count"] == 4
    assert ok(api.get("/ledger/items", kind="minsheng"))["count"] == 4
    assert ok(api.get("/ledger/items", kind="huimin"))["count"] == 0
    other = LedgerFactory(unit=world.tree.district)
    ItemFactory(ledger=other, leader=world.leader_person, lead_unit=world.tree.west)
    assert ok(api.get("/ledger/items", ledger=other.pk))["count"] == 1


def test_list_is_paginated(world, apis, lights):
    first = ok(apis.supervisor.get("/ledger/items", limit=3))
    rest = ok(apis.supervisor.get("/ledger/items", limit=3, offset=3))
    assert first["count"] == rest["count"] == 4
    assert len(first["items"]) == 3 and len(rest["items"]) == 1
    response = apis.supervisor.get("/ledger/items", limit=501)
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "limit"


def test_bad_filter_values_are_422(apis):
    for params in ({"status": "done"}, {"light": "blue"}, {"unit": "x"}, {"unit": 0}):
        response = apis.supervisor.get("/ledger/items", **params)
        assert response.status_code == 422, params


def test_detail(world, apis):
    item = world.item
    MilestoneFactory(item=item, title="完成管网设计", due=date(2026, 8, 15))
    item.cooperating_units.add(world.tree.east)
    rules.assign_item(item, actor=world.supervisor, note="请抓紧", today=date(2026, 7, 20))
    body = ok(apis.west.get(f"/ledger/items/{item.pk}"))
    assert body["status"] == "in_progress" and body["assigned_on"] == "2026-07-20"
    assert body["cooperating_units"] == [{"id": world.tree.east.pk, "name": "东城街道"}]
    assert body["milestones"][0]["title"] == "完成管网设计"
    assert body["light"] == "yellow"
    assert body["light_reasons"] == ["节点“完成管网设计”已超过 08月15日 的时限",
                                     "本月进展情况未报送（上次报送 07月20日）"]
    assert body["allowed_actions"] == ["report", "request_close", "request_extension"]
    assert [(e["action"], e["to_status"]) for e in body["timeline"]] == [
        ("assign", "in_progress")]
    assert body["timeline"][0]["actor"] == world.supervisor.person.name
    assert body["reports"] == [] and body["extensions"] == [] and body["attachments"] == []
    assert ok(apis.supervisor.get(f"/ledger/items/{item.pk}"))["allowed_actions"] == []
    assert ok(apis.leader.get(f"/ledger/items/{item.pk}"))["allowed_actions"] == []


def test_detail_outside_scope_or_missing_is_404(world, apis):
    for path in (f"/ledger/items/{world.item.pk}", f"/ledger/items/{world.item.pk}/reports"):
        assert refused(apis.east.get(path), 404) == "记录不存在，或您无权查看。"
    assert apis.supervisor.get("/ledger/items/999999").status_code == 404


def new_item(world, **changes):
    return {
        "ledger": world.ledger.pk, "title": "西河村卫生室改造", "leader": world.leader_person.pk,
        "lead_unit": world.tree.west.pk, "cooperating_units": [world.tree.east.pk],
        "goal": "年底前投入使用", "measures": "统一设计，分步实施", "deadline": "2026-11-30",
        "frequency": "weekly",
        "milestones": [{"title": "完成设计", "due": "2026-09-30"},
                       {"title": "完成施工", "due": "2026-11-15"}],
        **changes,
    }


def test_supervision_creates_an_item(world, apis):
    body = ok(apis.supervisor.post("/ledger/items", new_item(world)), 201)
    item = Item.objects.get(pk=body["id"])
    assert item.code == "MS2026-001" and item.status == ItemStatus.PENDING
    assert item.frequency == Frequency.WEEKLY and item.deadline == date(2026, 11, 30)
    assert [m.title for m in item.milestones.all()] == ["完成设计", "完成施工"]
    assert body["cooperating_units"] == [{"id": world.tree.east.pk, "name": "东城街道"}]
    assert body["allowed_actions"] == ["assign"]
    assert timeline(item).get().action == "create"


def test_an_item_timed_in_working_days_gets_its_deadline_when_assigned(world, apis):
    data = new_item(world, deadline=None, working_days=3, code="XH-01")
    body = ok(apis.supervisor.post("/ledger/items", data), 201)
    assert body["code"] == "XH-01" and body["deadline"] is None and body["working_days"] == 3
    body = ok(apis.supervisor.post(f"/ledger/items/{body['id']}/assign"))
    # Tuesday 1 September 2026 + 3 working days.
    assert body["deadline"] == "2026-09-04"


@pytest.mark.parametrize(("changes", "field"), [
    ({"deadline": None}, "deadline"),
    ({"working_days": 5}, "working_days"),
    ({"leader": 999999}, "leader"),
    ({"lead_unit": 999999}, "lead_unit"),
    ({"cooperating_units": [999999]}, "cooperating_units"),
    ({"cooperating_units": ["west"]}, "cooperating_units.0"),
    ({"ledger": 999999}, "ledger"),
    ({"code": "T-0001"}, "code"),
    ({"title": "   "}, "title"),
    ({"deadline": "2026-13-01"}, "deadline"),
])
def test_create_refuses_bad_input_naming_the_field(world, apis, changes, field):
    world.item.code = "T-0001"
    world.item.save()
    response = apis.supervisor.post("/ledger/items", new_item(world, **changes))
    assert response.status_code == 422, response.content
    assert response.json()["errors"][0]["field"] == field
    assert Item.objects.count() == 1


def test_create_refuses_the_lead_unit_as_cooperating(world, apis):
    data = new_item(world, cooperating_units=[world.tree.west.pk])
    body = apis.supervisor.post("/ledger/items", data).json()
    assert body == {"message": "西河乡已是责任单位，不必再列为配合单位。",
                    "errors": [{"field": "cooperating_units",
                                "message": "西河乡已是责任单位，不必再列为配合单位。"}]}


def test_only_supervision_creates(world, apis):
    assert refused(apis.west.post("/ledger/items", new_item(world)), 403) == (
        "只有督查室可以新建台账事项。")
    assert apis.east.post("/ledger/items", new_item(world)).status_code == 403
    assert Item.objects.count() == 1


def test_supervision_updates_an_item(world, apis):
    path = f"/ledger/items/{world.item.pk}"
    body = ok(apis.supervisor.patch(path, {"title": "西河村饮水安全巩固提升",
                                           "cooperating_units": [world.tree.east.pk]}))
    assert body["changed"] == ["cooperating_units", "title"]
    assert body["item"]["title"] == "西河村饮水安全巩固提升"
    assert ok(apis.supervisor.patch(path, {"title": "西河村饮水安全巩固提升"}))["changed"] == []
    event = timeline(world.item).get(action="update")
    assert event.data["changed"]["title"] == ["西河村饮水安全提升", "西河村饮水安全巩固提升"]


def test_update_is_refused_properly(world, apis, lights):
    path = f"/ledger/items/{world.item.pk}"
    assert refused(apis.west.patch(path, {"goal": "改"}), 403) == "只有督查室可以修改事项内容。"
    assert apis.east.patch(path, {"goal": "改"}).status_code == 404
    response = apis.supervisor.patch(path, {"title": None})
    assert response.status_code == 422
    response = apis.supervisor.patch(path, {"cooperating_units": [world.tree.west.pk]})
    assert response.json()["errors"][0]["field"] == "cooperating_units"
    # Nor may a cooperating unit become the lead unit while it stays cooperating.
    world.item.cooperating_units.add(world.tree.east)
    response = apis.supervisor.patch(path, {"lead_unit": world.tree.east.pk})
    assert response.json()["errors"][0]["message"] == "东城街道已是责任单位，不必再列为配合单位。"
    ok(apis.supervisor.patch(path, {"lead_unit": world.tree.east.pk, "cooperating_units": []}))
    closed = lights[2]
    assert refused(apis.supervisor.patch(f"/ledger/items/{closed.pk}", {"goal": "改"}), 409) == (
        "该事项已销号，不能再修改。")


def test_lead_unit_reports_progress(world, apis):
    rules.assign_item(world.item, actor=world.supervisor, today=date(2026, 8, 3))
    path = f"/ledger/items/{world.item.pk}/reports"
    body = ok(apis.west.post(path, {"text": " 已完成管网铺设 2 公里 "}), 201)
    assert body["text"] == "已完成管网铺设 2 公里" and body["reported_on"] == "2026-09-01"
    assert body["author"] == world.west_staff.person.name
    listed = ok(apis.supervisor.get(path))
    assert listed["count"] == 1 and listed["items"][0]["id"] == body["id"]
    world.item.refresh_from_db()
    assert world.item.last_reported_on == date(2026, 9, 1)


def test_progress_is_refused_properly(world, apis):
    path = f"/ledger/items/{world.item.pk}/reports"
    message = refused(apis.west.post(path, {"text": "已开工"}), 409)
    assert message == "该事项当前为“待交办”，不能报送进展。"
    rules.assign_item(world.item, actor=world.supervisor, today=date(2026, 8, 3))
    assert refused(apis.supervisor.post(path, {"text": "已开工"}), 403) == (
        "只有责任单位可以报送进展。")
    assert apis.east.post(path, {"text": "已开工"}).status_code == 404
    body = apis.west.post(path, {"text": "  "}).json()
    assert body["errors"] == [{"field": "text", "message": "请填写进展情况。"}]
    stale = apis.west.post(path, {"text": "已开工", "expected_status": "pending"})
    assert stale.status_code == 409
    assert ProgressReport.objects.count() == 0


def test_progress_with_files_and_download(world, apis):
    rules.assign_item(world.item, actor=world.supervisor, today=date(2026, 8, 3))
    photo = SimpleUploadedFile("现场照片.jpg", b"\xff\xd8\xff\xe0 jpeg", content_type="image/jpeg")
    base = f"/ledger/items/{world.item.pk}"
    body = ok(apis.west.upload(f"{base}/reports/files",
                               {"text": "管网铺设完成", "files": [photo]}), 201)
    [attachment] = body["attachments"]
    assert attachment["name"] == "现场照片.jpg" and attachment["purpose"] == "progress"
    assert attachment["size"] == 9 and attachment["report_id"] == body["id"]
    detail = ok(apis.supervisor.get(base))
    assert detail["attachments"][0]["id"] == attachment["id"]
    download = apis.supervisor.get(f"{base}/attachments/{attachment['id']}")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/octet-stream"
    assert b"".join(download.streaming_content) == b"\xff\xd8\xff\xe0 jpeg"
    assert apis.east.get(f"{base}/attachments/{attachment['id']}").status_code == 404
    other = ItemFactory(ledger=world.ledger, leader=world.leader_person, lead_unit=world.tree.west)
    assert apis.supervisor.get(
        f"/ledger/items/{other.pk}/attachments/{attachment['id']}").status_code == 404


def test_upload_of_a_forbidden_kind_is_422(world, apis):
    rules.assign_item(world.item, actor=world.supervisor, today=date(2026, 8, 3))
    script = SimpleUploadedFile("run.exe", b"MZ", content_type="application/octet-stream")
    response = apis.west.upload(f"/ledger/items/{world.item.pk}/reports/files",
                                {"text": "见附件", "files": [script]})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "files"
    assert ProgressReport.objects.count() == 0
