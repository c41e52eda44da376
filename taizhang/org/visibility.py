"""The one visibility rule. Every list, detail, API route, export and search goes through it.

A user sees:
- everything, if they are a superuser or hold a district-wide role (督查室, 审计, 系统管理);
- otherwise the units under their own unit and under every unit a role was granted in,
  and the records of those units;
- plus records they personally own (passed as ``owner_fields`` by the caller).
A user with no person record sees nothing.
"""

from dataclasses import dataclass

from django.db.models import Q

from .constants import DISTRICT_WIDE_ROLES
from .models import Unit, UnitClosure


@dataclass(frozen=True)
class Scope:
    everything: bool
    root_unit_ids: frozenset[int]
    person_id: int | None

    def visible_unit_ids(self):
        """A subquery of unit ids, for ``unit_id__in=``; never materialised in Python."""
        return UnitClosure.objects.filter(ancestor_id__in=self.root_unit_ids).values(
            "descendant_id"
        )

    def units(self):
        if self.everything:
            return Unit.objects.all()
        return Unit.objects.filter(pk__in=self.visible_unit_ids())

    def filter(self, queryset, unit_field="unit", owner_fields=()):
        """Restrict ``queryset`` to records of visible units or owned by this person."""
        if self.everything:
            return queryset
        condition = Q(**{f"{unit_field}__in": self.visible_unit_ids()}) if unit_field else Q()
        if self.person_id is not None:
            for field in owner_fields:
                condition |= Q(**{field: self.person_id})
        if not condition:
            return queryset.none()
        return queryset.filter(condition)

    def unit_condition(self, *unit_paths):
        """A Q matching records related to a visible unit through any of ``unit_paths``
        (for records tied to units in several ways, e.g. a lead unit and a ledger's unit)."""
        units = self.visible_unit_ids()
        condition = Q()
        for path in unit_paths:
            condition |= Q(**{f"{path}__in": units})
        return condition

    def can_see_unit(self, unit) -> bool:
        if self.everything:
            return True
        unit_id = getattr(unit, "pk", unit)
        return UnitClosure.objects.filter(
            ancestor_id__in=self.root_unit_ids, descendant_id=unit_id
        ).exists()


NOTHING = Scope(everything=False, root_unit_ids=frozenset(), person_id=None)


def scope_for(user) -> Scope:
    """The user's scope, computed once per user object (i.e. once per request)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOTHING
    cached = getattr(user, "_taizhang_scope", None)
    if cached is not None:
        return cached
    person = getattr(user, "person", None)
    if user.is_superuser:
        scope = Scope(True, frozenset(), person.pk if person else None)
    elif person is None or not person.is_active:
        scope = NOTHING
    else:
        grants = list(person.role_grants.values_list("role", "unit_id"))
        roots = {person.unit_id} | {unit_id for _, unit_id in grants}
        everything = any(role in DISTRICT_WIDE_ROLES for role, _ in grants)
        scope = Scope(everything, frozenset(roots), person.pk)
    user._taizhang_scope = scope
    return scope


def visible_units(user):
    return scope_for(user).units()


def restrict(queryset, user, unit_field="unit", owner_fields=()):
    return scope_for(user).filter(queryset, unit_field=unit_field, owner_fields=owner_fields)
