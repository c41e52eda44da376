"""Intake in bulk (``hall.intake`` and ``POST /hall/applications/batch``): the same checks and
the same rows as one intake at a time, all or nothing, with every timeline written."""

from itertools import chain

import pytest
import time_machine
from django.db import connection

from taizhang.hall import intake as bulk
from taizhang.hall.models import Application
from taizhang.hall.tests.hallapi import MONDAY, intake, put_on_duty
from taizhang.ledger.tests.apiclient import Api, ok, refused
from taizhang.org import pii
from taizhang.org.events import timeline
from taizhang.org.models import AuditEntry

pytestmark = pytest.mark.django_db

COMPARED = ("status", "version_id", "centre_id", "channel", "mode", "applicant_name",
            "id_number", "id_digest", "phone", "phone_digest", "address", "appointment_at",
            "staff_id", "department_id", "accepted_on", "deadline", "deadline_known",
            "paused_days", "completed_on", "days_taken", "reason")


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(MONDAY, tick=False):
        yield


@pytest.fixture
def east(hall, client):
    put_on_duty(hall)
    return Api(client, hall["clerk"])


def three(hall):
    return [intake(hall),
            intake(hall, matter="HY-SW-002", mode="instant", staff=None,
                   applicant_name="李四", phone="13800001111"),
            intake(hall, mode="doorstep", staff=None, address="东关社区3号楼2单元101",
                   appointment_at="2026-09-24T09:00:00+08:00")]


def test_a_batch_writes_the_same_rows_as_one_intake_at_a_time(east, hall):
    body = ok(east.post("/hall/applications/batch", {"applications": three(hall)}), 201)
    assert body["count"] == 3
    assert [(a["status"], a["deadline"]) for a in body["applications"]] == [
        ("accepted", "2026-09-29"), ("completed", "2026-09-21"), ("accepted", "2026-09-29")]
    batch = Application.objects.in_bulk([a["id"] for a in body["applications"]])
    for n, data in enumerate(three(hall)):
        single = Application.objects.get(pk=ok(east.post("/hall/applications", data), 201)["id"])
        made = batch[body["applications"][n]["id"]]
        assert {f: getattr(made, f) for f in COMPARED} == {f: getattr(single, f) for f in COMPARED}
        assert [(e.action, e.from_status, e.to_status, e.actor, e.data) for e in timeline(made)] \
            == [(e.action, e.from_status, e.to_status, e.actor, e.data)
                for e in timeline(single)]
        assert made.receipt_no == body["applications"][n]["receipt_no"]


def test_personal_data_is_stored_encrypted(east, hall):
    body = ok(east.post("/hall/applications/batch", {"applications": three(hall)}), 201)
    with connection.cursor() as cursor:  # the columns as stored, past the field's decryption
        table = connection.ops.quote_name(Application._meta.db_table)
        cursor.execute(f"SELECT id_number, phone FROM {table} WHERE id = %s",  # noqa: S608
                       [body["applications"][0]["id"]])
        id_number, phone = cursor.fetchone()
    assert id_number.startswith("dev$") and phone.startswith("dev$")
    assert "1949" in pii.decrypt(id_number) and "1949" not in id_number
    assert pii.decrypt(phone) == "13912345678" and "13912345678" not in phone


def test_one_audit_entry_names_the_batch(east, hall):
    before = AuditEntry.objects.count()
    body = ok(east.post("/hall/applications/batch", {"applications": three(hall)}), 201)
    entry = AuditEntry.objects.order_by("seq").last()
    assert AuditEntry.objects.count() == before + 1
    assert entry.actor_id == hall["clerk"].pk and entry.object_type == "hall.application"
    assert entry.detail == {"action": "batch_accept", "count": 3,
                            "applications": [a["id"] for a in body["applications"]]}


def test_references_are_checked_first_and_named_by_place(east, hall):
    data = three(hall)
    data[2]["matter"] = "HY-XX-404"
    body = refused_body(east.post("/hall/applications/batch", {"applications": data}))
    assert body["errors"] == [{"field": "applications.2.matter",
                               "message": "事项清单中没有编码为 HY-XX-404 的在用事项。"}]
    assert body["message"] == "第 3 件：事项清单中没有编码为 HY-XX-404 的在用事项。"


def test_every_refused_application_is_listed_and_none_is_written(east, hall):
    data = three(hall)
    data[0]["id_number"] = "110105194912310021"
    data[2]["address"] = ""
    body = refused_body(east.post("/hall/applications/batch", {"applications": data}))
    assert [e["field"] for e in body["errors"]] == ["applications.0.id_number",
                                                    "applications.2.address"]
    assert body["message"].startswith("第 1 件：身份证号码无效")
    assert "共 2 处问题" in body["message"]
    assert not Application.objects.exists()


def refused_body(response):
    assert response.status_code == 422, response.content.decode()
    return response.json()


def test_only_the_centres_clerks_take_in_a_batch(hall, tree, client):
    message = refused(Api(client, tree.west_clerk).post("/hall/applications/batch",
                                                        {"applications": three(hall)}), 403)
    assert message == "只有便民服务中心的窗口工作人员可以受理。"
    assert not Application.objects.exists()


@pytest.mark.parametrize("size", [0, 1001])
def test_a_batch_holds_one_to_a_thousand(east, hall, size):
    response = east.post("/hall/applications/batch", {"applications": [intake(hall)] * size})
    assert refused_body(response)["errors"][0]["field"] == "applications"


def test_a_retried_batch_accepts_once(east, hall):
    first = east.post("/hall/applications/batch", {"applications": three(hall)}, key="b-1")
    again = east.post("/hall/applications/batch", {"applications": three(hall)}, key="b-1")
    assert first.status_code == again.status_code == 201 and first.content == again.content
    assert Application.objects.count() == 3


def test_receipt_numbers_already_taken_are_drawn_again(east, hall, monkeypatch):
    taken = ok(east.post("/hall/applications", intake(hall)), 201)["receipt_no"]
    draws = chain([taken, taken, "2026092100000001"], ["2026092100000002"])
    monkeypatch.setattr(bulk, "_receipt_no", lambda day: next(draws))
    body = ok(east.post("/hall/applications/batch",
                        {"applications": [intake(hall), intake(hall)]}), 201)
    assert sorted(a["receipt_no"] for a in body["applications"]) == [
        "2026092100000001", "2026092100000002"]
