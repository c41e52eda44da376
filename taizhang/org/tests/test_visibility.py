"""The visibility matrix: who sees which units and records, through the one rule."""

import pytest

from taizhang.org.constants import Role
from taizhang.org.models import Person, RoleGrant
from taizhang.org.tests.factories import PersonFactory, UserFactory, make_user
from taizhang.org.visibility import restrict, scope_for, visible_units

pytestmark = pytest.mark.django_db

EAST = {"东城街道", "东关社区", "东关社区第一网格"}
WEST = {"西河乡", "西河村", "西河村第一网格"}


def names(qs):
    return set(qs.values_list("name", flat=True))


def test_township_clerk_sees_own_subtree_only(tree):
    assert names(visible_units(tree.east_clerk)) == EAST
    assert names(visible_units(tree.west_clerk)) == WEST
    assert not scope_for(tree.west_clerk).can_see_unit(tree.east_village)
    assert scope_for(tree.west_clerk).can_see_unit(tree.west_grid)


def test_grid_worker_sees_own_grid(tree):
    assert names(visible_units(tree.west_grid_worker)) == {"西河村第一网格"}


@pytest.mark.parametrize("role", [Role.SUPERVISION, Role.AUDITOR, Role.ADMIN])
def test_district_wide_roles_see_everything(tree, role):
    user = make_user(tree.west_grid, role)
    assert visible_units(user).count() == 8
    assert scope_for(user).can_see_unit(tree.east_grid)


def test_superuser_sees_everything(tree):
    assert visible_units(UserFactory(is_superuser=True)).count() == 8


def test_leader_sees_units_placed_in_charge_of(tree):
    leader = make_user(tree.district, Role.LEADER, username="leader")
    assert visible_units(leader).count() == 8
    deputy = make_user(tree.supervision, Role.LEADER)
    RoleGrant.objects.create(person=deputy.person, role=Role.LEADER, unit=tree.west)
    assert names(visible_units(deputy)) == {"督查室"} | WEST


def test_nobody_without_a_person_or_inactive(tree):
    assert not visible_units(UserFactory()).exists()
    tree.west_clerk.person.is_active = False
    tree.west_clerk.person.save()
    tree.west_clerk._taizhang_scope = None
    assert not visible_units(tree.west_clerk).exists()
    tree.east_clerk.is_active = False
    assert not visible_units(tree.east_clerk).exists()


def test_records_filtered_by_unit_or_ownership(tree):
    east_people = {PersonFactory(unit=tree.east_village).pk, PersonFactory(unit=tree.east).pk}
    west_person = PersonFactory(unit=tree.west_village)
    visible = set(restrict(Person.objects.all(), tree.east_clerk).values_list("pk", flat=True))
    assert east_people <= visible and west_person.pk not in visible
    # Ownership widens the scope: a record the user owns is visible wherever it sits.
    owned = restrict(Person.objects.filter(pk=tree.west_clerk.person.pk), tree.east_clerk,
                     owner_fields=["pk"])
    assert not owned.exists()
    own = restrict(Person.objects.filter(pk=tree.east_clerk.person.pk), tree.east_clerk,
                   unit_field=None, owner_fields=["pk"])
    assert own.exists()


def test_scope_is_computed_once_per_user_object(tree, django_assert_num_queries):
    scope_for(tree.west_clerk)
    with django_assert_num_queries(0):
        scope_for(tree.west_clerk)
