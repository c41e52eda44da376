"""Who is who for an item: the supervision office, the people of a lead unit, its leader."""

from collections import defaultdict

from django.urls import reverse

from ..org.constants import Role
from ..org.membership import holds_role
from ..org.models import User


def is_supervision(user) -> bool:
    return holds_role(user, Role.SUPERVISION)


def lead_unit_users(item):
    """The logins that act for the item's lead unit: its handlers (承办人)."""
    return User.objects.filter(is_active=True, person__is_active=True).filter(
        person__unit_id=item.lead_unit_id
    ).union(
        User.objects.filter(is_active=True, person__is_active=True,
                            person__role_grants__unit_id=item.lead_unit_id)
    )


def lead_unit_user_ids(unit_ids) -> dict[int, set[int]]:
    """``lead_unit_users`` for many units at once: unit id -> ids of the logins acting for it.
    ``unit_ids`` may be a queryset of ids (the daily scan passes a subquery)."""
    active = User.objects.filter(is_active=True, person__is_active=True)
    pairs = active.filter(person__unit_id__in=unit_ids).values_list("person__unit_id", "pk").union(
        active.filter(person__role_grants__unit_id__in=unit_ids)
        .values_list("person__role_grants__unit_id", "pk")
    )
    users = defaultdict(set)
    for unit_id, user_id in pairs:
        users[unit_id].add(user_id)
    return users


def supervision_users():
    return User.objects.filter(is_active=True, person__is_active=True,
                               person__role_grants__role=Role.SUPERVISION).distinct()


def item_link(item) -> str:
    return reverse("ledger:item", args=[item.pk])
