from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from . import throttle
from .models import IdempotencyKey

# A client retries within minutes; a week covers a client that was offline over a holiday.
IDEMPOTENCY_KEY_DAYS = 7


@task()
def purge_idempotency_keys() -> int:
    """Forget Idempotency-Keys (and the answers stored with them) older than a week."""
    cutoff = timezone.now() - timedelta(days=IDEMPOTENCY_KEY_DAYS)
    deleted, _ = IdempotencyKey.objects.filter(created_at__lt=cutoff).delete()
    return deleted


@task()
def purge_throttle_windows() -> int:
    """Forget rate-limit counts of windows that ended more than a day ago."""
    return throttle.purge(timedelta(days=1))
