"""Showing personal data unmasked: allowed to few roles, and every disclosure is audited."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from . import audit
from .constants import PII_REVEAL_ROLES, AuditAction
from .visibility import scope_for


def may_reveal(user, owner_person=None) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser or PII_REVEAL_ROLES & user.roles:
        return True
    # Everyone may see their own data.
    return owner_person is not None and getattr(user, "person", None) == owner_person


def reveal(user, subject, field, *, unit=None, owner_person=None, request=None) -> str:
    """Return ``subject.field`` in clear after checking scope and role, and audit it."""
    if unit is not None and not scope_for(user).can_see_unit(unit):
        raise PermissionDenied("无权查看该记录。")
    if not may_reveal(user, owner_person):
        raise PermissionDenied("您的角色无权查看完整的个人信息。")
    with transaction.atomic():
        audit.record(AuditAction.PII_DISCLOSURE, actor=user, subject=subject,
                     request=request, detail={"field": field})
    return getattr(subject, field)
