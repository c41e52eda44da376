import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from taizhang.org import audit
from taizhang.org.models import AuditEntry, AuditHead
from taizhang.org.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain():
    user = UserFactory()
    for n in range(5):
        audit.record("state_change", actor=user, object_type="demo.thing", object_id=str(n),
                     detail={"n": n, "中文": "事项"})
    return list(AuditEntry.objects.order_by("seq"))


def raw_update(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_entries_are_chained_in_order(chain):
    assert [e.seq for e in chain] == [1, 2, 3, 4, 5]
    assert chain[0].prev_hash == audit.GENESIS
    assert all(b.prev_hash == a.hash for a, b in zip(chain, chain[1:], strict=False))
    head = AuditHead.objects.get()
    assert (head.seq, head.hash) == (5, chain[-1].hash)
    assert audit.verify().ok


def test_empty_trail_is_intact():
    assert audit.verify().ok


def test_edited_entry_is_named(chain):
    raw_update("UPDATE org_auditentry SET actor_name = %s WHERE seq = 3", ["mallory"])
    verdict = audit.verify()
    assert not verdict.ok and verdict.broken_seq == 3
    assert "改动" in verdict.reason


def test_edited_detail_is_detected(chain):
    raw_update("UPDATE org_auditentry SET detail = %s WHERE seq = 2", ['{"n": 99}'])
    assert audit.verify().broken_seq == 2


def test_rehashed_entry_breaks_the_next_link(chain):
    # An attacker who recomputes the edited entry's own hash still breaks the next link.
    entry = chain[1]
    forged = audit._entry_hash(entry.prev_hash, entry.seq, entry.at, entry.actor_id, "mallory",
                               entry.action, entry.object_type, entry.object_id, entry.detail,
                               entry.ip)
    raw_update("UPDATE org_auditentry SET actor_name = %s, hash = %s WHERE seq = 2",
               ["mallory", forged])
    assert audit.verify().broken_seq == 3


def test_deleted_entry_is_named(chain):
    raw_update("DELETE FROM org_auditentry WHERE seq = 4", [])
    verdict = audit.verify()
    assert not verdict.ok and verdict.broken_seq == 4
    assert "缺失" in verdict.reason


def test_deleted_newest_entries_are_detected(chain):
    raw_update("DELETE FROM org_auditentry WHERE seq >= 4", [])
    verdict = audit.verify()
    assert not verdict.ok and verdict.broken_seq == 4


def test_command_exit_status(chain, capsys):
    call_command("audit", "verify")
    assert "完整：共 5 条" in capsys.readouterr().out
    raw_update("UPDATE org_auditentry SET action = %s WHERE seq = 1", ["login"])
    with pytest.raises(CommandError, match="第 1 条"):
        call_command("audit", "verify")


def test_cli_exits_non_zero_on_a_broken_trail(chain):
    from taizhang.cli import main

    raw_update("DELETE FROM org_auditentry WHERE seq = 2", [])
    with pytest.raises(SystemExit) as exc:
        main(["taizhang", "audit", "verify"])
    assert exc.value.code != 0


def test_admin_cannot_change_or_delete_entries(chain, admin_client):
    entry = chain[0]
    assert admin_client.get(f"/admin/org/auditentry/{entry.pk}/delete/").status_code == 403
    response = admin_client.post(f"/admin/org/auditentry/{entry.pk}/change/",
                                 {"actor_name": "x"})
    assert response.status_code == 403
    assert audit.verify().ok
