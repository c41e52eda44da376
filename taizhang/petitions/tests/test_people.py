"""Who works in which petition office, and who heads a handling unit."""

import pytest

from taizhang.org.constants import Role
from taizhang.org.models import RoleGrant, User
from taizhang.org.tests.factories import make_user
from taizhang.petitions.people import heads_unit, office_roots, person_unit_ids

pytestmark = pytest.mark.django_db


def test_an_office_serves_the_level_of_government_above_where_its_role_was_granted(world):
    assert office_roots(world.officer) == {world.tree.district.pk}  # 信访局 → the district
    assert office_roots(world.west_officer) == {world.tree.west.pk}
    village = make_user(world.tree.west_village, Role.PETITION_OFFICER, username="cun_xf")
    assert office_roots(village) == {world.tree.west.pk}  # a village has no office of its own


def test_no_role_no_office(world):
    assert office_roots(world.renshe_clerk) == frozenset()
    world.officer.person.is_active = False
    world.officer.person.save()
    assert office_roots(User.objects.get(pk=world.officer.pk)) == frozenset()


def test_the_head_is_the_leader_of_that_very_unit(world):
    assert heads_unit(world.renshe_head, world.renshe.pk)
    assert not heads_unit(world.renshe_head, world.renshe_team.pk)
    assert not heads_unit(world.renshe_clerk, world.renshe.pk)


def test_a_person_acts_in_their_unit_and_where_roles_were_granted(world):
    person = world.renshe_clerk.person
    RoleGrant.objects.create(person=person, role=Role.UNIT_STAFF, unit=world.tree.west)
    assert person_unit_ids(person) == {world.renshe.pk, world.tree.west.pk}
