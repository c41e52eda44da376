from django.db import IntegrityError
from django.utils import timezone
from django_tasks import task

from .constants import ReportScope
from .models import Report
from .periods import due_today, last_complete
from .rules import generate_report


@task()
def generate_scheduled_reports() -> list[int]:
    """The drafts due today (``periods.due_today``) for the whole district, each made once: a
    period that already has a report — drafted by the office, or published — is left alone."""
    today = timezone.localdate()
    made = []
    for kind in due_today(today):
        start, end = last_complete(kind, today)
        if Report.objects.filter(kind=kind, scope=ReportScope.ALL, start=start,
                                 end=end).exists():
            continue
        try:
            made.append(generate_report(kind, ReportScope.ALL, start, end, today=today).pk)
        except IntegrityError:
            continue  # another worker made it a moment ago
    return made
