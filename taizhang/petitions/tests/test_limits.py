"""The time limits: defaults from the regulation, configurable, in calendar or working days."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from taizhang.org.models import CalendarYear
from taizhang.petitions import limits, rules
from taizhang.petitions.constants import LIMIT_DEFAULTS, Counting, LimitKind
from taizhang.petitions.models import TimeLimit
from taizhang.petitions.tests.factories import configure, register

pytestmark = pytest.mark.django_db

HOLIDAY_EVE = date(2026, 9, 30)  # the day before the National Day holiday (Oct 1-7)


def test_the_seeded_limits_are_the_regulations():
    seeded = {row.kind: (row.days, row.counting, row.legal_days)
              for row in TimeLimit.objects.all()}
    assert seeded == {kind: (d.days, d.counting, d.legal_days)
                      for kind, d in LIMIT_DEFAULTS.items()}
    assert seeded[LimitKind.HANDLING] == (60, Counting.CALENDAR, 60)
    assert seeded[LimitKind.EXTENSION] == (30, Counting.CALENDAR, 30)
    assert "第三十二条" in TimeLimit.objects.get(kind=LimitKind.HANDLING).basis


def test_a_missing_row_falls_back_to_the_default():
    TimeLimit.objects.filter(kind=LimitKind.ACCEPT).delete()
    assert limits.limit(LimitKind.ACCEPT).days == 15


def test_calendar_days_run_through_the_holiday():
    assert limits.due(HOLIDAY_EVE, LimitKind.ACCEPT).date == date(2026, 10, 15)


def test_working_days_skip_the_holiday_and_count_the_make_up_saturday():
    configure(LimitKind.ACCEPT, counting=Counting.WORKING)
    # Oct 8, 9, 10 (调休上班), 12-16, 19-23, 26, 27: the 15th working day is Oct 27.
    deadline = limits.due(HOLIDAY_EVE, LimitKind.ACCEPT)
    assert (deadline.date, deadline.calendar_known) == (date(2026, 10, 27), True)


def test_a_registration_on_working_days_carries_the_holiday(world):
    configure(LimitKind.ACCEPT, counting=Counting.WORKING)
    configure(LimitKind.ASSIGN, counting=Counting.WORKING, days=10)
    petition = register(world, received_on=date(2026, 9, 1))
    # Sep 2-4, 7-11, 14-18, Sunday Sep 20 (调休上班 for Mid-Autumn) and Monday Sep 21 are the
    # 15 working days; the 10th is Sep 15.
    assert (petition.accept_due, petition.assign_due) == (date(2026, 9, 21), date(2026, 9, 15))


def test_a_working_day_limit_into_an_unpublished_year_is_flagged(world):
    configure(LimitKind.HANDLING, counting=Counting.WORKING)
    petition = register(world)
    petition = rules.accept_petition(petition, actor=world.officer, today=date(2026, 12, 1))
    petition = rules.assign_petition(petition, actor=world.officer, unit=world.renshe,
                                     today=date(2026, 12, 1))
    assert petition.due_on.year == 2027 and not petition.due_known
    CalendarYear.objects.create(year=2027, source="国务院办公厅关于2027年部分节假日安排的通知")
    assert limits.known(date(2026, 12, 1), petition.due_on, LimitKind.HANDLING)


def test_calendar_limits_are_always_known():
    assert limits.known(date(2026, 12, 1), date(2027, 3, 1), LimitKind.HANDLING)
    assert limits.known(date(2026, 12, 1), None, None)


def test_days_left_counts_as_the_limit_counts():
    assert limits.days_left(date(2026, 9, 28), date(2026, 10, 9), LimitKind.ACCEPT) == 11
    assert limits.days_left(date(2026, 10, 9), date(2026, 9, 28), LimitKind.ACCEPT) == -11
    configure(LimitKind.ACCEPT, counting=Counting.WORKING)
    assert limits.days_left(date(2026, 9, 28), date(2026, 10, 9), LimitKind.ACCEPT) == 4
    assert limits.days_left(date(2026, 10, 9), date(2026, 9, 28), LimitKind.ACCEPT) == -4


def test_a_statutory_limit_may_be_shortened_never_lengthened():
    with pytest.raises(ValidationError) as refused:
        configure(LimitKind.HANDLING, days=61)
    assert "法定期限 60 日" in str(refused.value)
    assert configure(LimitKind.HANDLING, days=45).days == 45
    assert limits.limit(LimitKind.HANDLING).days == 45
    # The district's own limits have no ceiling.
    assert configure(LimitKind.REPEAT_WINDOW, days=365).days == 365


def test_the_repeat_window_is_counted_in_calendar_days():
    with pytest.raises(ValidationError, match="自然日"):
        configure(LimitKind.REPEAT_WINDOW, counting=Counting.WORKING)
    assert limits.repeat_window_start(date(2026, 9, 1)) == date(2026, 3, 5)


def test_an_edit_is_seen_at_once_by_this_process():
    assert limits.limit(LimitKind.WARNING).days == 3
    configure(LimitKind.WARNING, days=5)
    assert limits.limit(LimitKind.WARNING).days == 5
    assert limits.warning_date(date(2026, 9, 1)) == date(2026, 9, 8)
