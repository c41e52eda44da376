"""Idempotency-Key on the ledger's write routes: a retried request creates nothing twice and
gets the first answer again."""

import threading
import time

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.test import Client
from django.test.client import encode_multipart

from taizhang.api import api as ninja_api
from taizhang.ledger import rules
from taizhang.ledger.models import Item, ProgressReport
from taizhang.ledger.tests.apiclient import NOW, Api, ok, refused
from taizhang.ledger.tests.factories import build_ledger_world
from taizhang.org.events import timeline
from taizhang.org.models import IdempotencyKey
from taizhang.org.tests.factories import build_small_district


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def new_item(world, title="西河村卫生室改造"):
    return {"ledger": world.ledger.pk, "title": title, "leader": world.leader_person.pk,
            "lead_unit": world.tree.west.pk, "deadline": "2026-11-30"}


def test_a_retry_creates_nothing_twice_and_gets_the_same_answer(world, client):
    officer = Api(client, world.supervisor)
    first = officer.post("/ledger/items", new_item(world), key="4f1c-create")
    again = officer.post("/ledger/items", new_item(world), key="4f1c-create")
    assert first.status_code == again.status_code == 201
    assert first.content == again.content
    assert Item.objects.filter(title="西河村卫生室改造").count() == 1
    # Without a key every request is its own.
    officer.post("/ledger/items", new_item(world))
    assert Item.objects.filter(title="西河村卫生室改造").count() == 2


def test_the_same_key_for_another_request_is_422(world, client):
    officer = Api(client, world.supervisor)
    ok(officer.post("/ledger/items", new_item(world), key="k-1"), 201)
    response = officer.post("/ledger/items", new_item(world, title="另一件事"), key="k-1")
    assert response.status_code == 422
    assert response.json() == {
        "message": "该 Idempotency-Key 已用于另一个请求，请为新请求换一个键。",
        "errors": [{"field": "Idempotency-Key", "message": "与先前的请求内容不同"}],
    }
    # Another route with the same body is another request too.
    response = officer.post(f"/ledger/items/{world.item.pk}/assign", {}, key="k-2")
    ok(response)
    other = rules.create_item(world.ledger, actor=world.supervisor, title="第二件",
                              leader=world.leader_person, lead_unit=world.tree.west,
                              deadline=NOW.date())
    assert officer.post(f"/ledger/items/{other.pk}/assign", {}, key="k-2").status_code == 422
    assert not Item.objects.filter(title="另一件事").exists()


def test_keys_belong_to_their_user(world, client):
    ok(Api(client, world.supervisor).post("/ledger/items", new_item(world), key="shared"), 201)
    ok(Api(client, world.supervisor2).post("/ledger/items", new_item(world), key="shared"), 201)
    assert Item.objects.filter(title="西河村卫生室改造").count() == 2


def test_a_replayed_transition_is_not_a_conflict(world, client):
    officer = Api(client, world.supervisor)
    route = f"/ledger/items/{world.item.pk}/assign"
    first = officer.post(route, {"note": "请抓紧"}, key="assign-1")
    again = officer.post(route, {"note": "请抓紧"}, key="assign-1")
    assert first.status_code == again.status_code == 200
    assert first.content == again.content
    assert timeline(world.item).filter(action="assign").count() == 1
    # A new key is a new request, refused as the conflict it is.
    assert refused(officer.post(route, {"note": "请抓紧"}, key="assign-2"), 409)


def test_a_refusal_is_not_remembered(world, client):
    handler = Api(client, world.west_staff)
    route = f"/ledger/items/{world.item.pk}/reports"
    assert refused(handler.post(route, {"text": "已开工"}, key="report-1"), 409)
    assert not IdempotencyKey.objects.exists()
    rules.assign_item(world.item, actor=world.supervisor, today=NOW.date())
    ok(handler.post(route, {"text": "已开工"}, key="report-1"), 201)
    ok(handler.post(route, {"text": "已开工"}, key="report-1"), 201)
    assert ProgressReport.objects.count() == 1


def test_a_retried_upload_with_a_new_boundary_is_the_same_request(world, client):
    rules.assign_item(world.item, actor=world.supervisor, today=NOW.date())
    handler = Api(client, world.west_staff)
    route = f"/api/v1/ledger/items/{world.item.pk}/reports/files"

    def send(boundary, content=b"%PDF-1.4 photo"):
        photo = SimpleUploadedFile("照片.pdf", content, content_type="application/pdf")
        body = encode_multipart(boundary, {"text": "路面硬化完成", "files": [photo]})
        return client.post(route, body, content_type=f"multipart/form-data; boundary={boundary}",
                           HTTP_IDEMPOTENCY_KEY="upload-1", **handler.headers)

    first, again = send("first-attempt"), send("second-attempt")
    assert first.status_code == again.status_code == 201, first.content
    assert first.content == again.content
    assert ProgressReport.objects.count() == 1
    assert send("third-attempt", content=b"%PDF-1.4 another").status_code == 422


@pytest.mark.parametrize("key", ["x" * 101, "两次", "has space"])
def test_a_malformed_key_is_refused(world, client, key):
    response = Api(client, world.supervisor).post("/ledger/items", new_item(world), key=key)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "Idempotency-Key"
    assert Item.objects.count() == 1


def test_every_write_route_documents_the_header():
    paths = ninja_api.get_openapi_schema()["paths"]
    writes = [(path, method, op) for path, ops in paths.items() if "/ledger/" in path
              for method, op in ops.items() if method in ("post", "patch", "put", "delete")]
    assert len(writes) == 16
    for path, method, op in writes:
        headers = [p for p in op.get("parameters", []) if p["in"] == "header"]
        assert [h["name"] for h in headers] == ["Idempotency-Key"], (method, path)
        assert headers[0]["required"] is False


def race(*requests):
    """Send the requests at the same moment, each on its own connection."""
    start, answers = threading.Barrier(len(requests)), [None] * len(requests)

    def run(n, send):
        try:
            start.wait()
            answers[n] = send()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n, send)) for n, send in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


@pytest.fixture
def live_world():
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent server connections; SQLite serialises writers itself")
    return build_ledger_world(build_small_district())


def slowly(monkeypatch, name):
    """Make ``rules.<name>`` linger, so that duplicates overlap for certain."""
    act = getattr(rules, name)

    def slow(*args, **kwargs):
        result = act(*args, **kwargs)
        time.sleep(0.3)
        return result

    monkeypatch.setattr(rules, name, slow)


@pytest.mark.django_db(transaction=True)
def test_concurrent_duplicates_create_one_record(live_world, monkeypatch):
    world = live_world
    slowly(monkeypatch, "create_item")
    headers = Api(Client(), world.supervisor).headers
    data = new_item(world)

    def send():
        return Client().post("/api/v1/ledger/items", data, content_type="application/json",
                             HTTP_IDEMPOTENCY_KEY="race-1", **headers)

    answers = race(send, send, send)
    assert [a.status_code for a in answers] == [201, 201, 201]
    assert len({a.content for a in answers}) == 1
    assert Item.objects.filter(title="西河村卫生室改造").count() == 1
    assert IdempotencyKey.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_duplicate_transitions_act_once(live_world, monkeypatch):
    world = live_world
    slowly(monkeypatch, "assign_item")
    headers = Api(Client(), world.supervisor).headers
    route = f"/api/v1/ledger/items/{world.item.pk}/assign"

    def send():
        return Client().post(route, {"note": "限期办结"}, content_type="application/json",
                             HTTP_IDEMPOTENCY_KEY="race-2", **headers)

    answers = race(send, send)
    assert [a.status_code for a in answers] == [200, 200]
    assert answers[0].content == answers[1].content
    assert timeline(world.item).filter(action="assign").count() == 1
