"""The backlog pages: making a petition a backlog case, the backlog ledger and a leader's own
cases."""

from datetime import date

import pytest
from django.urls import reverse

from taizhang.ledger.constants import ItemStatus
from taizhang.petitions.models import BacklogCase
from taizhang.petitions.tests.factories import ID_WANG, petitioner, register
from taizhang.petitions.tests.test_backlog import county, opened  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def form_data(world, county, **changes):  # noqa: F811
    data = {
        "leader": county.person.pk, "lead_unit": world.renshe.pk,
        "goal": "清偿拖欠工资，信访人息诉罢访", "measures": "约谈、督促、回访",
        "deadline": "2026-12-31",
        "plan-TOTAL_FORMS": "3", "plan-INITIAL_FORMS": "0",
        "plan-0-title": "约谈施工单位", "plan-0-due": "2026-09-15",
        "plan-1-title": "督促清偿欠薪", "plan-1-due": "2026-10-31",
        "plan-2-title": "", "plan-2-due": "",
        "team-TOTAL_FORMS": "2", "team-INITIAL_FORMS": "0",
        "team-0-person": world.renshe_head.person.pk, "team-0-duty": "牵头化解",
        "team-1-person": "", "team-1-duty": "",
    }
    data.update(changes)
    return data


def test_the_office_makes_a_petition_a_backlog_case(client, world, county):  # noqa: F811
    petition = register(world)
    client.force_login(world.officer)
    url = reverse("petitions:backlog-open", args=[petition.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert list(page.context["form"].fields["leader"].queryset) == [county.person]
    response = client.post(url, form_data(world, county))
    case = BacklogCase.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("ledger:item", args=[case.item.pk])
    assert [m.title for m in case.item.milestones.all()] == ["约谈施工单位", "督促清偿欠薪"]
    assert [m.duty for m in case.team.all()] == ["牵头化解"]
    # Asked again, the page says it is already a case and goes there.
    assert client.get(url)["Location"] == reverse("ledger:item", args=[case.item.pk])


def test_a_refused_case_says_why_and_saves_nothing(client, world, county):  # noqa: F811
    petition = register(world)
    client.force_login(world.officer)
    url = reverse("petitions:backlog-open", args=[petition.pk])
    page = client.post(url, form_data(world, county, **{"plan-1-due": "2027-01-15"}))
    assert page.status_code == 400 and "完成日期须在今天与化解时限之间" in page.context["problem"]
    page = client.post(url, form_data(world, county, **{"team-0-duty": ""}))
    assert page.status_code == 400 and page.context["team"].forms[0].errors["duty"]
    page = client.post(url, form_data(world, county, deadline="2026-08-01"))
    assert page.status_code == 400 and page.context["form"].errors["deadline"]
    assert not BacklogCase.objects.exists()


def test_an_accusation_is_refused_on_the_page(client, world, county):  # noqa: F811
    accusation = register(world, is_accusation=True, accused_unit=world.tree.west_village,
                          petitioners=[petitioner(name="李四", id_number=ID_WANG)])
    client.force_login(world.officer)
    page = client.post(reverse("petitions:backlog-open", args=[accusation.pk]),
                       form_data(world, county))
    assert page.status_code == 400 and "检举揭发" in page.context["problem"]


def test_only_the_office_may_open_a_case(client, world, county):  # noqa: F811
    petition = register(world)
    url = reverse("petitions:backlog-open", args=[petition.pk])
    client.force_login(world.supervisor)  # sees every petition, but is not the office
    assert client.post(url, form_data(world, county)).status_code == 403
    client.force_login(world.east_staff)  # does not even see it
    assert client.get(url).status_code == 404
    assert not BacklogCase.objects.exists()


def test_the_backlog_ledger_shows_leader_team_plan_and_light(client, world, county):  # noqa: F811
    case = opened(world, county)
    client.force_login(world.officer)
    page = client.get(reverse("petitions:backlog"))
    [row] = page.context["rows"]
    assert (row["case"], row["done"], row["steps"], row["times"], row["people"]) == (
        case, 0, 3, 1, 1)
    assert row["next_step"].title == "约谈施工单位" and row["item"].light == "green"
    html = page.content.decode()
    assert "王副区长" in html and "人社局长" in html and "牵头化解" in html
    assert "0/3 步" in html
    assert client.get(reverse("petitions:backlog"), {"light": "red"}).context["rows"] == []
    client.force_login(world.renshe_clerk)  # the lead unit sees its case
    assert len(client.get(reverse("petitions:backlog")).context["rows"]) == 1
    client.force_login(world.east_staff)
    page = client.get(reverse("petitions:backlog"))
    assert page.context["rows"] == [] and "暂无信访积案" in page.content.decode()


def test_a_leader_sees_the_cases_they_take(client, world, county):  # noqa: F811
    case = opened(world, county)
    client.force_login(county)
    [row] = client.get(reverse("petitions:backlog-mine")).context["rows"]
    assert row["case"] == case
    case.item.status = ItemStatus.CLOSED
    case.item.closed_on = date(2026, 9, 1)
    case.item.save()
    page = client.get(reverse("petitions:backlog-mine"))
    assert page.context["resolved"] == 1 and "已化解销号" in page.content.decode()
    client.force_login(world.renshe_clerk)
    assert "您目前没有包案" in client.get(reverse("petitions:backlog-mine")).content.decode()
