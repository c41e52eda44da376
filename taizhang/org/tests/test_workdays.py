"""Working days, checked by hand against the State Council notices on the 2025 and 2026 holidays
(国务院办公厅关于2025年/2026年部分节假日安排的通知)."""

import time
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from taizhang.org import workdays
from taizhang.org.constants import CalendarDayKind
from taizhang.org.models import CalendarDay, CalendarYear
from taizhang.org.workdays import (
    Count,
    DayInfo,
    Deadline,
    add_working_days,
    day_info,
    is_working_day,
    working_days_between,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rolled-back test data never fires a signal, so the cache must not outlive a test.
    workdays.clear_cache()
    yield
    workdays.clear_cache()


def enter_schedule(year, *days):
    calendar_year = CalendarYear.objects.create(year=year, source=f"测试用{year}年安排")
    for day, kind, name in days:
        CalendarDay.objects.create(year=calendar_year, date=day, kind=kind, name=name)
    return calendar_year


OFFICIAL_DAYS = [
    # 2025 春节 Jan 28 – Feb 4, make-up Sun Jan 26 and Sat Feb 8.
    ("2025-01-26", True), ("2025-01-27", True), ("2025-01-28", False), ("2025-02-04", False),
    ("2025-02-05", True), ("2025-02-08", True), ("2025-02-09", False),
    # 2025 劳动节 May 1–5, make-up Sun Apr 27.
    ("2025-04-27", True), ("2025-05-01", False), ("2025-05-05", False), ("2025-05-06", True),
    # 2025 国庆中秋 Oct 1–8, make-up Sun Sep 28 and Sat Oct 11.
    ("2025-09-27", False), ("2025-09-28", True), ("2025-10-06", False), ("2025-10-08", False),
    ("2025-10-09", True), ("2025-10-11", True), ("2025-10-12", False),
    # 2026 元旦 Jan 1–3, make-up Sun Jan 4.
    ("2026-01-02", False), ("2026-01-04", True),
    # 2026 春节 Feb 15–23, make-up Sat Feb 14 and Sat Feb 28.
    ("2026-02-14", True), ("2026-02-16", False), ("2026-02-23", False), ("2026-02-24", True),
    ("2026-02-28", True),
    # 2026 劳动节 May 1–5, make-up Sat May 9.
    ("2026-05-05", False), ("2026-05-09", True),
    # 2026 中秋 Sep 25–27; 国庆 Oct 1–7, make-up Sun Sep 20 and Sat Oct 10.
    ("2026-09-20", True), ("2026-09-25", False), ("2026-10-07", False), ("2026-10-08", True),
    ("2026-10-10", True), ("2026-10-11", False),
]


@pytest.mark.parametrize(("day", "working"), OFFICIAL_DAYS)
def test_official_schedule(day, working):
    info = day_info(date.fromisoformat(day))
    assert (info.working, info.known, info.source) == (working, True, "package")


def test_holiday_names_are_chinese():
    assert day_info(date(2025, 10, 1)).name == "国庆节"
    assert day_info(date(2025, 10, 6)).name == "中秋"
    assert day_info(date(2026, 2, 14)).name == "春节"  # the make-up day belongs to 春节
    assert day_info(date(2025, 10, 15)).name is None


def test_deadline_across_national_day_2025():
    start = date(2025, 9, 30)
    assert add_working_days(start, 1) == Deadline(date(2025, 10, 9), True, ())
    assert add_working_days(start, 3).date == date(2025, 10, 11)  # make-up Saturday
    assert add_working_days(start, 4).date == date(2025, 10, 13)
    # Friday + 1 lands on the make-up Sunday, not on Monday.
    assert add_working_days(date(2025, 9, 26), 1).date == date(2025, 9, 28)


def test_make_up_saturday_counts():
    assert is_working_day(date(2025, 2, 8))
    assert add_working_days(date(2025, 2, 7), 1).date == date(2025, 2, 8)


def test_zero_days_is_on_the_spot():
    assert add_working_days(date(2025, 10, 1), 0) == Deadline(date(2025, 10, 1), True, ())
    assert add_working_days(date(2027, 3, 6), 0) == Deadline(date(2027, 3, 6), True, ())


def test_negative_days_are_refused():
    with pytest.raises(ValueError, match="不能为负数"):
        add_working_days(date(2025, 1, 1), -1)


def test_counting_past_the_last_date_is_refused():
    with pytest.raises(ValueError, match="超出可计算的日期范围"):
        add_working_days(date(9999, 12, 30), 5)


def test_working_days_between():
    start = date(2025, 9, 30)
    assert working_days_between(start, date(2025, 10, 8)) == Count(0, True, ())
    # Oct 9, 10, 11 (make-up Saturday), then three full weeks.
    assert working_days_between(start, date(2025, 10, 31)) == Count(18, True, ())
    assert working_days_between(start, start).days == 0
    assert working_days_between(start, date(2025, 9, 1)).days == 0


def test_unknown_year_falls_back_to_weekdays():
    assert day_info(date(2027, 1, 1)) == DayInfo(True, False, "weekday-fallback")  # 元旦 unknown
    assert day_info(date(2027, 1, 2)) == DayInfo(False, False, "weekday-fallback")
    deadline = add_working_days(date(2026, 12, 30), 3)
    # Dec 31 (2026, known), then Fri Jan 1 and Mon Jan 4 by weekday only.
    assert deadline == Deadline(date(2027, 1, 4), False, (2027,))
    count = working_days_between(date(2026, 12, 30), date(2027, 1, 4))
    assert count == Count(3, False, (2027,))


def test_entered_schedule_wins_for_an_unknown_year():
    day_info(date(2027, 1, 1))  # caches the weekday fallback for 2027
    enter_schedule(
        2027,
        (date(2027, 1, 1), CalendarDayKind.HOLIDAY, "元旦"),
        (date(2027, 1, 3), CalendarDayKind.WORKDAY, "元旦"),
    )
    assert day_info(date(2027, 1, 1)) == DayInfo(False, True, "schedule", "元旦")
    assert day_info(date(2027, 1, 3)).working
    assert day_info(date(2027, 1, 5)) == DayInfo(True, True, "schedule", None)
    # Dec 31, the make-up Sunday Jan 3, Mon Jan 4.
    assert add_working_days(date(2026, 12, 30), 3) == Deadline(date(2027, 1, 4), True, ())


def test_entered_schedule_overrides_the_package_for_the_whole_year():
    enter_schedule(2026, (date(2026, 10, 9), CalendarDayKind.HOLIDAY, "测试"))
    assert not is_working_day(date(2026, 10, 9))
    # 国庆 is not listed in this table, so Oct 1 (a Thursday) is an ordinary working day.
    assert day_info(date(2026, 10, 1)) == DayInfo(True, True, "schedule", None)
    assert day_info(date(2025, 10, 1)).source == "package"


def test_edits_and_deletion_take_effect_at_once():
    calendar_year = enter_schedule(2027)
    assert day_info(date(2027, 1, 1)).source == "schedule"
    day = CalendarDay.objects.create(
        year=calendar_year, date=date(2027, 1, 1), kind=CalendarDayKind.HOLIDAY, name="元旦")
    assert not is_working_day(date(2027, 1, 1))
    day.delete()
    assert is_working_day(date(2027, 1, 1))
    calendar_year.delete()
    assert day_info(date(2027, 1, 1)).source == "weekday-fallback"


def test_other_workers_see_edits_after_the_ttl(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(workdays, "_clock", lambda: now[0])
    assert day_info(date(2027, 1, 1)).source == "weekday-fallback"
    # bulk_create sends no signal: this process learns of it the way another worker would.
    CalendarYear.objects.bulk_create([CalendarYear(year=2027)])
    now[0] += workdays.CACHE_TTL - 1
    assert day_info(date(2027, 1, 1)).source == "weekday-fallback"
    now[0] += 2
    assert day_info(date(2027, 1, 1)).source == "schedule"


def test_a_year_of_deadlines_needs_one_query_per_year(django_assert_num_queries):
    with django_assert_num_queries(2):  # 2025 and 2026: no table entered
        deadline = add_working_days(date(2025, 3, 3), 250)
    assert deadline.calendar_known
    assert working_days_between(date(2025, 3, 3), deadline.date).days == 250


def test_entered_year_costs_two_queries(django_assert_num_queries):
    enter_schedule(2027, (date(2027, 1, 1), CalendarDayKind.HOLIDAY, "元旦"))
    with django_assert_num_queries(2):
        add_working_days(date(2027, 1, 1), 250)


# Package years, the first fallback years, and the boundary between them.
days = st.dates(min_value=date(2004, 1, 1), max_value=date(2028, 12, 31))
counts = st.integers(min_value=0, max_value=60)
few_examples = settings(deadline=None, max_examples=60)


@few_examples
@given(days, counts)
def test_adding_one_more_day_moves_later(start, n):
    assert add_working_days(start, n + 1).date > add_working_days(start, n).date


@few_examples
@given(days, st.integers(min_value=1, max_value=60))
def test_deadline_is_a_working_day(start, n):
    assert is_working_day(add_working_days(start, n).date)


@few_examples
@given(days, counts)
def test_between_undoes_add(start, n):
    deadline = add_working_days(start, n)
    count = working_days_between(start, deadline.date)
    assert count.days == n
    assert (count.calendar_known, count.fallback_years) == (
        deadline.calendar_known, deadline.fallback_years)


@few_examples
@given(days, counts, counts)
def test_adding_in_two_steps_is_adding_once(start, a, b):
    halfway = add_working_days(start, a).date
    assert add_working_days(halfway, b).date == add_working_days(start, a + b).date


@few_examples
@given(days, days)
def test_between_never_overshoots(start, end):
    count = working_days_between(start, end)
    assert count.days >= 0
    if end > start:
        assert add_working_days(start, count.days).date <= end


def test_long_counts_stay_fast():
    started = time.perf_counter()
    add_working_days(date(2020, 1, 1), 3650)
    assert time.perf_counter() - started < 2.0


def admin_year_form(year, *rows):
    data = {"year": year, "source": "", "published_on": "",
            "days-TOTAL_FORMS": len(rows), "days-INITIAL_FORMS": 0}
    for i, (day, kind, name) in enumerate(rows):
        data.update({f"days-{i}-date": day, f"days-{i}-kind": kind, f"days-{i}-name": name})
    return data


def test_admin_enters_a_year(admin_client):
    response = admin_client.post("/admin/org/calendaryear/add/", admin_year_form(
        2027, ("2027-01-01", CalendarDayKind.HOLIDAY, "元旦")))
    assert response.status_code == 302
    assert not is_working_day(date(2027, 1, 1))
    listing = admin_client.get("/admin/org/calendaryear/")
    assert "已录入日期数" in listing.text


def test_admin_refuses_a_day_outside_the_year(admin_client):
    response = admin_client.post("/admin/org/calendaryear/add/", admin_year_form(
        2027, ("2026-12-31", CalendarDayKind.HOLIDAY, "")))
    assert response.status_code == 200
    assert "日期 2026-12-31 不在 2027 年内。" in response.text
    assert not CalendarYear.objects.exists()


def test_a_moment_is_not_a_day():
    with pytest.raises(TypeError, match="localdate"):
        is_working_day(datetime(2025, 10, 1, 12, 0))
