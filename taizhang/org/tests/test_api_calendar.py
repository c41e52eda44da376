import pytest

from taizhang.org import workdays
from taizhang.org.tests.factories import UnitFactory, make_user

pytestmark = pytest.mark.django_db

URL = "/api/v1/calendar/deadline"


@pytest.fixture(autouse=True)
def _fresh_cache():
    workdays.clear_cache()
    yield
    workdays.clear_cache()


@pytest.fixture
def logged_in(client):
    client.force_login(make_user(UnitFactory()))
    return client


def test_deadline_across_national_day(logged_in):
    response = logged_in.get(URL, {"start": "2025-09-30", "working_days": 3})
    assert response.status_code == 200
    assert response.json() == {
        "start": "2025-09-30",
        "working_days": 3,
        "deadline": "2025-10-11",
        "calendar_known": True,
        "fallback_years": [],
        "warning": None,
    }


def test_on_the_spot(logged_in):
    body = logged_in.get(URL, {"start": "2026-02-16", "working_days": 0}).json()
    assert (body["deadline"], body["calendar_known"]) == ("2026-02-16", True)


def test_unknown_year_warns(logged_in):
    body = logged_in.get(URL, {"start": "2026-12-30", "working_days": 3}).json()
    assert body["deadline"] == "2027-01-04"
    assert body["calendar_known"] is False
    assert body["fallback_years"] == [2027]
    assert body["warning"] == (
        "2027年的节假日安排尚未录入，按周一至周五推算，请以国务院公布的安排为准。")


@pytest.mark.parametrize(("params", "field"), [
    ({"start": "2026-03-02", "working_days": -1}, "working_days"),
    ({"start": "2026-03-02", "working_days": 3651}, "working_days"),
    ({"start": "2026-02-30", "working_days": 5}, "start"),
    ({"working_days": 5}, "start"),
    ({"start": "9999-12-20", "working_days": 30}, "start"),
])
def test_bad_input_names_the_field(logged_in, params, field):
    response = logged_in.get(URL, params)
    assert response.status_code == 422
    body = response.json()
    assert [e["field"] for e in body["errors"]] == [field]
    assert field in body["message"]


def test_needs_authentication(client):
    response = client.get(URL, {"start": "2025-09-30", "working_days": 3})
    assert response.status_code == 401
    assert "message" in response.json()


def test_is_documented(logged_in):
    schema = logged_in.get("/api/v1/openapi.json").json()
    operation = schema["paths"][URL]["get"]
    assert operation["summary"] == "计算办理期限"
    assert {p["name"] for p in operation["parameters"]} == {"start", "working_days"}
