from django_tasks import task

from . import channels


@task()
def deliver_notifications(notification_ids: list[int]) -> int:
    """Send the email and webhook copies of these notifications; returns how many went out."""
    return channels.deliver(notification_ids)
