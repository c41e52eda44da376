"""Publishing at the same moment, on real server connections: one report published once, and
two reports of a kind never given the same number."""

from datetime import date

import pytest
from django.db import connection

from taizhang.org.constants import Role
from taizhang.org.events import timeline
from taizhang.org.tests.concurrency import race
from taizhang.org.tests.factories import build_small_district, make_user
from taizhang.reports import rules
from taizhang.reports.constants import ReportKind, ReportScope
from taizhang.reports.models import Report
from taizhang.reports.periods import covering

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def office():
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent server connections; SQLite serialises writers itself")
    tree = build_small_district()
    return tree.supervisor, make_user(tree.supervision, Role.SUPERVISION, username="duchashi2")


def monthly(actor, month):
    start, end = covering(ReportKind.MONTHLY, date(2026, month, 1))
    return rules.generate_report(ReportKind.MONTHLY, ReportScope.ALL, start, end, actor=actor,
                                 today=date(2026, 12, 7))


def test_the_same_report_published_twice_at_once(office):
    first, second = office
    report = monthly(first, 11)
    results, errors = race(lambda: rules.publish_report(report, actor=first),
                           lambda: rules.publish_report(report, actor=second),
                           expected=rules.ReportError)
    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], rules.Conflict) and "已由" in errors[0].message
    assert Report.objects.get().number == "示督考〔2026〕1号"
    assert timeline(report).filter(action="published").count() == 1


def test_two_reports_published_at_once_get_two_numbers(office):
    first, second = office
    october, november = monthly(first, 10), monthly(first, 11)
    results, errors = race(lambda: rules.publish_report(october, actor=first),
                           lambda: rules.publish_report(november, actor=second),
                           expected=rules.ReportError)
    assert errors == [] and len(results) == 2
    assert sorted(Report.objects.values_list("number", flat=True)) == [
        "示督考〔2026〕1号", "示督考〔2026〕2号"]
