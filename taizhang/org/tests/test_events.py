import pytest
import time_machine

from taizhang.org.constants import AuditAction
from taizhang.org.events import record_event, timeline
from taizhang.org.models import AuditEntry
from taizhang.org.tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_state_change_is_an_event_and_an_audit_entry():
    unit, actor = UnitFactory(), UserFactory()
    with time_machine.travel("2026-03-02 09:00 +0800", tick=False):
        first = record_event(unit, "assign", actor=actor, from_status="new", to_status="doing",
                             note="交办")
    with time_machine.travel("2026-03-03 09:00 +0800", tick=False):
        second = record_event(unit, "close", actor=actor, from_status="doing", to_status="done")
    assert list(timeline(unit)) == [first, second]
    assert first.subject == unit and first.actor == actor and first.note == "交办"
    entry = AuditEntry.objects.get(action=AuditAction.STATE_CHANGE, detail__event=first.pk)
    assert entry.object_type == "org.unit" and entry.object_id == str(unit.pk)
    assert entry.detail["from"] == "new" and entry.detail["to"] == "doing"


def test_timeline_is_per_record():
    a, b = UnitFactory(), UnitFactory()
    record_event(a, "assign")
    assert list(timeline(b)) == []
