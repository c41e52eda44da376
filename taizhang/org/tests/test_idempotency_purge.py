from datetime import datetime, timedelta

import time_machine
from django.utils import timezone

from taizhang.org.models import IdempotencyKey
from taizhang.org.tasks import purge_idempotency_keys
from taizhang.org.tests.factories import UserFactory


def test_keys_older_than_a_week_are_forgotten(db):
    user = UserFactory()
    now = timezone.make_aware(datetime(2026, 11, 25, 3, 0))
    for key, age in (("old", 8), ("recent", 6)):
        IdempotencyKey.objects.create(user=user, key=key, fingerprint="f", status=201,
                                      response={}, created_at=now - timedelta(days=age))
    with time_machine.travel(now, tick=False):
        assert purge_idempotency_keys.call() == 1
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["recent"]
