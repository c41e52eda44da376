"""Every figure of a report equals a recount from the raw records: the records its trace
lists, and a count by hand in Python over the same rows; every deduction names a record that
is what the deduction says."""

from collections import Counter
from datetime import date

import pytest
import time_machine
from django.utils import timezone

from taizhang.hall.models import Application
from taizhang.ledger.constants import ItemStatus
from taizhang.ledger.models import Item
from taizhang.petitions.models import Petition
from taizhang.reports.constants import ReportKind, ReportScope
from taizhang.reports.content import compute
from taizhang.reports.models import Scheme
from taizhang.reports.trace import recount
from taizhang.reports.units import top_units

from .conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(f"{TODAY} 09:00 +0800", tick=False):
        yield


def month(m):
    start = date(2026, m, 1)
    end = (date(2026, m + 1, 1) if m < 12 else date(2027, 1, 1)).toordinal() - 1
    return start, date.fromordinal(end)


def ledger_by_hand(start, end):
    """Per ranked unit and in total: each ledger figure counted over Item objects."""
    top = top_units()
    per_unit, total = {}, Counter()
    for item in Item.objects.all():
        created = timezone.localtime(item.created_at).date()
        if created > end:
            continue
        closed = item.status == ItemStatus.CLOSED and item.closed_on <= end
        counts = Counter(
            opened=created >= start,
            closed=item.status == ItemStatus.CLOSED and start <= item.closed_on <= end,
            open=not closed,
            overdue=not closed and item.deadline is not None and item.deadline < end)
        counts["closed_late"] = counts["closed"] and item.closed_on > item.deadline
        total.update(counts)
        owner = top.get(item.lead_unit_id)
        if owner:
            per_unit.setdefault(owner, Counter()).update(counts)
    return per_unit, total


@pytest.mark.parametrize("m", [3, 7, 10, 11])
def test_every_traced_figure_is_its_records_count(district, m):
    start, end = month(m)
    content = compute(ReportKind.MONTHLY, ReportScope.ALL, start, end, today=TODAY,
                      scheme=Scheme.objects.first())
    assert len(content["figures"]) > 20
    for key, figure in content["figures"].items():
        assert recount(figure["trace"]) == figure["value"], key


@pytest.mark.parametrize("m", [3, 7, 10, 11])
def test_ledger_figures_equal_a_count_by_hand(district, m):
    start, end = month(m)
    content = compute(ReportKind.MONTHLY, ReportScope.LEDGER, start, end, today=TODAY,
                      scheme=Scheme.objects.first())
    per_unit, total = ledger_by_hand(start, end)
    figures = {(f["trace"]["figure"], f["trace"]["unit"]): f["value"]
               for f in content["figures"].values()}
    for name in ("opened", "closed", "closed_late", "open", "overdue"):
        assert figures.get((name, None), 0) == total[name], name
        for unit, counts in per_unit.items():
            assert figures.get((name, unit), 0) == counts[name], (name, unit)


def test_hall_and_petition_figures_equal_a_count_by_hand(district):
    start, end = month(10)
    content = compute(ReportKind.MONTHLY, ReportScope.ALL, start, end, today=TODAY,
                      scheme=Scheme.objects.first())
    figures = {(f["trace"]["source"], f["trace"]["figure"], f["trace"]["unit"]): f["value"]
               for f in content["figures"].values()}
    top = top_units()
    accepted, petitions = Counter(), Counter()
    for a in Application.objects.filter(accepted_on__range=(start, end)):
        accepted[top.get(a.department_id)] += 1
        accepted["total"] += 1
    for p in Petition.objects.filter(received_on__range=(start, end)):
        petitions[top.get(p.handling_unit_id)] += 1
        petitions["total"] += 1
    assert accepted["total"] > 50 and petitions["total"] > 0
    assert figures[("hall", "accepted", None)] == accepted["total"]
    assert figures[("petitions", "petitions", None)] == petitions["total"]
    for unit in {u for u in accepted if u not in (None, "total")}:
        assert figures[("hall", "accepted", unit)] == accepted[unit]
    for unit in {u for u in petitions if u not in (None, "total")}:
        assert figures[("petitions", "petitions", unit)] == petitions[unit]


def test_each_deduction_names_a_record_that_earns_it(district):
    start, end = month(10)
    content = compute(ReportKind.MONTHLY, ReportScope.ALL, start, end, today=TODAY,
                      scheme=Scheme.objects.first())
    top = top_units()
    expected = {(top[i.lead_unit_id], i.pk) for i in Item.objects.exclude(lead_unit=None)
                if i.lead_unit_id in top and timezone.localtime(i.created_at).date() <= end
                and not (i.status == ItemStatus.CLOSED and i.closed_on <= end)
                and i.deadline and i.deadline < end}
    named = set()
    sheets = content["assessment"]["townships"] + content["assessment"]["departments"]
    for sheet in sheets:
        for deduction in sheet["deductions"]:
            if deduction["kind"] == "overdue":
                assert deduction["record"]["source"] == "ledger"
                named.add((sheet["unit"], deduction["record"]["id"]))
    assert expected and named == expected
