"""Who is who for an item: the supervising office, the people of a lead unit, its leader."""

from django.urls import reverse

from ..org.constants import Role
from ..org.membership import acts_for_unit, holds_role, users_acting_for
from ..org.models import User


def is_supervision(user) -> bool:
    return holds_role(user, Role.SUPERVISION)


def supervises(user, ledger) -> bool:
    """Whether ``user`` is the office that writes, assigns, verifies and closes out the items
    of ``ledger``: 督查室 for every ledger of its kinds; for a kind supervised by another office
    (``LedgerKind.supervised_by``), that office's people acting for the ledger's own unit."""
    role = ledger.kind.supervised_by
    if role == Role.SUPERVISION:
        return is_supervision(user)
    return holds_role(user, role) and acts_for_unit(user, ledger.unit_id)


def supervisors(ledger):
    """The logins ``supervises`` is true of: who is told that a close-out awaits them."""
    role = ledger.kind.supervised_by
    if role == Role.SUPERVISION:
        return supervision_users()
    return users_acting_for(ledger.unit_id).filter(person__role_grants__role=role).distinct()


def lead_unit_users(item):
    """The logins that act for the item's lead unit: its handlers (承办人)."""
    return users_acting_for(item.lead_unit_id)


def supervision_users():
    return User.objects.filter(is_active=True, person__is_active=True,
                               person__role_grants__role=Role.SUPERVISION).distinct()


def item_link(item) -> str:
    return reverse("ledger:item", args=[item.pk])
