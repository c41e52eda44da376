"""Rate limits shared by every server process, keyed by a hash of the client."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from taizhang.org import throttle
from taizhang.org.models import ThrottleWindow
from taizhang.org.tasks import purge_throttle_windows

pytestmark = pytest.mark.django_db
NOON = datetime(2026, 11, 25, 12, 0, 5, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_a_client_is_stopped_after_the_limit_within_the_window():
    answers = [throttle.hit("lookup", "10.0.0.1", limit=3, seconds=3600, now=NOON)
               for _ in range(5)]
    assert answers == [True, True, True, False, False]
    # Another client, another action and the next window each count afresh.
    assert throttle.hit("lookup", "10.0.0.2", limit=3, seconds=3600, now=NOON)
    assert throttle.hit("rate", "10.0.0.1", limit=3, seconds=3600, now=NOON)
    assert throttle.hit("lookup", "10.0.0.1", limit=3, seconds=3600,
                        now=NOON + timedelta(hours=1))


def test_nothing_stored_names_the_client():
    throttle.hit("lookup", "203.0.113.9", limit=3, seconds=3600, now=NOON)
    window = ThrottleWindow.objects.get()
    assert "203.0.113.9" not in window.client and len(window.client) == 64
    assert window.window_start == datetime(2026, 11, 25, 12, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_the_nightly_purge_forgets_windows_over_a_day_old():
    throttle.hit("lookup", "a", limit=3, seconds=3600, now=NOON - timedelta(days=2))
    throttle.hit("lookup", "a", limit=3, seconds=3600, now=NOON)
    with time_machine.travel(NOON, tick=False):
        assert purge_throttle_windows.call() == 1
    assert ThrottleWindow.objects.count() == 1
