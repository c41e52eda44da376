"""Who speaks for a unit: the people who sit in it, and those holding a role granted in it.

The same rule answers "may this user act for the unit?" and "who should be told?", for one
unit or, in batch, for many.
"""

from collections import defaultdict

from django.db.models import Q

from .models import User


def acts_for_unit(user, unit_id) -> bool:
    person = getattr(user, "person", None)
    if person is None or not person.is_active:
        return False
    return person.unit_id == unit_id or person.role_grants.filter(unit_id=unit_id).exists()


def holds_role(user, role) -> bool:
    return bool(user and user.is_authenticated and role in user.roles)


def _active_users():
    return User.objects.filter(is_active=True, person__is_active=True)


def users_acting_for(unit):
    """The active logins that act for ``unit`` (a Unit or its id)."""
    unit_id = getattr(unit, "pk", unit)
    return _active_users().filter(
        Q(person__unit_id=unit_id) | Q(person__role_grants__unit_id=unit_id)).distinct()


def user_ids_acting_for(unit_ids) -> dict[int, set[int]]:
    """``users_acting_for`` for many units at once: unit id -> ids of the logins acting for
    it. ``unit_ids`` may be a queryset of ids (the daily warning scan passes a subquery)."""
    active = _active_users()
    pairs = active.filter(person__unit_id__in=unit_ids).values_list("person__unit_id", "pk").union(
        active.filter(person__role_grants__unit_id__in=unit_ids)
        .values_list("person__role_grants__unit_id", "pk")
    )
    users = defaultdict(set)
    for unit_id, user_id in pairs:
        users[unit_id].add(user_id)
    return users
