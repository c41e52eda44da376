"""办件查询 and 好差评 pages without an account: the applicant's own view and nothing more, one
and the same answer for any wrong pair, the hourly limits (429), and the rating."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taizhang.hall import applications as apps
from taizhang.hall.constants import Status, Step
from taizhang.hall.models import Rating
from taizhang.hall.tests.test_applications import ID_NUMBER, accept
from taizhang.ledger.models import Item

pytestmark = pytest.mark.django_db

PHONE = "13912345678"
MONDAY = datetime(2026, 9, 21, 9, 20, tzinfo=ZoneInfo("Asia/Shanghai"))
LOOKUP = reverse("public:lookup")
RATE = reverse("public:rate")


@pytest.fixture(autouse=True)
def _monday():
    with time_machine.travel(MONDAY, tick=False):
        yield


@pytest.fixture(autouse=True)
def limits(settings):
    settings.TAIZHANG_LOOKUP_LIMIT_PER_CLIENT = 30
    settings.TAIZHANG_LOOKUP_LIMIT_PER_RECEIPT = 5
    return settings


@pytest.fixture
def completed(hall):
    application = accept(hall)
    apps.take_step(application, Step.REQUEST_SUPPLEMENT, actor=hall["clerk"],
                   reason="缺少户口簿原件", today=date(2026, 9, 21))
    apps.take_step(application, Step.SUPPLEMENTED, actor=hall["clerk"], today=date(2026, 9, 21))
    return apps.take_step(application, Step.COMPLETE, actor=hall["clerk"],
                          today=date(2026, 9, 21))


def ask(client, receipt, digits, path=LOOKUP, address="203.0.113.7", **more):
    return client.post(path, {"receipt_no": receipt, "phone_last4": digits, **more},
                       REMOTE_ADDR=address)


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def neutral(response):
    """The page with what differs between any two answers taken out: the CSRF token (fresh
    each time) and the receipt number the citizen typed, which is echoed back to them."""
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())
    return re.sub(r'name="receipt_no" value="[^"]*"', "", page)


def test_the_empty_form_asks_for_both_halves_by_post(client):
    response = client.get(LOOKUP)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    page = text(response)
    assert 'method="post"' in page and 'name="receipt_no"' in page
    assert 'name="phone_last4"' in page and "每小时可以查询的次数有限" in page
    assert "sessionid" not in response.cookies


def test_the_digits_in_a_url_are_not_looked_up_or_echoed(client, completed):
    response = client.get(LOOKUP, {"receipt_no": completed.receipt_no, "phone_last4": "5678"})
    assert response.status_code == 200 and completed.receipt_no not in text(response)
    assert "已办结" not in text(response)


def test_the_right_pair_shows_the_applicants_view_and_nobody_in_it(client, hall, completed):
    response = ask(client, completed.receipt_no, "5678")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert "sessionid" not in response.cookies
    page = text(response)
    assert "高龄津贴申领" in page and "办结" in page and "王**" in page
    assert "东城街道便民服务中心" in page and "东城街道政府一楼" in page
    assert "2026年9月21日" in page and "缺少户口簿原件" in page  # what they were told to supply
    assert "一次性告知补正" in page and "欢迎对这次办理作出评价" in page
    for secret in ("王秀英", ID_NUMBER, PHONE, "139****5678", "1101**********002X",
                   hall["helper"].name, hall["clerk"].person.name, hall["clerk"].username):
        assert secret not in page
    # The rating form carries the pair back in its body, never in its address.
    assert f'action="{RATE}"' in page and "5678" in page


def test_every_wrong_pair_gets_one_and_the_same_page(client, limits, hall, completed):
    limits.TAIZHANG_LOOKUP_LIMIT_PER_RECEIPT = 20
    other = accept(hall, phone="13700001111")
    unknown = "2026092100000000"
    answers = [ask(client, completed.receipt_no, digits) for digits in
               ("5679", "1111", "", "56789", "abcd", "５６７８", "5678" * 20)]
    answers += [ask(client, other.receipt_no, "5678"), ask(client, unknown, "5678"),
                ask(client, "x' OR 1=1 --", "5678"), ask(client, "", "")]
    pages = {neutral(answer) for answer in answers}
    assert {answer.status_code for answer in answers} == {404} and len(pages) == 1
    assert {tuple(sorted(answer.headers)) for answer in answers} == {
        tuple(sorted(answers[0].headers))}
    page = pages.pop()
    assert "没有查到相符的办件" in page and "高龄津贴申领" not in page
    assert completed.receipt_no not in page
    assert not Rating.objects.exists()


def test_a_wrong_ending_costs_the_same_queries_as_an_unknown_number(client, completed):
    ask(client, completed.receipt_no, "0000")  # the hour's counts exist from here on
    ask(client, "2026092100000000", "0000")
    with CaptureQueriesContext(connection) as known:
        ask(client, completed.receipt_no, "1111")
    with CaptureQueriesContext(connection) as unknown:
        ask(client, "2026092100000000", "1111")
    assert len(known.captured_queries) == len(unknown.captured_queries)


def test_too_many_tries_at_one_receipt_are_429_even_with_the_right_pair(client, limits,
                                                                         completed):
    limits.TAIZHANG_LOOKUP_LIMIT_PER_RECEIPT = 2
    assert ask(client, completed.receipt_no, "0000").status_code == 404
    assert ask(client, completed.receipt_no, "1111", address="198.51.100.9").status_code == 404
    # From a third address, with the right digits: the limit is per receipt, whoever asks.
    response = ask(client, completed.receipt_no, "5678", address="192.0.2.1")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    page = text(response)
    assert "查询过于频繁" in page and "10:00" in page and "40 分钟" in page
    assert completed.receipt_no not in page and "高龄津贴申领" not in page


def test_an_unknown_number_is_limited_just_like_a_real_one(client, limits, completed):
    limits.TAIZHANG_LOOKUP_LIMIT_PER_RECEIPT = 1
    unknown = "2026092100000000"
    ask(client, completed.receipt_no, "0000")
    ask(client, unknown, "0000")
    real, fake = ask(client, completed.receipt_no, "0000"), ask(client, unknown, "0000")
    assert (real.status_code, fake.status_code) == (429, 429)
    assert neutral(real) == neutral(fake)


def test_too_many_tries_from_one_client_are_429(client, limits, completed):
    limits.TAIZHANG_LOOKUP_LIMIT_PER_CLIENT = 3
    for n in range(3):
        assert ask(client, f"202609210000000{n}", "0000").status_code == 404
    assert ask(client, completed.receipt_no, "5678").status_code == 429
    # Another address is not held up, and the refused tries did not spend the receipt's.
    assert ask(client, completed.receipt_no, "5678", address="198.51.100.9").status_code == 200


def test_typos_do_not_share_one_budget(client, limits):
    limits.TAIZHANG_LOOKUP_LIMIT_PER_RECEIPT = 1
    for address in ("198.51.100.1", "198.51.100.2", "198.51.100.3"):
        assert ask(client, "受理编号", "0000", address=address).status_code == 404


def test_the_page_and_the_api_count_in_the_same_windows(client, limits, completed):
    limits.TAIZHANG_LOOKUP_LIMIT_PER_RECEIPT = 2
    assert ask(client, completed.receipt_no, "0000").status_code == 404
    api = client.post("/api/v1/hall/lookup", {"receipt_no": completed.receipt_no,
                                              "phone_last4": "0000"},
                      content_type="application/json", REMOTE_ADDR="198.51.100.9")
    assert api.status_code == 404
    assert ask(client, completed.receipt_no, "5678").status_code == 429


def test_the_status_notes_follow_the_application(client, hall):
    open_one = accept(hall)
    page = text(ask(client, open_one.receipt_no, "5678"))
    assert "已受理，正在办理" in page and "2026年9月29日" in page
    assert "提交评价" not in page and "办理结束（办结、不予受理或不予许可）后" in page
    refused = apps.take_step(accept(hall), Step.DENY, actor=hall["clerk"],
                             reason="年龄未满八十周岁，不符合《办法》第五条")
    page = text(ask(client, refused.receipt_no, "5678"))
    assert "不予许可，理由和依据见下方" in page and "年龄未满八十周岁" in page
    assert "提交评价" in page


def test_a_good_rating_is_thanked_and_shown_once(client, completed):
    response = ask(client, completed.receipt_no, "5678", path=RATE, grade="4", comment="很快")
    assert response.status_code == 200 and "的评价“<strong>满意</strong>”已记录" in (
        response.content.decode())
    rating = Rating.objects.get()
    assert (rating.grade, rating.comment, rating.rectification) == (4, "很快", None)
    page = text(ask(client, completed.receipt_no, "5678"))
    assert "您的评价：<strong>满意</strong>" in page and "提交评价" not in page
    again = ask(client, completed.receipt_no, "5678", path=RATE, grade="1", comment="差")
    assert again.status_code == 409 and "每件只能评价一次" in text(again)
    assert Rating.objects.get().grade == 4


def test_a_bad_rating_needs_a_comment_and_opens_a_rectification(client, completed):
    response = ask(client, completed.receipt_no, "5678", path=RATE, grade="2", comment=" ")
    assert response.status_code == 400
    assert response.context["rating_form"].errors["comment"] == [
        "请简要说明不满意的原因，我们将据此整改。"]
    assert not Rating.objects.exists() and not Item.objects.exists()

    response = ask(client, completed.receipt_no, "5678", path=RATE, grade="1",
                   comment="让我跑了三趟")
    assert response.status_code == 200 and "登记整改事项" in text(response)
    item = Rating.objects.get().rectification
    assert item.lead_unit.name == "东城街道" and "让我跑了三趟" in item.goal
    for secret in ("王秀英", PHONE, ID_NUMBER):
        assert secret not in item.goal and secret not in item.title


@pytest.mark.parametrize("grade", ["", "6", "0", "很好"])
def test_a_grade_outside_the_five_levels_is_said_next_to_it(client, completed, grade):
    response = ask(client, completed.receipt_no, "5678", path=RATE, grade=grade)
    assert response.status_code == 400 and "grade" in response.context["rating_form"].errors
    assert not Rating.objects.exists()


def test_a_rating_proves_the_pair_again_and_counts_as_a_try(client, limits, hall, completed):
    limits.TAIZHANG_LOOKUP_LIMIT_PER_RECEIPT = 2
    wrong = ask(client, completed.receipt_no, "0000", path=RATE, grade="5")
    assert wrong.status_code == 404 and "没有查到相符的办件" in text(wrong)
    open_one = accept(hall)
    early = ask(client, open_one.receipt_no, "5678", path=RATE, grade="5")
    assert early.status_code == 409 and "办理结束后才能评价" in text(early)
    ask(client, completed.receipt_no, "0000")
    limited = ask(client, completed.receipt_no, "5678", path=RATE, grade="5")
    assert limited.status_code == 429 and not Rating.objects.exists()
    assert client.get(RATE).status_code == 405


def test_csrf_is_required(completed):
    browser = Client(enforce_csrf_checks=True)
    assert ask(browser, completed.receipt_no, "5678").status_code == 403
    browser.get(LOOKUP)
    token = browser.cookies["csrftoken"].value
    response = ask(browser, completed.receipt_no, "5678", csrfmiddlewaretoken=token)
    assert response.status_code == 200 and completed.status == Status.COMPLETED
