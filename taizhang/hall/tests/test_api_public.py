"""Status lookup and rating without an account: the citizen's own view, the same 404 for any
wrong pair, the hourly limits (429) counted before anything is looked up, and ratings that are
re-verified, given once, and safe to retry."""

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from taizhang.hall import applications as apps
from taizhang.hall.constants import Step
from taizhang.hall.models import Rating
from taizhang.hall.tests.hallapi import MONDAY, PHONE, put_on_duty
from taizhang.hall.tests.test_applications import ID_NUMBER, accept
from taizhang.org.models import IdempotencyKey

pytestmark = pytest.mark.django_db

NOT_FOUND = {"message": "未找到该办件：请核对受理编号和手机号码后四位。"}


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(MONDAY, tick=False):
        yield


@pytest.fixture(autouse=True)
def limits(settings):
    settings.TAIZHANG_LOOKUP_LIMIT_PER_CLIENT = 30
    settings.TAIZHANG_LOOKUP_LIMIT_PER_RECEIPT = 5
    return settings


def post(client, path, data, key=None, address="203.0.113.7"):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post(f"/api/v1/hall{path}", data, content_type="application/json",
                       REMOTE_ADDR=address, **headers)


def claim(application, digits=PHONE[-4:]):
    return {"receipt_no": application.receipt_no, "phone_last4": digits}


@pytest.fixture
def completed(hall):
    put_on_duty(hall)
    application = accept(hall)
    apps.take_step(application, Step.REQUEST_SUPPLEMENT, actor=hall["clerk"],
                   reason="缺少户口簿原件", today=date(2026, 9, 21))
    apps.take_step(application, Step.SUPPLEMENTED, actor=hall["clerk"], today=date(2026, 9, 21))
    return apps.take_step(application, Step.COMPLETE, actor=hall["clerk"],
                          today=date(2026, 9, 21))


def test_the_citizen_sees_their_application_and_nobody_in_it(client, hall, completed):
    response = post(client, "/lookup", claim(completed))
    assert response.status_code == 200 and not response.cookies
    body = response.json()
    assert body["receipt_no"] == completed.receipt_no and body["applicant"] == "王**"
    assert body["matter"] == {"code": "HY-SW-001", "name": "高龄津贴申领"}
    assert body["centre"]["name"] == "东城街道便民服务中心"
    assert (body["status"], body["status_label"], body["deadline"], body["completed_on"]) == (
        "completed", "办结", "2026-09-29", "2026-09-21")
    assert [(s["label"], s["on"], s["note"]) for s in body["steps"]] == [
        ("受理", "2026-09-21", ""), ("一次性告知补正", "2026-09-21", "缺少户口簿原件"),
        ("补正材料已收", "2026-09-21", ""), ("办结", "2026-09-21", "")]
    assert body["may_rate"] is True and body["rating"] is None
    text = response.content.decode()
    for secret in (ID_NUMBER, PHONE, "王秀英", hall["clerk"].person.name, hall["helper"].name):
        assert secret not in text


def test_every_wrong_pair_gets_the_same_answer(client, limits, completed):
    limits.TAIZHANG_LOOKUP_LIMIT_PER_RECEIPT = 10
    tries = [claim(completed, "0000"), claim(completed, ""), claim(completed, "abcd"),
             claim(completed, "56789"), {"receipt_no": "2026092100000000", "phone_last4": "5678"},
             {"receipt_no": "x' OR 1=1 --", "phone_last4": "5678"}]
    answers = {(r.status_code, r.content) for r in (post(client, "/lookup", t) for t in tries)}
    assert answers == {(404, post(client, "/lookup", tries[0]).content)}
    assert post(client, "/lookup", tries[0]).json() == NOT_FOUND


def test_too_many_tries_at_one_receipt_are_429_even_with_the_right_pair(client, limits,
                                                                      completed):
    limits.TAIZHANG_LOOKUP_LIMIT_PER_RECEIPT = 2
    for digits in ("0000", "1111"):
        assert post(client, "/lookup", claim(completed, digits)).status_code == 404
    # From another address too: the limit is per receipt number, whoever asks.
    with CaptureQueriesContext(connection) as queries:
        response = post(client, "/lookup", claim(completed), address="198.51.100.1")
    assert response.status_code == 429
    assert response.json()["message"].startswith("查询过于频繁")
    assert 0 < int(response["Retry-After"]) <= 3600
    assert not any("hall_application" in q["sql"] for q in queries.captured_queries)


def test_too_many_tries_from_one_client_are_429(client, limits, completed):
    limits.TAIZHANG_LOOKUP_LIMIT_PER_CLIENT = 3
    for n in range(3):
        post(client, "/lookup", {"receipt_no": f"20260921{n:08d}", "phone_last4": "5678"})
    assert post(client, "/lookup", claim(completed)).status_code == 429
    assert post(client, "/lookup", claim(completed), address="198.51.100.1").status_code == 200
    # The next hour starts afresh.
    with time_machine.travel(MONDAY.replace(hour=11), tick=False):
        assert post(client, "/lookup", claim(completed)).status_code == 200


def test_a_rating_is_given_once_and_shows_in_the_view(client, completed):
    response = post(client, "/ratings", {**claim(completed), "grade": 5, "comment": "很快"})
    assert response.status_code == 201, response.content.decode()
    body = response.json()
    assert body["may_rate"] is False
    assert body["rating"] == {"grade": 5, "grade_label": "非常满意", "rated_on": "2026-09-21"}
    assert body["steps"][-1]["label"] == "评价"
    again = post(client, "/ratings", {**claim(completed), "grade": 4})
    assert again.status_code == 409
    assert again.json()["message"] == "该办件已经评价过，每件只能评价一次。"
    assert Rating.objects.get().grade == 5


def test_a_bad_rating_needs_a_reason_and_opens_a_rectification(client, completed):
    response = post(client, "/ratings", {**claim(completed), "grade": 1})
    assert response.json()["errors"][0]["field"] == "comment"
    response = post(client, "/ratings", {**claim(completed), "grade": 1, "comment": "让我跑了三趟"})
    assert response.status_code == 201
    rating = Rating.objects.get()
    assert rating.rectification is not None and completed.receipt_no in rating.rectification.title


def test_ratings_are_re_verified(client, hall, completed):
    response = post(client, "/ratings", {**claim(completed, "0000"), "grade": 5})
    assert (response.status_code, response.json()) == (404, NOT_FOUND)
    open_one = accept(hall)
    response = post(client, "/ratings", {**claim(open_one), "grade": 5})
    assert response.status_code == 409 and "办理结束后才能评价" in response.json()["message"]
    for grade in (0, 6, "很好"):
        response = post(client, "/ratings", {**claim(completed), "grade": grade})
        assert response.json()["errors"][0]["field"] == "grade"
    assert not Rating.objects.exists()


def test_a_retried_rating_is_recorded_once(client, completed):
    data = {**claim(completed), "grade": 4, "comment": "态度好"}
    first = post(client, "/ratings", data, key="rate-7f3a")
    again = post(client, "/ratings", data, key="rate-7f3a", address="198.51.100.9")
    assert first.status_code == again.status_code == 201 and first.content == again.content
    assert Rating.objects.count() == 1
    assert IdempotencyKey.objects.get(key="rate-7f3a").user is None


def test_failed_ratings_count_against_the_limit_whatever_their_key(client, limits, completed):
    limits.TAIZHANG_LOOKUP_LIMIT_PER_RECEIPT = 2
    for n, digits in enumerate(("0000", "1111")):
        response = post(client, "/ratings", {**claim(completed, digits), "grade": 5},
                        key=f"guess-{n}")
        assert response.status_code == 404
    response = post(client, "/ratings", {**claim(completed), "grade": 5}, key="guess-2")
    assert response.status_code == 429
    # Lookups and ratings draw on the same tries.
    assert post(client, "/lookup", claim(completed)).status_code == 429
    assert not Rating.objects.exists()
