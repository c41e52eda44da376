"""Who is who for petitions: the petition office, the handling unit, the head of that unit.

A petition office (信访工作机构) serves one level of government: a 信访工作人员 role granted in
a unit reaches the nearest district, township or sub-district at or above that unit, and
everything under it. The district's 信访局 (a department) so reaches the whole district; a
township's 信访专干 reaches the township.
"""

from ..org.constants import Role, UnitKind
from ..org.models import RoleGrant, Unit

# The levels of government a petition office serves.
LEVEL_KINDS = (UnitKind.DISTRICT, UnitKind.TOWNSHIP, UnitKind.SUBDISTRICT)


def _active_person(user):
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    person = getattr(user, "person", None)
    return person if person is not None and person.is_active else None


def office_root(unit_id) -> int:
    """The level of government a petition-office role granted in ``unit_id`` reaches."""
    level = (Unit.objects.filter(descendant_links__descendant_id=unit_id, kind__in=LEVEL_KINDS)
             .order_by("-depth").values_list("pk", flat=True).first())
    return level or unit_id


def office_grants(user) -> dict[int, int]:
    """{unit a petition-office role is granted in: the root of the subtree it reaches}."""
    person = _active_person(user)
    if person is None:
        return {}
    return {unit_id: office_root(unit_id) for unit_id in person.role_grants.filter(
        role=Role.PETITION_OFFICER).values_list("unit_id", flat=True)}


def office_roots(user) -> frozenset[int]:
    """The units whose subtrees the user's petition-office role reaches (empty: none)."""
    cached = getattr(user, "_taizhang_petition_office", None)
    if cached is not None:
        return cached
    result = frozenset(office_grants(user).values())
    if getattr(user, "is_authenticated", False):
        user._taizhang_petition_office = result
    return result


def person_unit_ids(person) -> set[int]:
    """The units a person belongs to or acts in: their own and every unit a role was granted in."""
    return {person.unit_id} | set(person.role_grants.values_list("unit_id", flat=True))


def heads_unit(user, unit_id) -> bool:
    """The head (负责人) of a unit: holds the 领导 role granted in that very unit."""
    person = _active_person(user)
    return person is not None and RoleGrant.objects.filter(
        person=person, role=Role.LEADER, unit_id=unit_id).exists()
