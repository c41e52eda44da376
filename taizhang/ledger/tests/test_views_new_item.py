"""The new item form (督查室): particulars, a date or N working days, milestones."""

from datetime import date

import pytest
from django.urls import reverse

from taizhang.ledger.constants import ItemStatus
from taizhang.ledger.models import Item
from taizhang.org.constants import Rank
from taizhang.org.tests.factories import PersonFactory


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-09-01 09:00 +0800", tick=False)


def form_data(world, **changes):
    data = {
        "ledger": world.ledger.pk, "title": "东关社区老旧小区改造",
        "leader": world.leader_person.pk, "lead_unit": world.tree.east.pk,
        "cooperating_units": [world.tree.east_village.pk], "goal": "完成 3 个小区改造",
        "measures": "分批施工", "deadline": "2026-11-30", "working_days": "",
        "frequency": "weekly",
        "milestones-TOTAL_FORMS": "3", "milestones-INITIAL_FORMS": "0",
        "milestones-MIN_NUM_FORMS": "0", "milestones-MAX_NUM_FORMS": "20",
        "milestones-0-title": "完成设计", "milestones-0-due": "2026-09-30",
        "milestones-1-title": "开工", "milestones-1-due": "2026-10-15",
        "milestones-2-title": "", "milestones-2-due": "",
    }
    data.update(changes)
    return data


def test_creates_a_pending_item_with_milestones(client, world):
    client.force_login(world.supervisor)
    response = client.post(reverse("ledger:item_new"), form_data(world))
    item = Item.objects.get(title="东关社区老旧小区改造")
    assert response.status_code == 302
    assert response["Location"] == reverse("ledger:item", args=[item.pk])
    assert (item.code, item.status, item.deadline, item.frequency) == (
        "MS2026-001", ItemStatus.PENDING, date(2026, 11, 30), "weekly")
    assert list(item.cooperating_units.all()) == [world.tree.east_village]
    assert [(m.title, m.due) for m in item.milestones.all()] == [
        ("完成设计", date(2026, 9, 30)), ("开工", date(2026, 10, 15))]


def test_working_days_instead_of_a_date(client, world):
    client.force_login(world.supervisor)
    client.post(reverse("ledger:item_new"), form_data(world, deadline="", working_days="15"))
    item = Item.objects.get(title="东关社区老旧小区改造")
    assert (item.deadline, item.working_days) == (None, 15)


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"deadline": ""}, "deadline", "请填写完成时限，或交办后的工作日数。"),
    ({"working_days": "10"}, "working_days", "已填写完成时限，请不要再填写工作日数。"),
    ({"deadline": "2026-13-01"}, "deadline", "请输入有效日期，如 2026-06-30。"),
    ({"cooperating_units": [0]}, "cooperating_units", None),
    ({"title": ""}, "title", None),
])
def test_bad_input_is_named_and_nothing_is_created(client, world, changes, field, message):
    client.force_login(world.supervisor)
    response = client.post(reverse("ledger:item_new"), form_data(world, **changes))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors
    if message:
        assert errors[field] == [message]
    assert not Item.objects.filter(title="东关社区老旧小区改造").exists()


def test_lead_unit_is_not_also_cooperating(client, world):
    client.force_login(world.supervisor)
    response = client.post(reverse("ledger:item_new"), form_data(
        world, cooperating_units=[world.tree.east.pk]))
    assert response.context["form"].errors["cooperating_units"] == [
        "东城街道已是责任单位，不必再列为配合单位。"]


def test_milestone_rows_are_checked(client, world):
    client.force_login(world.supervisor)
    response = client.post(reverse("ledger:item_new"), form_data(
        world, **{"milestones-2-title": "验收"}))
    assert response.status_code == 400
    assert response.context["milestones"].errors[2] == {"due": ["请填写该节点的时限。"]}
    assert "请填写该节点的时限。" in response.content.decode()


def test_county_leaders_come_first_and_the_ledger_is_preselected(client, world):
    PersonFactory(unit=world.tree.west, name="王乡长", rank=Rank.SECTION)
    client.force_login(world.supervisor)
    response = client.get(reverse("ledger:item_new"), {"ledger": world.ledger.pk})
    form = response.context["form"]
    leaders = list(form.fields["leader"].queryset)
    county = [p for p in leaders if p.rank == Rank.COUNTY]
    assert leaders[:len(county)] == county and county
    assert "李区长（示范区 · 县级领导）" in response.content.decode()
    assert form["ledger"].value() == str(world.ledger.pk)


def test_only_supervision_opens_items(client, world):
    client.force_login(world.west_staff)
    assert client.get(reverse("ledger:item_new")).status_code == 403
    assert client.post(reverse("ledger:item_new"), form_data(world)).status_code == 403
    assert not Item.objects.filter(title="东关社区老旧小区改造").exists()


def test_deadline_preview(client, world):
    client.force_login(world.supervisor)
    html = client.get(reverse("ledger:deadline_preview"), {"working_days": "10"}).content
    # 2026-09-01 + 10 working days (no holiday in between).
    assert "若今日交办，10 个工作日后的完成时限为" in html.decode()
    assert "2026年9月15日" in html.decode()
    html = client.get(reverse("ledger:deadline_preview"), {"working_days": "x"}).content
    assert "填写工作日数后" in html.decode()
    form_html = client.get(reverse("ledger:item_new")).content.decode()
    assert f'hx-get="{reverse("ledger:deadline_preview")}"' in form_html
