"""Concurrent appenders on real connections never fork the audit chain (PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections

from taizhang.org import audit
from taizhang.org.models import AuditEntry

WRITERS, ENTRIES_EACH = 4, 15


@pytest.mark.django_db(transaction=True)
def test_parallel_appends_keep_one_unbroken_chain():
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent server connections; SQLite serialises writers itself")
    errors, start = [], threading.Barrier(WRITERS)

    def append(writer):
        try:
            start.wait()
            for n in range(ENTRIES_EACH):
                audit.record("state_change", object_type="test.thing", object_id=f"{writer}-{n}")
        except Exception as exc:  # reported below, with the writer that failed
            errors.append((writer, exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=append, args=(w,)) for w in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert AuditEntry.objects.count() == WRITERS * ENTRIES_EACH
    verdict = audit.verify()
    assert verdict.ok and verdict.checked == WRITERS * ENTRIES_EACH
