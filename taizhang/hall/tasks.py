from django_tasks import task

from .figures.months import summarise


@task()
def summarise_months() -> int:
    """Count the finished months of this year and last again, for the dashboard."""
    return summarise()
