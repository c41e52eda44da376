"""The petition list: what each person may see, its filters, light counts and paging — and an
accusation that never shows to its accused, however they search."""

import pytest
from django.urls import reverse

from taizhang.petitions import rules
from taizhang.petitions.tests.factories import ID_LI, ID_WANG, petitioner, register

pytestmark = pytest.mark.django_db
LIST = reverse("petitions:list")


def listed(client, user, **query):
    client.force_login(user)
    page = client.get(LIST, query)
    assert page.status_code == 200
    return page


def numbers(page):
    return [p.registration_no for p in page.context["page"].object_list]


@pytest.fixture
def accusation(world):
    return register(world, is_accusation=True, accused_unit=world.tree.west_village,
                    petitioners=[petitioner(name="李四", id_number=ID_WANG)])


def test_the_office_sees_every_petition_of_its_reach_without_petitioners(client, world,
                                                                        accusation):
    first = register(world)
    page = listed(client, world.officer)
    assert set(numbers(page)) == {first.registration_no, accusation.registration_no}
    html = page.content.decode()
    assert "张三" not in html and "李四" not in html  # identity only on the detail
    assert page.context["may_register"] and reverse("petitions:register") in html


def test_the_accused_never_finds_the_accusation(client, world, accusation):
    plain = register(world)
    for query in ({}, {"q": accusation.registration_no}, {"kind": "repeat"},
                  {"status": "registered"}, {"light": "green"}, {"page": "2"}):
        page = listed(client, world.village_cadre, **query)
        assert accusation.registration_no not in numbers(page)
        assert page.context["page"].paginator.count == 0
    # The village cadre sees the plain petition only once it is assigned to their unit.
    assert numbers(listed(client, world.village_cadre)) == []
    rules.accept_petition(plain, actor=world.officer)
    rules.assign_petition(plain, actor=world.officer, unit=world.tree.west_village)
    page = listed(client, world.village_cadre)
    assert numbers(page) == [plain.registration_no]
    assert sum(count for _, _, count in page.context["light_counts"]) == 1


def test_filters_and_light_counts(client, world):
    visit = register(world)
    letter = register(world, channel="letter", head_count=6,
                      petitioners=[petitioner(name="王五", id_number=ID_LI, phone="13900002222")])
    assert numbers(listed(client, world.officer, channel="letter")) == [letter.registration_no]
    assert numbers(listed(client, world.officer, q=visit.registration_no[-6:])) == [
        visit.registration_no]
    page = listed(client, world.officer)
    assert {light: n for light, _, n in page.context["light_counts"]}["green"] == 2
    page = listed(client, world.officer, received_from="2030-01-01")
    assert numbers(page) == [] and "没有符合筛选条件的信访件" in page.content.decode()


def test_someone_with_nothing_to_see_is_told_why(client, world):
    register(world)
    page = listed(client, world.east_staff)
    assert numbers(page) == [] and "交办给本单位的信访件会出现在这里" in page.content.decode()
    assert not page.context["may_register"]
