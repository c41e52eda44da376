"""Rate limits for what anyone may do without an account (e.g. looking up an application).

Counts live in the database, so every server process shares them: a fixed window per action
and client, the client known only by a keyed hash of its address (nothing stored identifies
a citizen). A window past its time is deleted by the nightly purge.
"""

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from . import pii
from .models import ThrottleWindow


def client_address(request):
    # Behind a reverse proxy, have the WSGI server put the citizen's address in REMOTE_ADDR;
    # a header the client writes itself (X-Forwarded-For) is never trusted here.
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _window_start(now: datetime, seconds: int) -> datetime:
    epoch = int(now.timestamp())
    return datetime.fromtimestamp(epoch - epoch % seconds, tz=now.tzinfo)


def hit(action, client, *, limit, seconds, now=None) -> bool:
    """Count one use; True while the client is within ``limit`` uses per ``seconds``."""
    start = _window_start(now or timezone.now(), seconds)
    digest = pii.blind_index(f"{action}\0{client}")
    rows = ThrottleWindow.objects.filter(action=action, client=digest, window_start=start)
    if not rows.update(hits=F("hits") + 1):
        try:
            with transaction.atomic():
                ThrottleWindow.objects.create(action=action, client=digest, window_start=start,
                                              hits=1)
        except IntegrityError:  # another request created the window a moment ago
            rows.update(hits=F("hits") + 1)
    return rows.values_list("hits", flat=True).first() <= limit


def purge(older_than: timedelta) -> int:
    deleted, _ = ThrottleWindow.objects.filter(
        window_start__lt=timezone.now() - older_than).delete()
    return deleted
