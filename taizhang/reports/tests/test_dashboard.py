"""The leader dashboard (驾驶舱): each tile's counts in the reader's scope, and the records
behind every count."""

import json
from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taizhang.hall.constants import Status as HallStatus
from taizhang.hall.figures.months import summarise
from taizhang.hall.tests import conftest as hall_conftest
from taizhang.hall.tests.season import TODAY, a_season
from taizhang.ledger.constants import ItemStatus
from taizhang.ledger.tests.factories import ItemFactory, LedgerFactory, build_ledger_world
from taizhang.org.constants import Rank, Role
from taizhang.org.tests.factories import UserFactory, make_user
from taizhang.petitions.constants import Status
from taizhang.petitions.models import BacklogCase
from taizhang.petitions.tests.factories import PetitionFactory
from taizhang.reports.dashboard import figures
from taizhang.reports.models import Target

pytestmark = pytest.mark.django_db

hall = hall_conftest.hall  # the small hall of the service hall's tests, in 东城街道


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(f"{TODAY} 10:00 +0800", tick=False):
        yield


@pytest.fixture
def world(tree):
    """Open items of 东城街道 (two red, one of them in its village, one green), one of 西河乡
    (red) and the world's own 西河乡 item (green); a closed item that counts nowhere."""
    world = build_ledger_world(tree)
    late = {"status": ItemStatus.IN_PROGRESS, "ledger": world.ledger,
            "leader": world.leader_person}
    world.east_late = ItemFactory(lead_unit=tree.east, deadline=date(2026, 9, 30),
                                  title="东城街道背街小巷整治", **late)
    world.village_late = ItemFactory(lead_unit=tree.east_village, deadline=date(2026, 8, 31),
                                     title="东关社区加装电梯", **late)
    world.west_late = ItemFactory(lead_unit=tree.west, deadline=date(2026, 10, 1),
                                  title="西河乡道路硬化", **late)
    world.east_green = ItemFactory(lead_unit=tree.east, ledger=world.ledger,
                                   leader=world.leader_person)
    ItemFactory(lead_unit=tree.east, ledger=world.ledger, leader=world.leader_person,
                status=ItemStatus.CLOSED, deadline=date(2026, 3, 1), closed_on=date(2026, 2, 1))
    world.east_leader = make_user(tree.east, Role.LEADER, username="east_leader",
                                  name="东城街道主任", rank=Rank.SECTION)
    return world


def lights_of(dash):
    return {unit["name"]: {cell["light"]: cell["count"] for cell in unit["lights"]}
            for unit in dash["lights"]["units"]}


def listed(client, url):
    page = client.get(url)
    assert page.status_code == 200, url
    return {row.pk for row in page.context["page"].object_list}


def test_the_page_renders_for_the_supervisor_with_every_tile(client, world, hall):
    a_season(hall)
    client.force_login(world.supervisor)
    page = client.get(reverse("reports:dashboard"))
    assert page.status_code == 200
    content = page.content.decode()
    for title in ("台账事项红黄绿灯", "逾期事项", "信访", "政务服务办结率（2026年）",
                  "2026年目标进展"):
        assert title in content
    assert "尚未设定本年度目标" in content
    # The charts' numbers are data on the page, drawn by a script file: no inline script.
    assert 'id="lights-data" type="application/json"' in content
    assert 'id="hall-data" type="application/json"' in content
    assert "vendor/echarts/echarts.min.js" in content and "reports/dashboard.js" in content
    json.dumps(page.context["dash"])  # the bench and any client read the same plain data


def test_units_are_ranked_by_red_and_roll_up_to_the_township(client, world):
    dash = figures(world.supervisor, TODAY)
    assert [unit["name"] for unit in dash["lights"]["units"]] == ["东城街道", "西河乡"]
    assert lights_of(dash) == {"东城街道": {"red": 2, "yellow": 0, "green": 1},
                               "西河乡": {"red": 1, "yellow": 0, "green": 1}}
    assert dash["lights"]["open"] == 5


def test_a_township_leader_counts_only_the_items_they_may_see(client, world):
    client.force_login(world.east_leader)
    page = client.get(reverse("reports:dashboard"))
    assert page.status_code == 200
    dash = page.context["dash"]
    assert lights_of(dash) == {"东城街道": {"red": 2, "yellow": 0, "green": 1}}
    assert "西河乡道路硬化" not in page.content.decode()
    assert dash["overdue"]["count"] == 2


def test_every_light_count_lists_exactly_the_items_it_counts(client, world):
    client.force_login(world.supervisor)
    dash = client.get(reverse("reports:dashboard")).context["dash"]
    east = next(unit for unit in dash["lights"]["units"] if unit["name"] == "东城街道")
    red, yellow, green = east["lights"]
    assert listed(client, red["url"]) == {world.east_late.pk, world.village_late.pk}
    assert listed(client, green["url"]) == {world.east_green.pk}
    assert yellow["url"] is None
    total_red = dash["lights"]["total"][0]
    assert listed(client, total_red["url"]) == {
        world.east_late.pk, world.village_late.pk, world.west_late.pk}


def test_overdue_items_longest_first_with_their_days(client, world):
    client.force_login(world.supervisor)
    overdue = figures(world.supervisor, TODAY)["overdue"]
    assert [(row["title"], row["days"]) for row in overdue["items"]] == [
        ("东关社区加装电梯", 42), ("东城街道背街小巷整治", 12), ("西河乡道路硬化", 11)]
    assert overdue["count"] == 3
    assert listed(client, overdue["url"]) == {
        world.east_late.pk, world.village_late.pk, world.west_late.pk}
    assert client.get(overdue["items"][0]["url"]).status_code == 200


def test_hall_tile_by_month_with_the_year_linked_to_its_records(client, world, hall):
    season = a_season(hall)
    client.force_login(world.supervisor)
    tile = client.get(reverse("reports:dashboard")).context["dash"]["hall"]
    assert not tile["empty"] and tile["rate"] == 40.0
    assert [(s["label"], s["count"]) for s in tile["headline"]] == [("受理", 5), ("办结", 2)]
    assert [(m["label"], m["accepted"]["count"], m["completed"]["count"], m["rate"])
            for m in tile["months"] if m["accepted"]["count"]] == [
        ("2026年9月", 3, 2, 66.67), ("2026年10月", 2, 0, 0.0)]
    assert tile["chart"]["labels"] == [f"{n}月" for n in range(1, TODAY.month + 1)]
    assert tile["summarised_at"] is None  # no night has summarised the months yet
    assert listed(client, tile["headline"][1]["url"]) == {season["done"].pk,
                                                          season["instant"].pk}
    assert len(listed(client, tile["headline"][0]["url"])) == 5


def test_a_township_with_no_applications_is_told_so(client, world, hall):
    a_season(hall)  # all of them at 东城街道's centre
    west_leader = make_user(world.tree.west, Role.LEADER, username="west_leader")
    client.force_login(west_leader)
    page = client.get(reverse("reports:dashboard"))
    assert page.context["dash"]["hall"]["empty"]
    assert "本年度您查看范围内的服务中心和部门还没有受理办件" in page.content.decode()


def petition(tree, **fields):
    return PetitionFactory(origin_unit=tree.east_village, handling_unit=tree.east, **fields)


def test_petitions_and_backlog_cases_each_open_their_records(client, world):
    tree = world.tree
    this_month = [petition(tree, received_on=date(2026, 10, 9), due_on=date(2026, 10, 23)),
                  petition(tree, received_on=date(2026, 10, 12), due_on=date(2026, 10, 26))]
    late = petition(tree, received_on=date(2026, 9, 10), status=Status.HANDLING,
                    due_on=date(2026, 10, 9))
    case = BacklogCase.objects.create(item=world.village_late, opened_on=date(2026, 5, 1))
    BacklogCase.objects.create(item=world.east_green, opened_on=date(2026, 6, 1))
    client.force_login(world.supervisor)
    stats = {s["key"]: s for s in client.get(reverse("reports:dashboard")).context["dash"][
        "petitions"]}
    assert {key: s["count"] for key, s in stats.items()} == {
        "month": 2, "overdue": 1, "backlog": 2, "backlog_overdue": 1}
    assert listed(client, stats["month"]["url"]) == {p.pk for p in this_month}
    assert listed(client, stats["overdue"]["url"]) == {late.pk}
    backlog = client.get(stats["backlog_overdue"]["url"])
    assert backlog.status_code == 200
    assert [row["case"].pk for row in backlog.context["rows"]] == [case.pk]
    assert client.get(stats["backlog"]["url"]).status_code == 200


def test_targets_show_progress_counted_from_the_records(client, world, hall):
    season = a_season(hall)
    target = Target.objects.create(name="全年办结政务服务事项", year=2026, unit=world.tree.district,
                                   metric="hall.completed", target_value=4)
    client.force_login(world.supervisor)
    page = client.get(reverse("reports:dashboard"))
    [row] = page.context["dash"]["targets"]["rows"]
    assert (row["actual"], row["target"], row["percent"], row["met"]) == (2, 4, 50.0, False)
    assert row["url"] == reverse("reports:target-records", kwargs={"pk": target.pk})
    assert "尚未设定本年度目标" not in page.content.decode()
    records = client.get(row["url"])
    assert records.status_code == 200
    assert records.context["everything"] == 2
    assert {season["done"].receipt_no, season["instant"].receipt_no} <= {
        r["code"] for r in records.context["rows"]}


def test_queries_do_not_grow_with_the_items(client, world, hall, django_assert_max_num_queries):
    a_season(hall)
    Target.objects.create(name="全年办结政务服务事项", year=2026, unit=world.tree.district,
                          metric="hall.completed", target_value=4)
    client.force_login(world.east_leader)
    url = reverse("reports:dashboard")
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    ledger = LedgerFactory(unit=world.tree.east)
    for n in range(30):
        ItemFactory(ledger=ledger, lead_unit=world.tree.east_grid if n % 2 else world.tree.east,
                    status=ItemStatus.IN_PROGRESS, deadline=date(2026, 9, 1 + n % 28))
    with django_assert_max_num_queries(len(first)):
        page = client.get(url)
    assert page.context["dash"]["overdue"]["count"] == 32
    assert len(page.context["dash"]["overdue"]["items"]) == 10


def test_a_login_without_a_person_record_is_refused(client, world):
    client.force_login(UserFactory())
    assert client.get(reverse("reports:dashboard")).status_code == 403


def test_finished_months_come_from_the_nights_summary_and_this_month_is_live(
        client, world, hall):
    season = a_season(hall)
    client.force_login(world.supervisor)
    live = client.get(reverse("reports:dashboard")).context["dash"]["hall"]
    summarise(TODAY)
    summed = client.get(reverse("reports:dashboard")).context["dash"]["hall"]
    assert summed["summarised_at"] is not None
    assert [(m["accepted"]["count"], m["completed"]["count"]) for m in summed["months"]] == [
        (m["accepted"]["count"], m["completed"]["count"]) for m in live["months"]]
    # A finished month keeps the night's figures until the next night; its records are live.
    september = season["done"]
    september.status, september.completed_on = HallStatus.WITHDRAWN, september.accepted_on
    september.save()
    again = client.get(reverse("reports:dashboard")).context["dash"]["hall"]
    assert again["months"] == summed["months"]
    summarise(TODAY)
    assert client.get(reverse("reports:dashboard")).context["dash"]["hall"]["headline"][1][
        "count"] == summed["headline"][1]["count"] - 1


def test_the_summary_keeps_to_what_each_reader_may_see(client, world, hall):
    a_season(hall)  # all of them at 东城街道's centre
    summarise(TODAY)
    west_leader = make_user(world.tree.west, Role.LEADER, username="west_leader")
    client.force_login(west_leader)
    assert client.get(reverse("reports:dashboard")).context["dash"]["hall"]["empty"]
