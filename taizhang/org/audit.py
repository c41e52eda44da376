"""The append-only audit trail: ``record`` appends, ``verify`` proves nothing was altered.

Each entry's hash is SM3(previous hash | canonical JSON of the entry). Editing an entry breaks
its own hash; deleting one breaks the sequence or the link of the next; deleting the newest
ones is caught by the head row, which always names the last sequence number and hash.
"""

import json
from dataclasses import dataclass
from datetime import UTC

from cryptography.hazmat.primitives import hashes
from django.db import transaction
from django.utils import timezone

from .models import AuditEntry, AuditHead

GENESIS = "0" * 64


def _entry_hash(prev_hash, seq, at, actor_id, actor_name, action, object_type, object_id,
                detail, ip):
    payload = json.dumps(
        [seq, at.astimezone(UTC).isoformat(), actor_id, actor_name, action,
         object_type, object_id, detail, ip],
        ensure_ascii=False, sort_keys=True, separators=(",", ":"),
    )
    digest = hashes.Hash(hashes.SM3())
    digest.update(prev_hash.encode())
    digest.update(payload.encode())
    return digest.finalize().hex()


def client_ip(request):
    return request.META.get("REMOTE_ADDR") if request is not None else None


def record(action, *, actor=None, subject=None, detail=None, request=None,
           object_type="", object_id=""):
    """Append one entry. Runs inside the caller's transaction, so it stands or falls with it."""
    if subject is not None:
        object_type = subject._meta.label_lower
        object_id = str(subject.pk)
    actor_id = actor.pk if actor is not None and actor.is_authenticated else None
    actor_name = actor.get_username() if actor_id else ""
    detail = json.loads(json.dumps(detail or {}, default=str))
    at = timezone.now()
    with transaction.atomic():
        head, _ = AuditHead.objects.select_for_update().get_or_create(
            pk=1, defaults={"seq": 0, "hash": GENESIS}
        )
        seq = head.seq + 1
        ip = client_ip(request)
        entry_hash = _entry_hash(head.hash, seq, at, actor_id, actor_name, action,
                                 object_type, object_id, detail, ip)
        entry = AuditEntry.objects.create(
            seq=seq, at=at, actor_id=actor_id, actor_name=actor_name, action=action,
            object_type=object_type, object_id=object_id, detail=detail, ip=ip,
            prev_hash=head.hash, hash=entry_hash,
        )
        head.seq, head.hash = seq, entry_hash
        head.save(update_fields=["seq", "hash"])
    return entry


@dataclass
class Verdict:
    ok: bool
    checked: int
    broken_seq: int | None = None
    reason: str = ""


def verify(progress=None, chunk_size=5000) -> Verdict:
    """Walk the whole chain in order; report the first entry that does not hold."""
    head = AuditHead.objects.filter(pk=1).first()
    expected_prev, expected_seq, checked = GENESIS, 1, 0
    total = head.seq if head else 0
    entries = AuditEntry.objects.order_by("seq").values_list(
        "seq", "at", "actor_id", "actor_name", "action", "object_type", "object_id",
        "detail", "ip", "prev_hash", "hash",
    )
    for (seq, at, actor_id, actor_name, action, object_type, object_id, detail, ip,
         prev_hash, entry_hash) in entries.iterator(chunk_size=chunk_size):
        if seq != expected_seq:
            return Verdict(False, checked, expected_seq, f"第 {expected_seq} 条记录缺失（被删除）")
        if prev_hash != expected_prev:
            return Verdict(False, checked, seq, f"第 {seq} 条记录与上一条的链接不符")
        recomputed = _entry_hash(prev_hash, seq, at, actor_id, actor_name, action,
                                 object_type, object_id, detail, ip)
        if recomputed != entry_hash:
            return Verdict(False, checked, seq, f"第 {seq} 条记录的内容被改动")
        expected_prev, expected_seq = entry_hash, seq + 1
        checked += 1
        if progress and checked % chunk_size == 0:
            progress(checked, total)
    if head and (head.seq != checked or head.hash != expected_prev):
        return Verdict(False, checked, checked + 1,
                       f"第 {checked + 1} 条及以后的记录缺失（被删除）")
    return Verdict(True, checked)
