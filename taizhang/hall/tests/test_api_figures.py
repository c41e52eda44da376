"""The figures through the API: the dashboard's numbers as JSON, the records behind a count,
the visibility rule, and plain 422s for a period that cannot be."""

import pytest
import time_machine

from taizhang.hall.tests.season import TODAY, a_season
from taizhang.ledger.tests.apiclient import Api, ok

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(f"{TODAY} 10:00 +0800", tick=False):
        yield


@pytest.fixture
def season(hall):
    return a_season(hall)


@pytest.fixture
def api(client, hall):
    return Api(client, hall["clerk"])


def test_the_figures_by_centre_and_month(api, hall, season):
    body = ok(api.get("/hall/figures", period="this_year", by="centre", bucket="month"))
    assert body["period"] == {"start": "2026-01-01", "end": "2026-12-31", "as_of": None,
                              "label": "2026年"}
    assert (body["by"], body["bucket"]) == (["centre"], "month")
    total = body["total"]
    assert (total["accepted"], total["completed"], total["refused"], total["withdrawn"],
            total["in_progress"], total["overdue"]) == (5, 2, 1, 1, 1, 1)
    assert (total["completion_rate"], total["satisfaction_rate"], total["average_days"]) == (
        "0.400000", "1.000000", "1.50")
    september, october = body["rows"]
    assert september["group"] == {"centre": {"key": hall["centre"].pk,
                                             "label": "东城街道便民服务中心"}}
    assert (september["bucket"], september["bucket_label"]) == ("2026-09-01", "2026年9月")
    assert september["period"]["start"] == "2026-09-01"
    assert september["period"]["end"] == "2026-09-30"
    assert (september["figures"]["accepted"], october["figures"]["accepted"]) == (3, 2)


def test_several_groupings_and_no_bucket(api, season):
    body = ok(api.get("/hall/figures", start="2026-09-01", end="2026-10-31",
                      by=["mode", "channel"]))
    rows = {(r["group"]["mode"]["label"], r["group"]["channel"]["label"]): r["figures"]
            for r in body["rows"]}
    assert set(rows) == {("即办", "窗口受理"), ("代办", "窗口受理")}
    assert rows[("即办", "窗口受理")]["completed"] == 1
    assert all(r["bucket"] is None for r in body["rows"])


def test_records_are_as_many_as_the_figure(api, season):
    body = ok(api.get("/hall/figures", period="this_year", by="mode"))
    for row in body["rows"]:
        mode = row["group"]["mode"]["key"]
        for figure in ("accepted", "completed", "refused", "overdue", "satisfied"):
            listed = ok(api.get("/hall/figures/records", figure=figure, mode=mode,
                                start=row["period"]["start"], end=row["period"]["end"]))
            assert listed["count"] == row["figures"][figure], (mode, figure)
    late = ok(api.get("/hall/figures/records", figure="overdue", period="this_year"))
    assert [a["receipt_no"] for a in late["items"]] == [season["late"].receipt_no]
    assert late["items"][0]["overdue"] is True
    assert "id_number" not in late["items"][0]


def test_as_of_a_past_day(api, season):
    body = ok(api.get("/hall/figures", period="this_year", as_of="2026-09-22"))
    assert body["period"]["as_of"] == "2026-09-22"
    assert (body["total"]["accepted"], body["total"]["completed"]) == (3, 1)


def test_only_what_the_caller_may_see(client, tree, season):
    west = Api(client, tree.west_clerk)
    assert ok(west.get("/hall/figures", period="this_year"))["total"]["accepted"] == 0
    assert ok(west.get("/hall/figures/records", figure="accepted",
                       period="this_year"))["count"] == 0
    supervisor = Api(client, tree.supervisor)
    assert ok(supervisor.get("/hall/figures", period="this_year"))["total"]["accepted"] == 5


@pytest.mark.parametrize(("params", "field"), [
    ({}, "period"),
    ({"start": "2026-10-01", "end": "2026-09-01"}, "end"),
    ({"period": "this_year", "as_of": "2027-01-01"}, "as_of"),
    ({"period": "this_year", "as_of": "2025-12-31"}, "as_of"),
    ({"period": "this_year", "by": "colour"}, "by.0"),
])
def test_a_period_that_cannot_be_is_a_422_naming_the_parameter(api, params, field):
    answer = api.get("/hall/figures", **params)
    assert answer.status_code == 422
    assert [e["field"] for e in answer.json()["errors"]] == [field]


def test_rates_have_no_records(api):
    answer = api.get("/hall/figures/records", figure="completion_rate", period="this_year")
    assert answer.status_code == 422


def test_signing_in_is_needed(client):
    assert client.get("/api/v1/hall/figures", {"period": "this_year"}).status_code == 401
