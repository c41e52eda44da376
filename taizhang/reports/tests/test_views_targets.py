"""Targets (目标) on their pages: the year's list with progress counted from the records, the
office's forms and the records behind a count; the assessment scheme and bonus points."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from taizhang.ledger.constants import ItemStatus
from taizhang.ledger.tests.factories import ItemFactory, LedgerFactory, build_ledger_world
from taizhang.org.constants import Role
from taizhang.org.tests.factories import make_user
from taizhang.reports import rules
from taizhang.reports.constants import ReportKind, ReportScope
from taizhang.reports.document import document
from taizhang.reports.models import Bonus, Scheme, Target

TODAY = date(2026, 12, 7)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(f"{TODAY} 09:00 +0800", tick=False):
        yield


@pytest.fixture
def world(tree):
    """Three items of the people's-livelihood ledger closed in 2026, and closed items that
    must not count: one of another ledger, one closed in 2025."""
    world = build_ledger_world(tree)
    world.officer = make_user(tree.district, Role.PETITION_OFFICER, username="xinfang")
    world.counted = [closed(world.ledger, world, tree.west, date(2026, 3, 2)),
                     closed(world.ledger, world, tree.west_village, date(2026, 6, 30)),
                     closed(world.ledger, world, tree.east, date(2026, 11, 9))]
    other = LedgerFactory(unit=tree.district, name="2026年道路建设台账", code_prefix="DL2026")
    closed(other, world, tree.west, date(2026, 5, 5))
    closed(world.ledger, world, tree.west, date(2025, 12, 30))
    return world


def closed(ledger, world, unit, day):
    return ItemFactory(ledger=ledger, leader=world.leader_person, lead_unit=unit,
                       status=ItemStatus.CLOSED, closed_on=day, deadline=date(2026, 12, 31))


def target(world, unit=None, year=2026, value=4):
    return Target.objects.create(name="民生问题销号", year=year, unit=unit or world.tree.district,
                                 metric="ledger.items_closed", option=str(world.ledger.pk),
                                 target_value=value)


def fields(world, **changes):
    return {"name": "民生问题销号", "year": 2026, "unit": world.tree.district.pk,
            "metric": "ledger.items_closed", "option": str(world.ledger.pk),
            "target_value": 4, "sort_order": 0, **changes}


def login(client, user):
    client.force_login(user)
    return client


def test_progress_is_counted_from_the_records(world, client):
    district, west = target(world), target(world, unit=world.tree.west, value=2)
    response = login(client, world.west_staff).get(reverse("reports:targets"))
    progress = {p.target.pk: p for p in response.context["progress"]}
    assert (progress[district.pk].actual, progress[district.pk].percent) == (3, Decimal(75))
    assert (progress[west.pk].actual, progress[west.pk].met) == (2, True)  # its village's too
    page = response.content.decode()
    assert "75%" in page and "已完成" in page
    assert f"台账事项销号（{world.ledger.name}（2026年））" in page  # the ledger by its name
    assert reverse("reports:target-new") not in page  # a unit reads, the office sets


def test_year_tabs_and_an_empty_year(world, client):
    target(world)
    earlier = target(world, year=2025, value=1)
    login(client, world.supervisor)
    response = client.get(reverse("reports:targets"))
    assert response.context["years"] == [2026, 2025] and response.context["year"] == 2026
    response = client.get(reverse("reports:targets"), {"year": 2025})
    assert [p.target for p in response.context["progress"]] == [earlier]
    assert response.context["progress"][0].actual == 1
    empty = client.get(reverse("reports:targets"), {"year": 2027}).content.decode()
    assert "尚未设定2027年的目标。点击“新增目标”" in empty


def test_the_records_page_lists_exactly_the_counted_items(world, client):
    district = target(world)
    response = login(client, world.supervisor).get(
        reverse("reports:target-records", args=[district.pk]))
    assert response.status_code == 200
    assert {row["code"] for row in response.context["rows"]} == {
        item.code for item in world.counted}
    assert response.context["hidden"] == 0


def test_the_office_sets_changes_and_deletes_a_target(world, client):
    login(client, world.supervisor)
    response = client.post(reverse("reports:target-new"), fields(world))
    assert response.status_code == 302 and response.url.endswith("?year=2026")
    made = Target.objects.get()
    response = client.post(reverse("reports:target-edit", args=[made.pk]),
                           fields(world, target_value=10, unit=world.tree.east.pk))
    made.refresh_from_db()
    assert (made.target_value, made.unit) == (10, world.tree.east)
    url = reverse("reports:target-delete", args=[made.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200 and "确认删除目标" in confirm.content.decode()
    assert Target.objects.exists()
    assert client.post(url).status_code == 302 and not Target.objects.exists()


def test_only_the_office_sets_targets(world, client):
    made = target(world)
    for user in (world.west_staff, world.officer):
        login(client, user)
        for url in (reverse("reports:target-new"), reverse("reports:target-edit", args=[made.pk]),
                    reverse("reports:target-delete", args=[made.pk])):
            assert client.get(url).status_code == 403, url
            assert client.post(url, fields(world)).status_code == 403, url
    assert Target.objects.get() == made


@pytest.mark.parametrize("metric, option, error", [
    ("hall.completed", "ledger", "“办结办件”不需要参数，请留空。"),
    ("ledger.items_closed", "minsheng", "不在可用的选项中"),  # a ledger's kind, not a ledger
    ("ledger.items_closed", "999999", "不在可用的选项中"),
])
def test_an_option_the_metric_does_not_take_is_refused(world, client, metric, option, error):
    if option == "ledger":
        option = str(world.ledger.pk)
    response = login(client, world.supervisor).post(
        reverse("reports:target-new"), fields(world, metric=metric, option=option))
    assert response.status_code == 200
    assert error in response.context["form"].errors["option"][0]
    assert not Target.objects.exists()


def test_no_option_is_every_ledger(world, client):
    login(client, world.supervisor).post(reverse("reports:target-new"), fields(world, option=""))
    response = client.get(reverse("reports:targets"))
    assert response.context["progress"][0].actual == 4  # the road ledger's item too


def scheme_fields(**changes):
    return {"name": "2027年考核办法", "base": 60, "per_overdue": 3, "per_late_close": 1,
            "per_overdue_petition": 1, "deduction_cap": 30, "on_time_weight": 20,
            "satisfaction_weight": 20, "bonus_cap": 5, "is_active": "on", **changes}


def test_saving_an_active_scheme_retires_the_others(world, client):
    before = set(Scheme.objects.filter(is_active=True).values_list("pk", flat=True))
    assert before
    response = login(client, world.supervisor).post(reverse("reports:scheme-new"),
                                                    scheme_fields())
    assert response.status_code == 302
    assert list(Scheme.objects.filter(is_active=True).values_list("name", flat=True)) == [
        "2027年考核办法"]
    assert rules.current_scheme().name == "2027年考核办法"
    client.post(reverse("reports:scheme-new"), scheme_fields(name="备用办法", is_active=""))
    assert rules.current_scheme().name == "2027年考核办法"


def test_a_bonus_is_positive_counts_for_its_month_and_is_printed(world, client):
    login(client, world.supervisor)
    asked = {"unit": world.tree.west.pk, "month": "2026-11-18", "points": "0",
             "reason": "获市级表彰"}
    response = client.post(reverse("reports:bonus-new"), asked)
    assert response.context["form"].errors["points"] == ["加分应大于 0。"]
    response = client.post(reverse("reports:bonus-new"), {**asked, "points": "2"})
    assert response.status_code == 302
    bonus = Bonus.objects.get()
    assert (bonus.month, bonus.points, bonus.added_by) == (
        date(2026, 11, 1), Decimal(2), world.supervisor)
    report = rules.generate_report(ReportKind.MONTHLY, ReportScope.ALL, date(2026, 11, 1),
                                   date(2026, 11, 30), actor=world.supervisor)
    details = next(block for block in document(report)["blocks"]
                   if block["type"] == "table" and block["title"].endswith("扣分和加分明细"))
    assert ["西河乡", "加分：获市级表彰", "", "", "+2.00"] in details["rows"]


def test_only_the_office_sets_schemes_and_bonuses(world, client):
    login(client, world.west_staff)
    for name in ("schemes", "scheme-new", "bonus-new"):
        assert client.get(reverse(f"reports:{name}")).status_code == 403, name
    assert client.post(reverse("reports:scheme-new"), scheme_fields()).status_code == 403
    assert not Scheme.objects.filter(name="2027年考核办法").exists()
