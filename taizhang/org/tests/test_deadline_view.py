import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk_client(tree, client):
    client.force_login(tree.west_clerk)
    return client


def test_empty_form(clerk_client):
    html = clerk_client.get("/org/deadline/").content.decode()
    assert "工作日数" in html and "deadline-result" not in html


def test_deadline_across_national_day(clerk_client):
    # 2025: 10/1–10/8 off, Sat 10/11 is a make-up working day.
    html = clerk_client.get("/org/deadline/", {"start": "2025-09-30", "working_days": 2}).content
    html = html.decode()
    assert "2025年10月10日" in html
    assert "尚未录入" not in html


def test_unknown_year_is_flagged(clerk_client):
    html = clerk_client.get("/org/deadline/", {"start": "2027-03-01", "working_days": 5})
    html = html.content.decode()
    assert "2027年3月8日" in html
    assert "2027年的节假日安排尚未录入" in html


def test_bad_input_is_explained(clerk_client):
    html = clerk_client.get("/org/deadline/", {"start": "2026-02-30", "working_days": -1})
    html = html.content.decode()
    assert "请输入有效日期" in html and "工作日数不能为负数" in html


def test_login_required(client):
    assert client.get("/org/deadline/").status_code == 302


def test_navigation_marks_this_page_only(clerk_client):
    entries = clerk_client.get("/org/deadline/").context["nav_entries"]
    assert [str(e["label"]) for e in entries if e["current"]] == ["工作日计算"]
