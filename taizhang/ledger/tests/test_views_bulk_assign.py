"""Bulk assignment (批量交办) from the item list: each item on its own, every refusal said."""

import pytest
from django.urls import reverse

from taizhang.ledger import rules
from taizhang.ledger.constants import ItemStatus
from taizhang.ledger.tests.factories import ItemFactory, LedgerFactory


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-09-01 09:00 +0800", tick=False)


@pytest.fixture
def pending(world):
    more = [ItemFactory(ledger=world.ledger, leader=world.leader_person,
                        lead_unit=world.tree.west, code=f"MS2026-00{n}") for n in (2, 3)]
    return [world.item, *more]


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_list_offers_checkboxes_for_pending_items_to_supervision(client, world, pending):
    rules.assign_item(pending[2], actor=world.supervisor)
    client.force_login(world.supervisor)
    html = client.get(reverse("ledger:items")).content.decode()
    assert f'action="{reverse("ledger:bulk_assign")}"' in html
    assert f'name="items" value="{pending[0].pk}"' in html
    assert f'name="items" value="{pending[2].pk}"' not in html  # already assigned

    client.force_login(world.west_staff)
    html = client.get(reverse("ledger:items")).content.decode()
    assert 'name="items"' not in html


def test_assigns_all_and_reports_refusals(client, world, pending):
    rules.assign_item(pending[1], actor=world.supervisor2)  # someone was quicker
    client.force_login(world.supervisor)
    back = f"{reverse('ledger:items')}?status=pending"
    response = client.post(reverse("ledger:bulk_assign"), {
        "items": [str(i.pk) for i in pending], "note": "请按时办结", "next": back,
    }, follow=True)
    assert response.redirect_chain == [(back, 302)]
    said = messages_of(response)
    assert said[0] == "已交办 2 项：" + "、".join(sorted([pending[0].code, pending[2].code]))
    assert said[1].startswith(f"{pending[1].code} {pending[1].title} 未交办：该事项当前为“办理中”")
    for item in pending:
        item.refresh_from_db()
        assert item.status == ItemStatus.IN_PROGRESS


def test_only_supervision_assigns(client, world):
    hidden = ItemFactory(ledger=LedgerFactory(unit=world.tree.east), lead_unit=world.tree.east)
    client.force_login(world.west_staff)
    response = client.post(reverse("ledger:bulk_assign"), {"items": [hidden.pk]})
    assert response.status_code == 403
    hidden.refresh_from_db()
    assert hidden.status == ItemStatus.PENDING


def test_unknown_ids_are_counted_not_ignored(client, world, pending):
    client.force_login(world.supervisor)
    response = client.post(reverse("ledger:bulk_assign"),
                           {"items": [str(pending[0].pk), "999999", "abc"]}, follow=True)
    said = messages_of(response)
    assert said == [f"已交办 1 项：{pending[0].code}", "有 1 项找不到，或您无权查看，未交办。"]


def test_nothing_ticked(client, world, pending):
    client.force_login(world.supervisor)
    response = client.post(reverse("ledger:bulk_assign"), {"next": "https://evil.example/"},
                           follow=True)
    assert response.redirect_chain == [(reverse("ledger:items"), 302)]
    assert messages_of(response) == ["请先勾选要交办的事项（只有待交办的事项可以勾选）。"]
