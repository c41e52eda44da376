"""The ledger list (with 新建台账) and the item list: filters, light counts, sorting, pages."""

from datetime import date

import pytest
from django.urls import reverse

from taizhang.ledger.constants import ItemStatus
from taizhang.ledger.models import Ledger, LedgerKind
from taizhang.ledger.tests.factories import ItemFactory, LedgerFactory
from taizhang.ledger.views import pages
from taizhang.org.models import Event


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-09-01 09:00 +0800", tick=False)


@pytest.fixture
def lit(world):
    """Besides the pending (green) item of the world: a red, a yellow and a closed one."""
    make = {"ledger": world.ledger, "leader": world.leader_person, "lead_unit": world.tree.west,
            "status": ItemStatus.IN_PROGRESS, "last_reported_on": date(2026, 8, 30)}
    return {
        "green": world.item,
        "red": ItemFactory(title="村道硬化逾期", deadline=date(2026, 8, 20), code="MS2026-010",
                           **make),
        "yellow": ItemFactory(title="卫生室改造临期", deadline=date(2026, 9, 2),
                              code="MS2026-011", **make),
        "closed": ItemFactory(title="路灯维修", status=ItemStatus.CLOSED, code="MS2026-012",
                              **{k: v for k, v in make.items() if k != "status"}),
    }


def test_pages_need_login(client, world):
    for name in ("ledger:ledgers", "ledger:items"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_ledger_list_counts_items_per_light(client, world, lit):
    client.force_login(world.supervisor)
    response = client.get(reverse("ledger:ledgers"))
    (year, ledgers), = response.context["years"]
    assert year == 2026
    assert ledgers[0].item_count == 4
    assert [(light, n) for light, _, n in ledgers[0].lights] == [
        ("red", 1), ("yellow", 1), ("green", 1), ("none", 1)]
    html = response.content.decode()
    assert f'href="{reverse("ledger:items")}?ledger={world.ledger.pk}&amp;light=red"' in html
    assert "新建台账" in html


def test_ledger_list_counts_only_what_the_user_sees(client, world, lit):
    ItemFactory(ledger=world.ledger, leader=world.leader_person, lead_unit=world.tree.east)
    client.force_login(world.west_staff)
    response = client.get(reverse("ledger:ledgers"))
    (_, ledgers), = response.context["years"]
    assert ledgers[0].item_count == 4  # the 东城街道 item is not theirs
    assert response.context["form"] is None
    assert 'id="new-ledger"' not in response.content.decode()


def test_ledger_list_out_of_scope_shows_what_to_expect(client, world):
    client.force_login(world.east_staff)
    response = client.get(reverse("ledger:ledgers"))
    assert response.context["years"] == []
    assert "您的查看范围内还没有台账" in response.content.decode()


def test_supervision_creates_a_ledger(client, world):
    client.force_login(world.supervisor)
    kind = LedgerKind.objects.get(code="huimin")
    response = client.post(reverse("ledger:ledger_new"), {
        "kind": kind.pk, "name": "惠民工程台账", "unit": world.tree.district.pk, "year": 2026,
        "code_prefix": "HM2026", "description": "",
    })
    ledger = Ledger.objects.get(name="惠民工程台账")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('ledger:items')}?ledger={ledger.pk}"
    assert Event.objects.filter(object_id=ledger.pk, action="create").exists()


def test_ledger_name_taken_is_said_plainly(client, world):
    client.force_login(world.supervisor)
    response = client.post(reverse("ledger:ledger_new"), {
        "kind": world.ledger.kind_id, "name": world.ledger.name, "unit": world.tree.district.pk,
        "year": 2026, "code_prefix": "X",
    })
    assert response.status_code == 400
    assert "示范区2026年已有名为“2026年民生问题台账”的台账。" in response.content.decode()
    assert Ledger.objects.count() == 1


def test_only_supervision_creates_ledgers(client, world):
    client.force_login(world.west_staff)
    response = client.post(reverse("ledger:ledger_new"), {
        "kind": world.ledger.kind_id, "name": "乡台账", "unit": world.tree.west.pk,
        "year": 2026, "code_prefix": "XH",
    })
    assert response.status_code == 403
    assert not Ledger.objects.filter(name="乡台账").exists()


def listed(client, **params):
    response = client.get(reverse("ledger:items"), params)
    assert response.status_code == 200
    return response, [item.title for item in response.context["page"].object_list]


def test_item_list_shows_visible_items_with_their_light(client, world, lit):
    client.force_login(world.west_staff)
    response, titles = listed(client)
    assert sorted(titles) == sorted(i.title for i in lit.values())
    lights = {item.title: item.light for item in response.context["page"].object_list}
    assert lights["村道硬化逾期"] == "red" and lights["路灯维修"] == "none"

    client.force_login(world.east_staff)
    response, titles = listed(client)
    assert titles == []
    assert "您的查看范围内还没有台账事项" in response.content.decode()


@pytest.mark.parametrize(("params", "expected"), [
    ({"status": "closed"}, ["路灯维修"]),
    ({"light": "yellow"}, ["卫生室改造临期"]),
    ({"overdue": "1"}, ["村道硬化逾期"]),
    ({"q": "卫生室"}, ["卫生室改造临期"]),
    ({"kind": "huimin"}, []),
    ({"status": "pending", "light": "green"}, ["西河村饮水安全提升"]),
])
def test_item_list_filters(client, world, lit, params, expected):
    client.force_login(world.supervisor)
    _, titles = listed(client, **params)
    assert titles == expected


def test_item_list_filters_by_unit_leader_and_ledger(client, world, lit):
    other = LedgerFactory(unit=world.tree.east)
    ItemFactory(ledger=other, title="东关社区加装电梯", lead_unit=world.tree.east_village)
    client.force_login(world.supervisor)
    assert listed(client, unit=world.tree.east.pk)[1] == ["东关社区加装电梯"]
    assert listed(client, ledger=other.pk)[1] == ["东关社区加装电梯"]
    assert len(listed(client, leader=world.leader_person.pk)[1]) == 4


def test_light_counts_follow_the_filter_and_can_be_clicked(client, world, lit):
    client.force_login(world.supervisor)
    response, _ = listed(client, light="red", q="村")
    links = {link["value"]: link for link in response.context["light_links"]}
    # "村" matches 西河村饮水安全提升 (green) and 村道硬化逾期 (red).
    assert {v: link["count"] for v, link in links.items()} == {
        "red": 1, "yellow": 0, "green": 1, "none": 0}
    assert links["red"]["active"] and links["red"]["query"] == "q=%E6%9D%91"  # click again: off
    assert links["green"]["query"] == "light=green&q=%E6%9D%91"


def test_export_link_keeps_the_filter(client, world, lit):
    client.force_login(world.supervisor)
    response, _ = listed(client, status="in_progress", sort="deadline")
    html = response.content.decode()
    assert f'href="{reverse("ledger:export")}?status=in_progress"' in html


def test_item_list_sorts_by_urgency_and_deadline(client, world, lit):
    client.force_login(world.supervisor)
    _, titles = listed(client, sort="urgency")
    assert titles == ["村道硬化逾期", "卫生室改造临期", "西河村饮水安全提升", "路灯维修"]
    _, titles = listed(client, sort="deadline")
    assert titles[:2] == ["村道硬化逾期", "卫生室改造临期"]


def test_item_list_pages(client, world, monkeypatch):
    monkeypatch.setattr(pages, "PAGE_SIZE", 2)
    for n in range(4):
        ItemFactory(ledger=world.ledger, leader=world.leader_person, lead_unit=world.tree.west,
                    code=f"MS2026-1{n:02d}")
    client.force_login(world.supervisor)
    response, first = listed(client, status="pending")
    assert len(first) == 2 and response.context["page"].paginator.num_pages == 3
    assert 'href="?status=pending&amp;page=2"' in response.content.decode()
    _, third = listed(client, status="pending", page="3")
    assert len(third) == 1 and not set(first) & set(third)


def test_bad_filter_values_are_ignored(client, world, lit):
    client.force_login(world.supervisor)
    _, titles = listed(client, ledger="abc", light="purple", status="x", page="999")
    assert len(titles) == 4


def test_empty_filter_result_says_what_to_do(client, world):
    client.force_login(world.supervisor)
    response, titles = listed(client, q="不存在的事项")
    assert titles == []
    assert "没有符合筛选条件的事项" in response.content.decode()


def test_supervision_without_ledgers_is_sent_to_create_one(client, tree):
    client.force_login(tree.supervisor)
    response, _ = listed(client)
    html = response.content.decode()
    assert "还没有台账" in html and reverse("ledger:item_new") not in html


def test_navigation_marks_ledgers_or_items(client, world):
    client.force_login(world.west_staff)
    for url, label in ((reverse("ledger:ledgers"), "台账"),
                       (reverse("ledger:item", args=[world.item.pk]), "台账事项")):
        entries = client.get(url).context["nav_entries"]
        assert [str(e["label"]) for e in entries if e["current"]] == [label]
