"""The confidentiality rule, attacked from the accused unit's and the accused person's side:
lists, counts, searches, details, steps and repeat figures all come back empty. Then who
may see a petitioner."""

import pytest
from django.core.exceptions import PermissionDenied

from taizhang.org.constants import Role
from taizhang.org.models import AuditEntry, RoleGrant, User
from taizhang.org.tests.factories import make_user
from taizhang.petitions import repeats, rules
from taizhang.petitions.constants import IDENTITY_HIDDEN, Status
from taizhang.petitions.errors import NotAllowed
from taizhang.petitions.lights import annotate_light
from taizhang.petitions.queries import (
    identity_visible_petitions,
    may_see_identity,
    petitioner_views,
    reveal,
    visible_petitions,
)
from taizhang.petitions.tests.factories import TODAY, register

pytestmark = pytest.mark.django_db

SECRET = "检举西河村主任挪用低保资金"


@pytest.fixture
def cases(world):
    """An accusation against 西河村 handled by 西河乡, one against the 人社局长 handled by
    督查室, and a plain petition handled by 人社局."""
    against_village = register(world, content=SECRET, is_accusation=True,
                               accused_unit=world.tree.west_village)
    against_head = register(world, content="检举人社局长收受红包", is_accusation=True,
                            accused_person=world.renshe_head.person)
    plain = register(world, content="反映拖欠工资")
    for petition, unit, handler in ((against_village, world.tree.west, world.west_staff),
                                    (against_head, world.tree.supervision, None),
                                    (plain, world.renshe, world.renshe_handler)):
        rules.accept_petition(petition, actor=world.officer)
        rules.assign_petition(petition, actor=world.officer, unit=unit)
        if handler is not None:
            rules.start_handling(petition, actor=handler, handler=handler.person)
    return {"village": against_village, "head": against_head, "plain": plain}


def attack(user, petition):
    """Everything a page, search, export, count or API route could ask about ``petition``."""
    mine = visible_petitions(user)
    return {
        "listed": mine.filter(pk=petition.pk).exists(),
        "by_number": mine.filter(registration_no=petition.registration_no).exists(),
        "by_content": mine.filter(content__icontains=petition.content[2:8]).exists(),
        "accusations": mine.filter(is_accusation=True, pk=petition.pk).count(),
        "in_volume": repeats.volume(mine.filter(pk=petition.pk))["petitions"],
        "in_lights": annotate_light(mine, TODAY).filter(pk=petition.pk).count(),
        "identity": identity_visible_petitions(user).filter(pk=petition.pk).exists(),
    }


NOTHING = {"listed": False, "by_number": False, "by_content": False, "accusations": 0,
           "in_volume": 0, "in_lights": 0, "identity": False}


def test_the_accused_unit_and_everyone_under_it_see_nothing(world, cases):
    grid_worker = world.tree.west_grid_worker
    for user in (world.village_cadre, grid_worker):
        assert attack(user, cases["village"]) == NOTHING
        assert not visible_petitions(user).filter(content__contains="低保").exists()


def test_someone_granted_a_role_in_the_accused_unit_sees_nothing(world, cases):
    # A district cadre put in charge of 西河村 (包村干部) sits elsewhere but acts for it —
    # even one who also works in the petition office.
    cadre = make_user(world.xfj, Role.PETITION_OFFICER, username="baocun")
    RoleGrant.objects.create(person=cadre.person, role=Role.UNIT_STAFF,
                             unit=world.tree.west_village)
    assert attack(cadre, cases["village"]) == NOTHING
    assert attack(cadre, cases["plain"])["listed"]


def test_the_accused_person_sees_nothing_whatever_they_hold(world, cases):
    head = world.renshe_head
    assert attack(head, cases["head"]) == NOTHING
    # Give them every role that would otherwise see it: still nothing.
    for role in (Role.PETITION_OFFICER, Role.SUPERVISION, Role.ADMIN):
        RoleGrant.objects.create(person=head.person, role=role, unit=world.tree.district)
    head.is_superuser = True
    head.save()
    head = User.objects.get(pk=head.pk)  # a new request: scopes are cached per user object
    assert attack(head, cases["head"]) == NOTHING
    # And the rest of the world is not hidden from them.
    assert attack(head, cases["village"])["listed"]


def test_the_accused_cannot_act_on_it(world, cases):
    RoleGrant.objects.create(person=world.renshe_head.person, role=Role.PETITION_OFFICER,
                             unit=world.xfj)
    with pytest.raises(NotAllowed, match="找不到该信访件"):
        rules.close_petition(cases["head"], actor=world.renshe_head)
    with pytest.raises(NotAllowed, match="找不到该信访件"):
        repeats.unlink_repeat(cases["village"], actor=world.village_cadre, reason="x")
    assert rules.relations(world.village_cadre, cases["village"]) == set()


def test_supervisors_of_the_accused_unit_do_see_it(world, cases):
    # The township above the village supervises it; the district office registered it.
    for user in (world.west_staff, world.west_head, world.west_officer, world.officer,
                 world.supervisor):
        assert attack(user, cases["village"])["listed"], user


def test_an_accusation_against_the_township_hides_it_from_its_office(world):
    petition = register(world, is_accusation=True, accused_unit=world.tree.west)
    assert attack(world.west_officer, petition) == NOTHING
    assert attack(world.west_head, petition) == NOTHING
    assert attack(world.officer, petition)["listed"]


def test_counts_do_not_betray_a_hidden_accusation(world, cases):
    cadre_count = visible_petitions(world.village_cadre).count()
    staff_count = visible_petitions(world.west_staff).count()
    assert cadre_count == 0 and staff_count == 1
    assert repeats.volume(visible_petitions(world.renshe_head)) == {
        "cases": 1, "petitions": 1, "visits": 1}


def test_petitioners_are_named_only_to_the_office_and_the_handler(world, cases):
    plain = cases["plain"]
    assert may_see_identity(world.officer, plain)
    assert may_see_identity(world.renshe_handler, plain)
    for user in (world.renshe_clerk, world.renshe_head, world.supervisor):
        assert visible_petitions(user).filter(pk=plain.pk).exists()
        assert not may_see_identity(user, plain)
        view = petitioner_views(user, plain)[0]
        assert view.hidden and view.name == view.phone == view.id_number == IDENTITY_HIDDEN
    view = petitioner_views(world.renshe_handler, plain)[0]
    assert (view.name, view.phone, view.id_number) == ("张三", "138****1111",
                                                       "1101**********4477")


def test_revealing_a_number_is_audited_and_refused_to_others(world, cases):
    row = cases["plain"].petitioners.get()
    assert reveal(world.officer, row, "id_number") == "110101199003074477"
    entry = AuditEntry.objects.filter(action="pii_disclosure").latest("seq")
    assert entry.detail == {"field": "id_number"} and entry.actor_id == world.officer.pk
    with pytest.raises(PermissionDenied):
        reveal(world.renshe_clerk, row, "phone")
    with pytest.raises(ValueError):
        reveal(world.officer, row, "address")


def test_a_petition_unassigned_is_only_the_offices(world):
    petition = register(world)
    assert petition.status == Status.REGISTERED
    assert visible_petitions(world.west_staff).filter(pk=petition.pk).exists() is False
    assert visible_petitions(world.west_officer).filter(pk=petition.pk).exists()
    assert not visible_petitions(world.east_staff).exists()
