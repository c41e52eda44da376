"""Ledger kinds and ledgers through the API."""

from datetime import date

import pytest
import time_machine

from taizhang.ledger.constants import ItemStatus
from taizhang.ledger.models import Ledger
from taizhang.ledger.tests.apiclient import NOW, Api, ok, refused
from taizhang.ledger.tests.factories import ItemFactory, LedgerFactory
from taizhang.org.events import timeline


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def apis(world, client):
    class Apis:
        supervisor = Api(client, world.supervisor)
        west = Api(client, world.west_staff)
        east = Api(client, world.east_staff)

    return Apis


@pytest.fixture
def east_ledger(world):
    return LedgerFactory(unit=world.tree.east, name="东城街道2025年民生实事", year=2025,
                         kind_id=world.ledger.kind_id)


def names(body):
    return {row["name"] for row in body["items"]}


def test_kinds(apis):
    body = ok(apis.west.get("/ledger/kinds"))
    assert [k["name"] for k in body][:6] == [
        "民生问题", "重点工作", "惠民工程", "民生实事", "企业诉求", "整改事项"]
    assert set(body[0]) == {"id", "code", "name"}


def test_ledgers_are_scoped(world, apis, east_ledger):
    assert names(ok(apis.supervisor.get("/ledger/ledgers"))) == {
        "2026年民生问题台账", "东城街道2025年民生实事"}
    # The district's ledger holds an item of 西河乡, so 西河乡 sees that ledger (and only it).
    assert names(ok(apis.west.get("/ledger/ledgers"))) == {"2026年民生问题台账"}
    assert names(ok(apis.east.get("/ledger/ledgers"))) == {"东城街道2025年民生实事"}
    assert refused(apis.west.get(f"/ledger/ledgers/{east_ledger.pk}"), 404) == (
        "记录不存在，或您无权查看。")
    assert apis.east.get(f"/ledger/ledgers/{world.ledger.pk}").status_code == 404


def test_ledger_filters(world, apis, east_ledger):
    api = apis.supervisor
    assert names(ok(api.get("/ledger/ledgers", year=2025))) == {"东城街道2025年民生实事"}
    assert names(ok(api.get("/ledger/ledgers", unit=world.tree.east.pk))) == {
        "东城街道2025年民生实事"}
    assert len(names(ok(api.get("/ledger/ledgers", unit=world.tree.district.pk)))) == 2
    assert names(ok(api.get("/ledger/ledgers", kind="huimin"))) == set()
    assert len(names(ok(api.get("/ledger/ledgers", kind="minsheng")))) == 2
    assert api.get("/ledger/ledgers", year=1900).status_code == 422


def test_ledger_detail_counts_lights_of_visible_items(world, apis):
    make = {"ledger": world.ledger, "leader": world.leader_person,
            "status": ItemStatus.IN_PROGRESS, "last_reported_on": date(2026, 8, 31)}
    ItemFactory(**make, lead_unit=world.tree.west, deadline=date(2026, 8, 1))  # red
    ItemFactory(**make, lead_unit=world.tree.east, deadline=date(2026, 8, 2))  # red
    ItemFactory(**make, lead_unit=world.tree.east, deadline=date(2026, 9, 2))  # yellow
    ItemFactory(**{**make, "status": ItemStatus.CLOSED}, lead_unit=world.tree.east)
    body = ok(apis.supervisor.get(f"/ledger/ledgers/{world.ledger.pk}"))
    assert body["lights"] == {"red": 2, "yellow": 1, "green": 1, "none": 1}
    assert body["item_count"] == 5 and body["overdue"] == 2
    assert body["kind"]["code"] == "minsheng" and body["unit"]["name"] == "示范区"
    body = ok(apis.west.get(f"/ledger/ledgers/{world.ledger.pk}"))
    assert body["lights"] == {"red": 1, "yellow": 0, "green": 1, "none": 0}
    assert body["item_count"] == 2 and body["overdue"] == 1


def new_ledger(world, **changes):
    return {"kind": "huimin", "unit": world.tree.west.pk, "year": 2026,
            "name": "西河乡2026年惠民工程", "code_prefix": "HM2026", "description": "道路、饮水",
            **changes}


def test_supervision_creates_a_ledger(world, apis):
    body = ok(apis.supervisor.post("/ledger/ledgers", new_ledger(world)), 201)
    ledger = Ledger.objects.get(pk=body["id"])
    assert ledger.kind.name == "惠民工程" and ledger.unit == world.tree.west
    assert body["item_count"] == 0 and body["lights"]["green"] == 0
    assert timeline(ledger).get().action == "create"
    # 西河乡 sees its new ledger.
    assert "西河乡2026年惠民工程" in names(ok(apis.west.get("/ledger/ledgers")))


def test_only_supervision_creates_ledgers(world, apis):
    assert refused(apis.west.post("/ledger/ledgers", new_ledger(world)), 403) == (
        "只有督查室可以新建台账。")
    assert Ledger.objects.count() == 1


@pytest.mark.parametrize(("changes", "field"), [
    ({"kind": "nope"}, "kind"),
    ({"unit": 999999}, "unit"),
    ({"name": "2026年民生问题台账", "unit": "district"}, "name"),
    ({"code_prefix": "惠民"}, "code_prefix"),
    ({"year": 1999}, "year"),
    ({"name": ""}, "name"),
])
def test_ledger_input_is_checked(world, apis, changes, field):
    if changes.get("unit") == "district":
        changes["unit"] = world.tree.district.pk
    response = apis.supervisor.post("/ledger/ledgers", new_ledger(world, **changes))
    assert response.status_code == 422, response.content
    assert response.json()["errors"][0]["field"] == field
    assert Ledger.objects.count() == 1


def test_duplicate_ledger_name_is_explained(world, apis):
    data = new_ledger(world, name="2026年民生问题台账", unit=world.tree.district.pk)
    body = apis.supervisor.post("/ledger/ledgers", data).json()
    assert body["message"] == "示范区2026年已有名为“2026年民生问题台账”的台账。"
