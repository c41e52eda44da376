"""One petition's page: facts, petitioners as the person may see them, the repeat chain, the
timeline, and a form for each step they may take — a 404 for anyone who may not see it."""

import pytest
from django.urls import reverse

from taizhang.petitions import rules
from taizhang.petitions.constants import IDENTITY_HIDDEN
from taizhang.petitions.tests.factories import ID_WANG, petitioner, register

pytestmark = pytest.mark.django_db


def detail(client, user, petition, status=200):
    client.force_login(user)
    page = client.get(reverse("petitions:detail", args=[petition.pk]))
    assert page.status_code == status
    return page


def steps(page):
    return [form.step for form in page.context["forms"]]


def test_the_office_sees_petitioners_masked_and_its_steps(client, world):
    petition = register(world)
    page = detail(client, world.officer, petition)
    html = page.content.decode()
    assert "张三" in html and "110101199003074477" not in html  # the ID number masked
    assert steps(page) == ["accept", "refuse", "repeat_link", "category"]
    assert "登记" in [e["label"] for e in page.context["events"]]
    assert reverse("petitions:backlog-open", args=[petition.pk]) in html


def test_the_handling_unit_sees_the_petition_but_not_who_brought_it(client, world):
    petition = register(world)
    rules.accept_petition(petition, actor=world.officer)
    rules.assign_petition(petition, actor=world.officer, unit=world.renshe)
    page = detail(client, world.renshe_clerk, petition)
    assert "张三" not in page.content.decode() and IDENTITY_HIDDEN in page.content.decode()
    assert steps(page) == ["start", "request_extension"]


def test_out_of_sight_is_a_404_and_the_accused_gets_one_too(client, world):
    petition = register(world)
    detail(client, world.east_staff, petition, status=404)
    accusation = register(world, is_accusation=True, accused_unit=world.tree.west_village,
                          petitioners=[petitioner(name="李四", id_number=ID_WANG)])
    detail(client, world.village_cadre, accusation, status=404)
    # The same page as for a petition that does not exist.
    missing = type(accusation)(pk=accusation.pk + 1000)
    assert detail(client, world.village_cadre, missing, status=404).templates[0].name == (
        detail(client, world.village_cadre, accusation, status=404).templates[0].name)


def test_the_repeat_chain_is_listed(client, world):
    first = register(world)
    again = register(world)
    page = detail(client, world.officer, again)
    assert [p.pk for p in page.context["chain"]] == [first.pk, again.pk]
    assert "repeat_unlink" in steps(page) and "repeat_link" not in steps(page)
