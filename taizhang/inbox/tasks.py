from django_tasks import task

from . import channels


@task()
def deliver_notifications(notification_ids: list[int]) -> int:
    """Send the email and webhook copies of these notifications; returns how many went out."""
    return channels.deliver(notification_ids)


@task()
def retry_deliveries() -> int:
    """Try again the copies that failed or were left half-sent (scheduled every ten minutes)."""
    return channels.retry_failed()
