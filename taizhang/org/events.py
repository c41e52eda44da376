"""Timelines: every state change of a record is an Event, and an entry in the audit trail."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from . import audit
from .constants import AuditAction
from .models import Event


def record_event(subject, action, *, actor=None, from_status="", to_status="", note="",
                 data=None, request=None):
    """Record one state change of ``subject``. Call it inside the transition's transaction."""
    with transaction.atomic():
        event = Event.objects.create(
            content_type=ContentType.objects.get_for_model(subject),
            object_id=subject.pk,
            action=action,
            from_status=from_status,
            to_status=to_status,
            note=note,
            data=data or {},
            actor=actor if actor is not None and actor.is_authenticated else None,
        )
        audit.record(
            AuditAction.STATE_CHANGE, actor=actor, subject=subject, request=request,
            detail={"action": action, "from": from_status, "to": to_status, "event": event.pk},
        )
    return event


def timeline(subject):
    return Event.objects.filter(
        content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk
    ).select_related("actor")
