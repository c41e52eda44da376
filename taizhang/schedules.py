"""Every piece of scheduled work, in one list: what runs, and when.

``taizhang scheduler`` enqueues each entry when its time comes (``taizhang.org.schedule``);
``taizhang db_worker`` runs what was enqueued. Times are Beijing time whatever the server's
clock says. To add a schedule, write the task with ``@task()`` in its app's ``tasks.py`` and
add a line here.
"""

from datetime import time

from .hall.tasks import summarise_months
from .inbox.tasks import retry_deliveries
from .ledger.tasks import scan_warnings
from .org.schedule import Daily, Every, Schedule
from .org.tasks import purge_idempotency_keys, purge_throttle_windows
from .reports.tasks import generate_scheduled_reports

SCHEDULES = [
    # 催办/督办: before the working day starts, and at start-up if today's scan has not run.
    Schedule("ledger.scan_warnings", scan_warnings, Daily(time(7, 30), "Asia/Shanghai")),
    # The finished months' application figures, counted at night so that the leaders'
    # dashboard does not count a year of applications on every visit.
    Schedule("hall.summarise_months", summarise_months, Daily(time(1, 30), "Asia/Shanghai")),
    # 周通报 on Mondays, 月考核 on the 1st, 季讲评 on a quarter's first working day: the draft
    # of the period just ended, ready when the office arrives.
    Schedule("reports.generate_scheduled_reports", generate_scheduled_reports,
             Daily(time(6, 0), "Asia/Shanghai")),
    # Email and robot messages that failed, or whose sender died, are tried again.
    Schedule("inbox.retry_deliveries", retry_deliveries, Every(10)),
    # Stored answers to API retries are kept a week, then forgotten.
    Schedule("org.purge_idempotency_keys", purge_idempotency_keys, Daily(time(3, 0))),
    # Rate-limit counts of citizens' lookups are needed for an hour, kept a day.
    Schedule("org.purge_throttle_windows", purge_throttle_windows, Daily(time(3, 10))),
]
