"""Who is who for an item: the supervision office, the people of a lead unit, its leader."""

from django.urls import reverse

from ..org.constants import Role
from ..org.membership import holds_role, users_acting_for
from ..org.models import User


def is_supervision(user) -> bool:
    return holds_role(user, Role.SUPERVISION)


def lead_unit_users(item):
    """The logins that act for the item's lead unit: its handlers (承办人)."""
    return users_acting_for(item.lead_unit_id)


def supervision_users():
    return User.objects.filter(is_active=True, person__is_active=True,
                               person__role_grants__role=Role.SUPERVISION).distinct()


def item_link(item) -> str:
    return reverse("ledger:item", args=[item.pk])
