"""Drafts on schedule: Monday the week before, the 1st the month before, the first working day
of a quarter the quarter before; each once, and never over the office's own report."""

from datetime import date

import pytest
import time_machine

from taizhang.reports.constants import ReportKind, ReportScope
from taizhang.reports.models import Report
from taizhang.reports.periods import due_today, last_complete, previous
from taizhang.reports.tasks import generate_scheduled_reports


@pytest.mark.django_db
@pytest.mark.parametrize(("today", "due"), [
    (date(2026, 11, 30), [ReportKind.WEEKLY]),  # a Monday
    (date(2026, 12, 1), [ReportKind.MONTHLY]),
    (date(2026, 12, 2), []),
    (date(2026, 6, 1), [ReportKind.WEEKLY, ReportKind.MONTHLY]),
    # The National Day holiday of 2026 runs from 1 to 7 October: the review waits for the
    # first working day, Thursday the 8th.
    (date(2026, 10, 1), [ReportKind.MONTHLY]),
    (date(2026, 10, 8), [ReportKind.QUARTERLY]),
    (date(2026, 10, 9), []),
    # New Year's Day to the 3rd are off, and Sunday the 4th is a make-up working day.
    (date(2026, 1, 1), [ReportKind.MONTHLY]),
    (date(2026, 1, 4), [ReportKind.QUARTERLY]),
    (date(2026, 1, 5), [ReportKind.WEEKLY]),
])
def test_what_is_due_on_a_day(today, due):
    assert due_today(today) == due


def test_the_period_before_and_the_one_it_is_compared_with():
    assert last_complete(ReportKind.WEEKLY, date(2026, 12, 7)) == (
        date(2026, 11, 30), date(2026, 12, 6))
    assert last_complete(ReportKind.MONTHLY, date(2026, 3, 1)) == (
        date(2026, 2, 1), date(2026, 2, 28))
    assert last_complete(ReportKind.QUARTERLY, date(2026, 1, 5)) == (
        date(2025, 10, 1), date(2025, 12, 31))
    assert previous(ReportKind.MONTHLY, date(2026, 3, 1)) == (date(2026, 2, 1), date(2026, 2, 28))


@pytest.mark.django_db
def test_the_schedule_makes_each_draft_once_and_leaves_the_offices_alone(tree):
    with time_machine.travel("2026-06-01 06:00 +0800", tick=False):
        made = generate_scheduled_reports.call()
        assert len(made) == 2
        assert generate_scheduled_reports.call() == []
    kinds = set(Report.objects.values_list("kind", "scope", "start"))
    assert kinds == {(ReportKind.WEEKLY, ReportScope.ALL, date(2026, 5, 25)),
                     (ReportKind.MONTHLY, ReportScope.ALL, date(2026, 5, 1))}
    assert all(r.created_by is None for r in Report.objects.all())


def test_the_schedule_is_registered():
    from taizhang.schedules import SCHEDULES

    assert "reports.generate_scheduled_reports" in {s.name for s in SCHEDULES}
