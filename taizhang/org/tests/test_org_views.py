"""The organisation browser seen by users of different scopes: the visibility matrix."""

import pytest
from django.urls import reverse

from taizhang.org.constants import AuditAction, Role
from taizhang.org.models import AuditEntry, Person
from taizhang.org.tests.factories import PersonFactory, UserFactory, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(tree):
    """One more person in each village, so there are people a clerk may not see."""
    return {
        "east": PersonFactory(unit=tree.east_village, name="张东关", phone="13911112222",
                              title="社区主任"),
        "west": PersonFactory(unit=tree.west_village, name="李西河", phone="13933334444",
                              title="村支书"),
    }


@pytest.fixture
def browse(client):
    def as_user(user):
        client.force_login(user)
        return client
    return as_user


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content.decode()[:500]
    return response.content.decode()


def unit_url(unit):
    return reverse("org:unit", args=[unit.pk])


def children_url(unit):
    return reverse("org:children", args=[unit.pk])


def reveal_url(person):
    return reverse("org:reveal_phone", args=[person.pk])


EAST_NAMES = ["东城街道", "东关社区", "东关社区第一网格", "张东关"]


# The tree


def test_tree_of_a_township_clerk_starts_at_their_township(tree, browse):
    html = page(browse(tree.west_clerk), reverse("org:tree"))
    assert "西河乡" in html and "西河村" in html
    for name in [*EAST_NAMES, "示范区", "督查室"]:
        assert name not in html


def test_tree_of_the_supervision_office_starts_at_the_district(tree, browse):
    html = page(browse(tree.supervisor), reverse("org:tree"))
    for name in ["示范区", "督查室", "东城街道", "西河乡"]:
        assert name in html
    # Deeper levels wait for a click.
    assert "东关社区" not in html
    assert f'hx-get="{children_url(tree.east)}"' in html


def test_tree_of_a_grid_worker_is_their_grid(tree, browse):
    html = page(browse(tree.west_grid_worker), reverse("org:tree"))
    assert "西河村第一网格" in html
    assert "西河村</a>" not in html and "西河乡" not in html


def test_children_are_loaded_only_inside_the_scope(tree, browse):
    client = browse(tree.west_clerk)
    assert "西河村第一网格" in page(client, children_url(tree.west_village))
    for unit in (tree.east, tree.east_village, tree.district):
        page(client, children_url(unit), status=404)


def test_tree_without_a_person_record_says_why_it_is_empty(db, browse):
    html = page(browse(UserFactory()), reverse("org:tree"))
    assert "您的查看范围内没有单位" in html


def test_pages_need_login(tree, client):
    for url in (reverse("org:tree"), unit_url(tree.west), reverse("org:search") + "?q=西"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


# A unit and its people


def test_units_outside_the_scope_are_not_found(tree, people, browse):
    client = browse(tree.west_clerk)
    for unit in (tree.east, tree.east_village, tree.east_grid, tree.district, tree.supervision):
        html = page(client, unit_url(unit), status=404)
        assert "找不到这个页面" in html
        assert unit.name not in html


def test_grid_worker_sees_only_their_grid(tree, browse):
    client = browse(tree.west_grid_worker)
    page(client, unit_url(tree.west_grid))
    for unit in (tree.west_village, tree.west, tree.east_grid):
        page(client, unit_url(unit), status=404)


def test_unit_page_shows_facts_people_and_children(tree, people, browse):
    html = page(browse(tree.west_clerk), unit_url(tree.west_village))
    assert "419901201201" in html and "2600 人" in html
    assert "李西河" in html and "村支书" in html
    assert f'href="{unit_url(tree.west_grid)}"' in html
    # The breadcrumb names only what the clerk may see: not the district above the township.
    assert f'href="{unit_url(tree.west)}"' in html
    assert "示范区" not in html


def test_phones_are_masked(tree, people, browse):
    html = page(browse(tree.supervisor), unit_url(tree.west_village))
    assert "139****4444" in html
    assert "13933334444" not in html


def test_unit_without_people_says_what_to_do(tree, browse):
    html = page(browse(tree.supervisor), unit_url(tree.east_grid))
    assert "该单位尚未登记人员。系统管理员可在“系统管理 › 人员”中添加。" in html
    assert "网格是最基层的单位" in html


# Search


def test_search_stays_inside_the_scope(tree, people, browse):
    client = browse(tree.west_clerk)
    html = page(client, reverse("org:search") + "?q=东")
    for name in EAST_NAMES:
        assert name not in html
    assert "没有找到" in html
    html = page(client, reverse("org:search") + "?q=西河")
    assert "西河村第一网格" in html and "李西河" in html
    assert "139****4444" in html and "13933334444" not in html


def test_search_by_the_supervision_office_finds_everything(tree, people, browse):
    html = page(browse(tree.supervisor), reverse("org:search") + "?q=东")
    for name in EAST_NAMES:
        assert name in html


def test_search_by_division_code_prefix(tree, browse):
    html = page(browse(tree.supervisor), reverse("org:search") + "?q=419901001")
    assert "东城街道" in html and "东关社区" in html and "西河乡" not in html


def test_empty_search_explains_itself(tree, browse):
    assert "请输入单位名称" in page(browse(tree.west_clerk), reverse("org:search"))


# Revealing a phone number


def test_reveal_button_only_for_roles_that_may(tree, people, browse):
    html = page(browse(tree.supervisor), unit_url(tree.west_village))
    assert f'hx-post="{reveal_url(people["west"])}"' in html
    html = page(browse(tree.west_clerk), unit_url(tree.west_village))
    assert reveal_url(people["west"]) not in html


def test_reveal_shows_the_number_and_is_audited(tree, people, browse):
    person = people["east"]
    response = browse(tree.supervisor).post(reveal_url(person))
    assert response.status_code == 200
    assert "13911112222" in response.content.decode()
    assert "no-cache" in response["Cache-Control"]
    entry = AuditEntry.objects.get(action=AuditAction.PII_DISCLOSURE)
    assert (entry.actor_id, entry.object_type, entry.object_id) == (
        tree.supervisor.pk, "org.person", str(person.pk))
    assert entry.detail == {"field": "phone"}


def test_reveal_refused_to_a_role_without_the_right(tree, people, browse):
    response = browse(tree.west_clerk).post(reveal_url(people["west"]))
    assert response.status_code == 403
    assert "13933334444" not in response.content.decode()
    assert not AuditEntry.objects.filter(action=AuditAction.PII_DISCLOSURE).exists()


def test_reveal_outside_the_scope_is_not_found(tree, people, browse):
    client = browse(tree.west_clerk)
    for person in (people["east"], tree.east_clerk.person, tree.supervisor.person):
        assert client.post(reveal_url(person)).status_code == 404
    assert not AuditEntry.objects.filter(action=AuditAction.PII_DISCLOSURE).exists()


def test_everyone_may_reveal_their_own_number(tree, browse):
    me = tree.west_clerk.person
    client = browse(tree.west_clerk)
    assert f'hx-post="{reveal_url(me)}"' in page(client, unit_url(tree.west))
    response = client.post(reveal_url(me))
    assert response.status_code == 200
    assert me.phone in response.content.decode()
    assert AuditEntry.objects.filter(action=AuditAction.PII_DISCLOSURE,
                                     object_id=str(me.pk)).count() == 1


def test_reveal_needs_post(tree, people, browse):
    assert browse(tree.supervisor).get(reveal_url(people["west"])).status_code == 405


def test_leader_granted_a_second_unit_sees_both_subtrees(tree, people, browse):
    leader = make_user(tree.supervision, Role.LEADER, username="leader")
    Person.objects.get(user=leader).role_grants.create(role=Role.LEADER, unit=tree.east)
    html = page(browse(leader), reverse("org:tree"))
    assert "督查室" in html and "东城街道" in html and "西河乡" not in html
    page(browse(leader), unit_url(tree.east_village))
    page(browse(leader), unit_url(tree.west_village), status=404)
