"""Copies of notifications outside the system: email to the recipient, and a text message
to each configured group robot (DingTalk and WeCom accept the same JSON).

Each copy is a ``Delivery`` row claimed before it is sent, so a task that runs twice, or two
workers running the same task, never send the same copy twice. A failed send keeps its row
with the error, and a rerun of the task tries it again.
"""

import json
import logging
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from .models import Channel, Delivery, Notification

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5
# A copy claimed this long ago and neither sent nor failed belongs to a worker that died.
STALE_CLAIM = timedelta(minutes=10)


def _targets(notification):
    if settings.TAIZHANG_NOTIFY_EMAIL and notification.recipient.email:
        yield Channel.EMAIL, notification.recipient.email
    for url in settings.TAIZHANG_WEBHOOK_URLS:
        yield Channel.WEBHOOK, url


def _claim(notification, channel, target):
    """The delivery row for this copy if this worker should send it now, else None."""
    try:
        with transaction.atomic():
            return Delivery.objects.create(notification=notification, channel=channel,
                                           target=target, attempts=1)
    except IntegrityError:
        pass
    with transaction.atomic():
        now = timezone.now()
        row = (Delivery.objects.select_for_update(skip_locked=True)
               .filter(notification=notification, channel=channel, target=target,
                       sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
               .filter(Q(error__gt="") | Q(attempted_at__lt=now - STALE_CLAIM)).first())
        if row is not None:
            row.attempts += 1
            row.attempted_at = now
            row.error = ""
            row.save(update_fields=["attempts", "attempted_at", "error"])
        return row


def _text(notification):
    link = notification.link
    if link and getattr(settings, "TAIZHANG_SITE_URL", ""):
        link = settings.TAIZHANG_SITE_URL.rstrip("/") + link
    return "\n".join(p for p in (f"【{notification.get_kind_display()}】{notification.title}",
                                 notification.body, link) if p)


def send_email(notification, address):
    send_mail(f"【台账】{notification.title}", _text(notification), None, [address])


def send_webhook(notification, url):
    # The group sees who the message is for: robots post to a group, not to a person.
    person = getattr(notification.recipient, "person", None)
    who = person.name if person else notification.recipient.get_username()
    body = json.dumps({"msgtype": "text", "text": {"content": f"{who}：{_text(notification)}"}},
                      ensure_ascii=False).encode()
    request = urllib.request.Request(url, data=body, method="POST",  # noqa: S310
                                     headers={"Content-Type": "application/json; charset=utf-8"})
    # The address comes from the administrator's configuration, never from a user.
    timeout = settings.TAIZHANG_WEBHOOK_TIMEOUT
    with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310
        reply = answer.read(4096)
    # DingTalk and WeCom answer 200 with {"errcode": non-zero} when they refuse a message.
    try:
        errcode = json.loads(reply or b"{}").get("errcode", 0)
    except (ValueError, AttributeError):
        errcode = 0
    if errcode:
        raise OSError(f"机器人拒收：{reply[:200].decode(errors='replace')}")


SENDERS = {Channel.EMAIL: send_email, Channel.WEBHOOK: send_webhook}


def deliver(notification_ids) -> int:
    sent = 0
    notifications = Notification.objects.filter(pk__in=notification_ids).select_related(
        "recipient", "recipient__person")
    for notification in notifications:
        for channel, target in _targets(notification):
            row = _claim(notification, channel, target)
            if row is None:
                continue
            try:
                SENDERS[channel](notification, target)
            except Exception as error:  # noqa: BLE001 (any failure is kept for the rerun)
                log.warning("notification %s via %s failed: %s", notification.pk, channel, error)
                Delivery.objects.filter(pk=row.pk).update(error=str(error)[:1000])
                continue
            Delivery.objects.filter(pk=row.pk).update(sent_at=timezone.now(), error="")
            sent += 1
    return sent
