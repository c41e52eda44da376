"""Sending a notification: a row in each recipient's inbox, then copies by email and webhook
delivered in the background once the transaction that caused them has committed."""

from django.db import transaction

from .models import Notification


def notify(recipients, kind, title, body="", link=""):
    """Put one message in the inbox of each user in ``recipients`` (duplicates dropped)."""
    seen, rows = set(), []
    for user in recipients:
        if user is None or not user.is_active or user.pk in seen:
            continue
        seen.add(user.pk)
        rows.append(Notification(recipient=user, kind=kind, title=title, body=body, link=link))
    created = Notification.objects.bulk_create(rows)
    ids = [n.pk for n in created]
    if ids:
        from .tasks import deliver_notifications

        transaction.on_commit(lambda: deliver_notifications.enqueue(ids))
    return created


def unread_count(user):
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
