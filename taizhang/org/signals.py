"""Audit of logins and permission changes, wherever they come from (pages, admin, shell)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from . import audit
from .constants import AuditAction
from .models import RoleGrant, User

PRIVILEGE_FIELDS = ("is_active", "is_staff", "is_superuser")


@receiver(user_logged_in)
def audit_login(sender, request, user, **kwargs):
    audit.record(AuditAction.LOGIN, actor=user, subject=user, request=request)


@receiver(user_logged_out)
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        audit.record(AuditAction.LOGOUT, actor=user, subject=user, request=request)


@receiver(user_login_failed)
def audit_login_failed(sender, credentials, request=None, **kwargs):
    audit.record(
        AuditAction.LOGIN_FAILED, request=request,
        detail={"username": str(credentials.get("username", ""))[:150]},
    )


@receiver(post_save, sender=RoleGrant)
def audit_role_granted(sender, instance, created, **kwargs):
    if created:
        audit.record(AuditAction.PERMISSION, subject=instance.person, detail={
            "change": "grant", "role": instance.role, "unit": instance.unit_id})


@receiver(post_delete, sender=RoleGrant)
def audit_role_revoked(sender, instance, **kwargs):
    audit.record(AuditAction.PERMISSION, object_type="org.person",
                 object_id=str(instance.person_id),
                 detail={"change": "revoke", "role": instance.role, "unit": instance.unit_id})


@receiver(pre_save, sender=User)
def audit_privilege_change(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    before = User.objects.filter(pk=instance.pk).values(*PRIVILEGE_FIELDS).first()
    if before is None:
        return
    changed = {f: [before[f], getattr(instance, f)] for f in PRIVILEGE_FIELDS
               if before[f] != getattr(instance, f)}
    if changed:
        audit.record(AuditAction.PERMISSION, subject=instance, detail={"change": changed})


@receiver(m2m_changed, sender=User.groups.through)
@receiver(m2m_changed, sender=User.user_permissions.through)
def audit_group_or_permission_change(sender, instance, action, pk_set, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, User):
        audit.record(AuditAction.PERMISSION, subject=instance, detail={
            "change": action.removeprefix("post_"), "through": sender._meta.model_name,
            "ids": sorted(pk_set or [])})
