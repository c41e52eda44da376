"""Idempotency-Key for write API routes: a retried request gets the first answer again and
creates nothing twice.

A key belongs to one user. The first request with it runs and its answer is stored in the same
transaction as its writes; a retry with the same key and the same request gets that answer
back; the same key on a different request is refused. A request that fails stores nothing, so
its retry runs afresh. Concurrent duplicates wait on the key's unique row and then replay.
"""

import functools
import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from .models import IdempotencyKey

HEADER = "Idempotency-Key"
MAX_LENGTH = 100


def _fingerprint(request):
    digest = hashlib.sha256()
    for part in (request.method, request.get_full_path(), request.content_type or ""):
        digest.update(part.encode() + b"\0")
    digest.update(request.body)
    return digest.hexdigest()


def idempotent(handler):
    """Wrap a django-ninja handler that returns ``(status, data)`` or plain JSON-able data."""

    @functools.wraps(handler)
    def wrapper(request, *args, **kwargs):
        key = request.headers.get(HEADER, "")
        if not key:
            return handler(request, *args, **kwargs)
        if len(key) > MAX_LENGTH or not key.isprintable():
            return 400, {"message": f"{HEADER} 须为不超过 {MAX_LENGTH} 个可打印字符。"}
        fingerprint = _fingerprint(request)
        with transaction.atomic():
            record, created = IdempotencyKey.objects.select_for_update().get_or_create(
                user=request.user, key=key, defaults={"fingerprint": fingerprint}
            )
            if not created:
                if record.fingerprint != fingerprint:
                    return 422, {
                        "message": f"该 {HEADER} 已用于另一个请求，请为新请求换一个键。",
                        "errors": [{"field": HEADER, "message": "与先前的请求内容不同"}],
                    }
                if record.status is not None:
                    return record.status, record.response
            result = handler(request, *args, **kwargs)
            status, data = result if isinstance(result, tuple) else (200, result)
            if status < 400:
                record.status = status
                record.response = json.loads(json.dumps(data, cls=DjangoJSONEncoder))
                record.save(update_fields=["status", "response"])
            else:
                # A refusal is not remembered: once its cause is fixed the same key may succeed.
                transaction.set_rollback(True)
        return result

    return wrapper
