"""Sending a notification: a row in each recipient's inbox, then copies by email and webhook
delivered in the background once the transaction that caused them has committed."""

from django.conf import settings
from django.db import transaction

from .models import Notification

# Ids per delivery task: a daily scan may notify tens of thousands of people at once.
DELIVERY_BATCH = 500


def notify(recipients, kind, title, body="", link=""):
    """Put one message in the inbox of each user in ``recipients`` (duplicates dropped)."""
    seen, rows = set(), []
    for user in recipients:
        if user is None or not user.is_active or user.pk in seen:
            continue
        seen.add(user.pk)
        rows.append(Notification(recipient=user, kind=kind, title=title, body=body, link=link))
    created = Notification.objects.bulk_create(rows)
    deliver_later([n.pk for n in created])
    return created


def deliver_later(ids):
    """Send the outside copies of these notifications once the transaction has committed
    (nothing is enqueued when neither email nor a webhook is configured)."""
    if not ids or not (settings.TAIZHANG_NOTIFY_EMAIL or settings.TAIZHANG_WEBHOOK_URLS):
        return
    from .tasks import deliver_notifications

    def enqueue():
        for start in range(0, len(ids), DELIVERY_BATCH):
            deliver_notifications.enqueue(ids[start:start + DELIVERY_BATCH])

    transaction.on_commit(enqueue)


def unread_count(user):
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
