"""The hall's figures recounted by hand from the demo year: every figure, grouped by centre and
month, equals a count in Python over the same applications, and its records are those rows."""

from collections import Counter
from datetime import date

import pytest
import time_machine
from django.db import transaction

from taizhang.hall.constants import BAD_GRADES, GOOD_GRADES, Status
from taizhang.hall.demo.load import load_hall_demo
from taizhang.hall.figures import Period, figures_for, records
from taizhang.hall.figures.definitions import OPEN_STATUSES
from taizhang.hall.models import Application
from taizhang.org.demo.load import load_demo

TODAY = date(2026, 12, 5)
YEAR = Period(date(2025, 12, 1), date(2026, 11, 30))


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """A smaller demo year, loaded once for the module and rolled back after."""
    with (django_db_blocker.unblock(), transaction.atomic(),
          time_machine.travel(f"{TODAY} 09:00 +0800", tick=False)):
        load_demo()
        load_hall_demo(applications=1500)
        yield
        transaction.set_rollback(True)


def by_hand(rows, period, today):
    """Every counted figure of ``period`` over ``rows``, counted in Python."""
    count = Counter()
    for a in rows:
        if a.accepted_on is None:
            in_period = (a.status == Status.NOT_ACCEPTED
                         and period.start <= a.completed_on <= period.last)
            count["not_accepted"] += in_period
            continue
        if not period.start <= a.accepted_on <= period.last:
            continue
        count["accepted"] += 1
        done = a.status == Status.COMPLETED
        count["completed"] += done
        count["denied"] += a.status == Status.DENIED
        count["withdrawn"] += a.status == Status.WITHDRAWN
        count["in_progress"] += a.status in OPEN_STATUSES
        count["overdue_open"] += a.status in OPEN_STATUSES and a.deadline < today
        count["overdue_completed"] += done and a.completed_on > a.deadline
        count["on_time"] += done and a.completed_on <= a.deadline
        count["days_counted"] += done and a.days_taken is not None
        count["days_total"] += (a.days_taken or 0) if done else 0
        rating = getattr(a, "rating", None)
        count["rated"] += rating is not None
        count["satisfied"] += rating is not None and rating.grade in GOOD_GRADES
        count["bad_ratings"] += rating is not None and rating.grade in BAD_GRADES
    return count


def applications():
    return list(Application.objects.select_related("rating"))


@pytest.mark.django_db
@time_machine.travel(f"{TODAY} 09:00 +0800", tick=False)
def test_the_years_total_is_the_count_by_hand(demo):
    table = figures_for(Application.objects.all(), YEAR)
    expected = by_hand(applications(), YEAR, TODAY)
    assert table.total.accepted > 1000
    for name, value in expected.items():
        assert getattr(table.total, name) == value, name
    assert float(table.total.completion_rate) == pytest.approx(
        expected["completed"] / expected["accepted"], abs=1e-6)


@pytest.mark.django_db
@time_machine.travel(f"{TODAY} 09:00 +0800", tick=False)
def test_each_centre_and_month_is_its_count_and_the_rows_add_up(demo):
    table = figures_for(Application.objects.all(), YEAR, by=("centre",), bucket="month")
    everything = applications()
    assert len({row.bucket for row in table.rows}) == 12
    for row in table.rows:
        mine = [a for a in everything if a.centre_id == row.group["centre"]]
        expected = by_hand(mine, row.period, TODAY)
        assert {n: getattr(row.figures, n) for n in expected} == dict(expected), row.label
    assert table.total == figures_for(Application.objects.all(), YEAR).total


@pytest.mark.django_db
@time_machine.travel(f"{TODAY} 09:00 +0800", tick=False)
@pytest.mark.parametrize("figure", ["accepted", "completed", "refused", "withdrawn",
                                    "in_progress", "overdue", "satisfied", "bad_ratings"])
def test_the_records_behind_a_figure_are_exactly_that_many(demo, figure):
    table = figures_for(Application.objects.all(), YEAR, by=("mode",))
    for row in table.rows:
        behind = records(Application.objects.all(), figure, YEAR, row.group)
        assert behind.count() == getattr(row.figures, figure)


@pytest.mark.django_db
def test_an_empty_period_has_no_rates():
    table = figures_for(Application.objects.all(), Period(date(2020, 1, 1), date(2020, 1, 31)))
    assert table.empty and table.total.accepted == 0
    assert table.total.completion_rate is None
    assert table.total.on_time_rate is None
    assert table.total.satisfaction_rate is None
    assert table.total.average_days is None


def test_a_period_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError):
        Period(date(2026, 2, 1), date(2026, 1, 1))


def test_an_unknown_grouping_is_refused():
    with pytest.raises(ValueError):
        figures_for(Application.objects.none(), YEAR, by=("colour",))
