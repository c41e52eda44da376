"""API tokens: made once, shown once, stored only as a hash, sent as ``Authorization: Bearer``."""

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from . import audit
from .constants import AuditAction
from .models import ApiToken

PREFIX = "tz_"
LAST_USED_RESOLUTION = timedelta(minutes=1)


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def create_token(user, name="", actor=None):
    """Make a token for ``user``; return the stored row and the token text (never stored)."""
    raw = PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name, prefix=raw[: len(PREFIX) + 6], digest=_digest(raw)
        )
        audit.record(AuditAction.TOKEN, actor=actor, subject=user,
                     detail={"change": "create", "token": token.prefix, "name": name})
    return token, raw


def revoke_token(token, actor=None):
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(AuditAction.TOKEN, actor=actor, subject=token.user,
                     detail={"change": "revoke", "token": token.prefix})


def user_for_token(raw: str):
    """The active user a token belongs to, or None for an unknown, revoked or inactive one."""
    if not raw.startswith(PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
