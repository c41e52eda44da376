"""Who may see which petition, and who may see who brought it: the one confidentiality rule.

A user sees a petition when
- they work in a petition office whose level covers the unit where it arose or the unit
  handling it (see ``people.office_roots``); or
- they hold a district-wide role (督查室, 审计, 系统管理) or are a superuser; or
- the petition is assigned to a unit in their scope (``org.visibility``: their unit and
  what lies under it, and units a role was granted in), or to them as handler;

and never, whatever else they hold, when it is an accusation (检举揭发) naming them as the
accused person, or naming as the accused unit a unit they belong to or act in, or any unit
above one of those. The accused unit and everything under it are thus blind to it; the units
above the accused unit, who supervise it, are not. A petition hidden this way does not exist
for that user: not in a list, a count, a search, a detail or a repeat chain.

Petitioner identity (name, ID number, phone, address) is shown only to the petition office
and to the assigned handler; everyone else who sees the petition sees ``IDENTITY_HIDDEN``.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q

from ..org import audit, pii
from ..org.constants import AuditAction
from ..org.models import UnitClosure
from ..org.visibility import Scope, scope_for
from .constants import IDENTITY_HIDDEN
from .models import Petition, Petitioner
from .people import office_roots, person_unit_ids


def _office_condition(user) -> Q | None:
    roots = office_roots(user)
    if not roots:
        return None
    units = Scope(False, roots, None).visible_unit_ids()
    return Q(origin_unit__in=units) | Q(handling_unit__in=units)


def blind_condition(unit_ids, person_id=None) -> Q:
    """The accusations that people of ``unit_ids`` (and the person ``person_id``) may never
    see: the whole rule, written once; no role outweighs it."""
    above_theirs = UnitClosure.objects.filter(descendant_id__in=unit_ids).values("ancestor_id")
    named = Q(accused_unit__in=above_theirs)
    if person_id is not None:
        named |= Q(accused_person_id=person_id)
    return Q(is_accusation=True) & named


def excluded_condition(person) -> Q:
    return blind_condition(person_unit_ids(person), person.pk)


def _without_exclusions(petitions, user):
    person = getattr(user, "person", None)
    if person is None:
        return petitions
    # NOT IN over primary keys: a plain NOT over nullable columns would also drop rows
    # where the accused columns are NULL.
    hidden = Petition.objects.filter(excluded_condition(person)).values("pk")
    return petitions.exclude(pk__in=hidden)


def visible_petitions(user):
    """Every petition ``user`` may know exists. Lists, counts, details, exports, searches and
    API routes all start here."""
    scope = scope_for(user)
    office = _office_condition(user)
    if scope.everything:
        petitions = Petition.objects.all()
    else:
        condition = Q(handling_unit__in=scope.visible_unit_ids()) if scope.root_unit_ids else Q()
        if scope.person_id is not None:
            condition |= Q(handler_id=scope.person_id)
        if office is not None:
            condition |= office
        if not condition:
            return Petition.objects.none()
        petitions = Petition.objects.filter(condition)
    return _without_exclusions(petitions, user)


def identity_visible_petitions(user):
    """The petitions whose petitioners ``user`` may see: as the office, or as the handler."""
    condition = _office_condition(user) or Q(pk__in=[])
    person = getattr(user, "person", None)
    if person is not None:
        condition |= Q(handler_id=person.pk)
    return visible_petitions(user).filter(condition)


def is_office_for(user, petition) -> bool:
    condition = _office_condition(user)
    return condition is not None and visible_petitions(user).filter(
        condition, pk=petition.pk).exists()


def may_see_identity(user, petition) -> bool:
    return identity_visible_petitions(user).filter(pk=petition.pk).exists()


def is_excluded(person, petition) -> bool:
    """Whether ``person`` is blind to ``petition`` (the rule above, asked of one person)."""
    return Petition.objects.filter(excluded_condition(person), pk=petition.pk).exists()


@dataclass(frozen=True)
class PetitionerView:
    """A petitioner as one user may see them: masked personal data, or nothing at all."""

    pk: int
    name: str
    id_number: str
    phone: str
    address: str
    hidden: bool


def petitioner_views(user, petition) -> list[PetitionerView]:
    rows = list(Petitioner.objects.filter(petition_id=petition.pk))
    if not may_see_identity(user, petition):
        return [PetitionerView(p.pk, IDENTITY_HIDDEN, IDENTITY_HIDDEN, IDENTITY_HIDDEN,
                               IDENTITY_HIDDEN, True) for p in rows]
    return [PetitionerView(p.pk, p.name,
                           pii.mask_id_number(p.id_number) if p.id_number else "",
                           pii.mask_phone(p.phone) if p.phone else "", p.address, False)
            for p in rows]


def reveal(user, petitioner, field, *, request=None) -> str:
    """A petitioner's ID number or phone in clear, for the office or the handler; audited."""
    if field not in ("id_number", "phone"):
        raise ValueError(field)
    if not may_see_identity(user, petitioner.petition):
        raise PermissionDenied("无权查看信访人信息。")
    with transaction.atomic():
        audit.record(AuditAction.PII_DISCLOSURE, actor=user, subject=petitioner,
                     request=request, detail={"field": field})
    return getattr(petitioner, field)
