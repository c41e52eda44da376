"""System administration of ledgers: kinds and ledgers are edited there, items only viewed."""

import pytest
from django.urls import reverse

from taizhang.ledger import rules
from taizhang.ledger.models import LedgerKind
from taizhang.org.tests.factories import UserFactory


@pytest.fixture
def admin_client(client, world):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def test_admins_add_ledger_kinds(admin_client):
    response = admin_client.post(reverse("admin:ledger_ledgerkind_add"), {
        "code": "anquan", "name": "安全生产隐患", "sort_order": 8, "supervised_by": "supervision",
    })
    assert response.status_code == 302
    assert LedgerKind.objects.get(name="安全生产隐患").supervised_by == "supervision"
    html = admin_client.get(reverse("admin:ledger_ledgerkind_changelist")).content.decode()
    assert "台账类型" in html and "安全生产隐患" in html and "民生问题" in html
    assert "交办和销号部门" in html


def test_ledger_list_and_form_in_chinese(admin_client, world):
    html = admin_client.get(reverse("admin:ledger_ledger_changelist")).content.decode()
    assert "2026年民生问题台账" in html and "事项数" in html
    html = admin_client.get(reverse("admin:ledger_ledger_change",
                                    args=[world.ledger.pk])).content.decode()
    assert "编号前缀" in html and "所属单位" in html


def test_items_are_shown_with_their_parts_but_not_edited(admin_client, world):
    item = rules.assign_item(world.item, actor=world.supervisor)
    rules.report_progress(item, actor=world.west_staff, text="已完成管网铺设")
    url = reverse("admin:ledger_item_change", args=[item.pk])
    response = admin_client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "已完成管网铺设" in html and "节点" in html and "延期申请" in html
    assert 'name="_save"' not in html
    assert admin_client.post(url, {"title": "改名"}).status_code == 403
    assert admin_client.get(reverse("admin:ledger_item_add")).status_code == 403
