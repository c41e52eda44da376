"""The workbench's ledger part: my items by urgency, what waits for me, overdue by unit."""

from datetime import date

import pytest
from django.urls import reverse

from taizhang.ledger import rules
from taizhang.ledger.constants import ItemStatus
from taizhang.ledger.tests.factories import ItemFactory


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-09-01 09:00 +0800", tick=False)


@pytest.fixture
def items(world):
    common = {"ledger": world.ledger, "leader": world.leader_person,
              "status": ItemStatus.IN_PROGRESS, "last_reported_on": date(2026, 8, 30)}
    return {
        "green": ItemFactory(title="绿：年底完成", lead_unit=world.tree.west,
                             deadline=date(2026, 12, 31), **common),
        "green_sooner": ItemFactory(title="绿：十一月完成", lead_unit=world.tree.west,
                                    deadline=date(2026, 11, 30), **common),
        "red": ItemFactory(title="红：已逾期", lead_unit=world.tree.west,
                           deadline=date(2026, 8, 20), **common),
        "yellow": ItemFactory(title="黄：临期", lead_unit=world.tree.west,
                              deadline=date(2026, 9, 2), **common),
        "east_red": ItemFactory(title="东：已逾期", lead_unit=world.tree.east,
                                deadline=date(2026, 8, 1), **common),
        "east_red2": ItemFactory(title="东：也逾期", lead_unit=world.tree.east,
                                 deadline=date(2026, 8, 2), **common),
        "closed": ItemFactory(title="已销号的", lead_unit=world.tree.west,
                              deadline=date(2026, 8, 1), status=ItemStatus.CLOSED,
                              ledger=world.ledger, leader=world.leader_person),
    }


def workbench(client, user):
    client.force_login(user)
    response = client.get(reverse("workbench"))
    assert response.status_code == 200
    return response


def test_my_items_by_urgency(client, world, items):
    response = workbench(client, world.west_staff)
    titles = [i.title for i in response.context["my_items"]]
    # Red, yellow, then by deadline (the world's item is also due on 31 December).
    assert titles == ["红：已逾期", "黄：临期", "绿：十一月完成", "西河村饮水安全提升",
                      "绿：年底完成"]
    html = response.content.decode()
    assert "我的事项" in html and "红灯" in html and "黄灯" in html
    assert "逾期事项（按单位）" not in html


def test_leader_sees_the_items_they_lead_and_extensions_to_decide(client, world, items):
    rules.request_extension(items["green"], actor=world.west_staff,
                            new_deadline=date(2027, 3, 31), reason="受汛期影响")
    response = workbench(client, world.leader)
    assert len(response.context["my_items"]) == 7  # six open ones above and the world's item
    assert [i.title for i in response.context["extensions_to_decide"]] == ["绿：年底完成"]
    html = response.content.decode()
    assert "待我审批" in html and "西河乡申请延期，由 12月31日 延至 2027年3月31日" in html


def test_supervision_sees_closeouts_and_overdue_by_unit(client, world, items):
    rules.request_close_out(items["yellow"], actor=world.west_staff, evidence="已完成")
    response = workbench(client, world.supervisor)
    assert [i.title for i in response.context["closeouts_to_verify"]] == ["黄：临期"]
    assert response.context["pending_count"] == 1
    rows = [(r["lead_unit__name"], r["n"]) for r in response.context["overdue_units"]]
    assert rows == [("东城街道", 2), ("西河乡", 1)]
    html = response.content.decode()
    east = world.tree.east.pk
    link = f'{reverse("ledger:items")}?lead_unit={east}&overdue=1&sort=deadline'
    assert f'href="{link.replace("&", "&amp;")}"' in html
    # The list behind the link holds exactly the items the row counts.
    listed = client.get(link)
    assert listed.context["page"].paginator.count == 2
    assert "只看责任单位为“东城街道”的事项（不含下级单位）" in listed.content.decode()
    assert f'href="{reverse("ledger:items")}?status=pending"' in html


def test_the_asker_is_not_asked_to_verify(client, world, items):
    from taizhang.org.constants import Role
    from taizhang.org.models import RoleGrant

    RoleGrant.objects.create(person=world.supervisor.person, role=Role.UNIT_STAFF,
                             unit=world.tree.west)
    rules.request_close_out(items["yellow"], actor=world.supervisor, evidence="已完成")
    assert list(workbench(client, world.supervisor).context["closeouts_to_verify"]) == []
    assert [i.title for i in workbench(client, world.supervisor2)
            .context["closeouts_to_verify"]] == ["黄：临期"]


def test_nothing_to_do_is_said(client, world):
    response = workbench(client, world.east_staff)
    html = response.content.decode()
    assert list(response.context["my_items"]) == []
    assert "您没有未销号的台账事项" in html and "待我审批" not in html
