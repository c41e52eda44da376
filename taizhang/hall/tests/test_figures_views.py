"""The centre dashboard (办件统计) and the records behind its counts, as staff use them."""

import pytest
import time_machine
from django.urls import reverse

from taizhang.hall.tests.season import TODAY, a_season
from taizhang.org.constants import Role
from taizhang.org.tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(f"{TODAY} 10:00 +0800", tick=False):
        yield


@pytest.fixture
def season(hall):
    return a_season(hall)


def cells(row):
    return {cell["name"]: cell["text"] for cell in row["cells"]}


def test_the_default_is_this_year_by_centre_and_month(client, hall, season):
    client.force_login(hall["clerk"])
    page = client.get(reverse("hall:figures"))
    assert page.status_code == 200
    assert page.context["table"].period.label == "2026年"
    headline = {figure["name"]: figure["text"] for figure in page.context["headline"]}
    assert headline == {"accepted": "5", "completed": "2", "completion_rate": "40.00%",
                        "on_time_rate": "100.00%", "in_progress": "1", "overdue": "1",
                        "average_days": "1.50", "satisfaction_rate": "100.00%"}
    [centre] = page.context["groups"]
    assert centre["label"] == "东城街道便民服务中心"
    assert cells(centre)["refused"] == "1" and cells(centre)["withdrawn"] == "1"
    assert [row["label"] for row in page.context["buckets"]] == ["2026年9月", "2026年10月"]
    assert [cells(row)["accepted"] for row in page.context["buckets"]] == ["3", "2"]
    content = page.content.decode()
    # The charts' numbers are data on the page, drawn by a script file: no inline script.
    assert 'id="trend-data" type="application/json"' in content
    assert '"accepted": [3, 2]' in content and '"completion_rate": [66.67, 0.0]' in content
    assert "vendor/echarts/echarts.min.js" in content and "hall/figures.js" in content


def test_a_count_opens_exactly_the_applications_it_counts(client, hall, season):
    client.force_login(hall["clerk"])
    page = client.get(reverse("hall:figures"))
    october = page.context["buckets"][1]
    url = next(c["url"] for c in october["cells"] if c["name"] == "refused")
    listed = client.get(url)
    assert listed.status_code == 200
    assert [a.receipt_no for a in listed.context["page"].object_list] == [
        season["denied"].receipt_no]
    assert listed.context["figure"] == "不予受理和不予许可"
    overdue = next(c["url"] for c in page.context["total"]["cells"] if c["name"] == "overdue")
    assert [a.pk for a in client.get(overdue).context["page"].object_list] == [
        season["late"].pk]


def test_rates_have_no_records_and_zero_counts_no_link(client, hall, season):
    client.force_login(hall["clerk"])
    september = client.get(reverse("hall:figures")).context["buckets"][0]
    links = {c["name"]: c["url"] for c in september["cells"]}
    assert links["completion_rate"] is None and links["withdrawn"] is None
    assert links["accepted"] is not None


def test_grouped_by_mode_for_a_custom_period_as_of_a_past_day(client, hall, season):
    client.force_login(hall["clerk"])
    page = client.get(reverse("hall:figures"), {
        "period": "custom", "start": "2026-09-01", "end": "2026-09-30", "as_of": "2026-09-22",
        "by": "mode", "bucket": ""})
    assert page.status_code == 200 and page.context["buckets"] == []
    rows = {row["label"]: cells(row) for row in page.context["groups"]}
    # On 22 September the allowance done on the 24th was still being handled.
    assert rows["代办"]["accepted"] == "2" and rows["代办"]["completed"] == "0"
    assert rows["即办"]["completed"] == "1"


@pytest.mark.parametrize(("query", "field", "message"), [
    ({"period": "custom", "end": "2026-09-30"}, "start", "请填写起始日期。"),
    ({"period": "custom", "start": "2026-10-01", "end": "2026-09-30"}, "end",
     "截止日期不能早于起始日期。"),
    ({"period": "this_year", "as_of": "2026-12-01"}, "as_of", "统计截止日不能晚于今天。"),
    ({"period": "custom", "start": "2020-01-01", "end": "2026-09-30"}, "end", "统计期间最长五年。"),
    ({"period": "someday"}, "period", "选择一个有效的选项"),
])
def test_a_question_that_cannot_be_answered_says_why(client, hall, query, field, message):
    client.force_login(hall["clerk"])
    page = client.get(reverse("hall:figures"), query)
    assert page.status_code == 400
    assert any(message in error for error in page.context["form"].errors[field])
    assert "table" not in page.context


def test_an_empty_period_says_what_to_do(client, hall, season):
    client.force_login(hall["clerk"])
    page = client.get(reverse("hall:figures"), {"period": "last_year"})
    assert page.status_code == 200 and page.context["table"].empty
    assert "请换一个统计期间" in page.content.decode()


def test_figures_count_only_what_the_user_may_see(client, tree, hall, season):
    client.force_login(tree.west_clerk)
    page = client.get(reverse("hall:figures"))
    assert page.context["table"].empty
    url = reverse("hall:figure-records") + "?figure=accepted&start=2026-01-01&end=2026-12-31"
    assert client.get(url).context["page"].paginator.count == 0
    client.force_login(tree.supervisor)
    assert client.get(url).context["page"].paginator.count == 5


@pytest.mark.parametrize("query", [
    "figure=completion_rate&start=2026-01-01&end=2026-12-31",
    "figure=colour&start=2026-01-01&end=2026-12-31",
    "figure=accepted&start=2026-12-31&end=2026-01-01",
    "figure=accepted&start=2026-01-01&end=2026-12-31&centre=east",
    "figure=accepted&start=yesterday&end=2026-12-31",
])
def test_records_of_a_malformed_question_are_refused_plainly(client, hall, query):
    client.force_login(hall["clerk"])
    page = client.get(f"{reverse('hall:figure-records')}?{query}")
    assert page.status_code == 400 and page.context["problem"]


def test_records_group_by_the_key_of_a_row(client, hall, season):
    client.force_login(hall["clerk"])
    url = (f"{reverse('hall:figure-records')}?figure=accepted&start=2026-09-01&end=2026-09-30"
           f"&centre={hall['centre'].pk}&mode=instant")
    page = client.get(url)
    assert [a.pk for a in page.context["page"].object_list] == [season["instant"].pk]
    assert page.context["group"] == [("服务中心", "东城街道便民服务中心"), ("办理方式", "即办")]


def test_the_dashboard_is_in_the_navigation_of_window_staff_and_supervisors(client, tree, hall):
    for user in (hall["clerk"], tree.supervisor):
        client.force_login(user)
        labels = [str(e["label"]) for e in client.get("/").context["nav_entries"]]
        assert "办件统计" in labels
    client.force_login(make_user(tree.east, Role.GRID_WORKER, username="grid"))
    labels = [str(e["label"]) for e in client.get("/").context["nav_entries"]]
    assert "办件统计" not in labels


def test_signing_in_is_needed(client):
    assert client.get(reverse("hall:figures")).status_code == 302
    assert client.get(reverse("hall:figure-records")).status_code == 302
