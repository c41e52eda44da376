"""Copies of notifications outside the system: email to the recipient, and a text message
to each configured group robot (DingTalk and WeCom accept the same JSON).

Each copy is a ``Delivery`` row claimed before it is sent, so a task that runs twice, or two
workers running the same task, never send the same copy twice. A failed send keeps its row
with the error; ``retry_failed`` (scheduled every ten minutes) tries it again, up to
``MAX_ATTEMPTS`` times, and also takes back copies whose sender died in the middle.

A robot posts to a group, not to a person: the notifications of one event (same title, text
and link, several recipients) go to each robot as one message that names them all.
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
from .services import DELIVERY_BATCH

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5
# A copy claimed this long ago and neither sent nor failed belongs to a worker that died.
STALE_CLAIM = timedelta(minutes=10)


def _retryable(now):
    return Q(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS) & (
        Q(error__gt="") | Q(attempted_at__lt=now - STALE_CLAIM))


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
               .filter(_retryable(now), notification=notification, channel=channel,
                       target=target).first())
        if row is not None:
            row.attempts += 1
            row.attempted_at = now
            row.error = ""
            row.save(update_fields=["attempts", "attempted_at", "error"])
        return row


def _link(notification):
    link = notification.link
    if link and settings.TAIZHANG_SITE_URL:
        link = settings.TAIZHANG_SITE_URL.rstrip("/") + link
    return link


def _text(notification):
    return "\n".join(p for p in (f"【{notification.get_kind_display()}】{notification.title}",
                                 notification.body, _link(notification)) if p)


def _name(user):
    person = getattr(user, "person", None)
    return person.name if person else user.get_username()


def send_email(notification, address):
    send_mail(f"【台账】{notification.title}", _text(notification), None, [address])


def send_webhook(notifications, url):
    """One text message to a group robot for these notifications (all of the same text)."""
    # "台账" opens every message, so a robot secured by keyword can use that word.
    content = f"【台账】{_text(notifications[0])}\n接收人：" + "、".join(
        _name(n.recipient) for n in notifications)
    body = json.dumps({"msgtype": "text", "text": {"content": content}},
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


def _send(notifications, channel, target, send) -> int:
    """Claim each notification's copy for ``target``, send the claimed ones as one message
    with ``send(claimed)``, and record the outcome on their rows; 1 if a message went out."""
    rows = {}
    for notification in notifications:
        row = _claim(notification, channel, target)
        if row is not None:
            rows[notification.pk] = row.pk
    if not rows:
        return 0
    claimed = Delivery.objects.filter(pk__in=rows.values())
    try:
        send([n for n in notifications if n.pk in rows])
    except Exception as error:  # noqa: BLE001 (any failure is kept for the retry)
        log.warning("notifications %s via %s failed: %s", sorted(rows), channel, error)
        # Never blank: an empty error would read as a send still in progress.
        claimed.update(error=(str(error) or type(error).__name__)[:1000])
        return 0
    claimed.update(sent_at=timezone.now(), error="")
    return 1


def deliver(notification_ids) -> int:
    """Send the copies of these notifications not sent yet; returns how many messages went
    out (an email, or one robot message however many people it names)."""
    notifications = list(Notification.objects.filter(pk__in=notification_ids)
                         .select_related("recipient", "recipient__person").order_by("pk"))
    sent = 0
    if settings.TAIZHANG_NOTIFY_EMAIL:
        for notification in notifications:
            address = notification.recipient.email
            if address:
                sent += _send([notification], Channel.EMAIL, address,
                              lambda claimed, address=address: send_email(claimed[0], address))
    same_message = {}
    for notification in notifications:
        key = (notification.kind, notification.title, notification.body, notification.link)
        same_message.setdefault(key, []).append(notification)
    for url in settings.TAIZHANG_WEBHOOK_URLS:
        for group in same_message.values():
            sent += _send(group, Channel.WEBHOOK, url,
                          lambda claimed, url=url: send_webhook(claimed, url))
    return sent


def retry_failed() -> int:
    """Send again the copies that failed, or whose sender died while sending."""
    ids = list(Delivery.objects.filter(_retryable(timezone.now()))
               .values_list("notification_id", flat=True).distinct().order_by("notification_id"))
    return sum(deliver(ids[start:start + DELIVERY_BATCH])
               for start in range(0, len(ids), DELIVERY_BATCH))
