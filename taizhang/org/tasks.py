from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from .models import IdempotencyKey

# A client retries within minutes; a week covers a client that was offline over a holiday.
IDEMPOTENCY_KEY_DAYS = 7


@task()
def purge_idempotency_keys() -> int:
    """Forget Idempotency-Keys (and the answers stored with them) older than a week."""
    cutoff = timezone.now() - timedelta(days=IDEMPOTENCY_KEY_DAYS)
    deleted, _ = IdempotencyKey.objects.filter(created_at__lt=cutoff).delete()
    return deleted
