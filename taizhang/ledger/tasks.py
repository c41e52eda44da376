"""Background work of the ledger app, run by ``taizhang db_worker``; ``taizhang/schedules.py``
says when the scheduler enqueues it."""

from django_tasks import task

from . import warnings


@task()
def scan_warnings() -> dict:
    """The daily 催办/督办 scan for today (Asia/Shanghai); returns what it sent."""
    return warnings.scan().as_dict()
