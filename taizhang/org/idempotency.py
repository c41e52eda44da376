"""Idempotency-Key for write API routes: a retried request gets the first answer again and creates
nothing twice.

A key belongs to one user; on the public routes citizens call without an account, keys are
shared by all anonymous callers (the request itself must match too, so a replay needs the same
body, which only its sender knows). The first request with it runs and its answer is stored in
the same transaction as its writes; a retry with the same key and the same request gets that
answer back; the same key on a different request is refused. A request that fails stores
nothing, so its retry runs afresh. Concurrent duplicates wait on the key's unique row and then
replay.
"""

import functools
import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from ninja import Status
from ninja.params.models import Header

from .models import IdempotencyKey

HEADER = "Idempotency-Key"
MAX_LENGTH = 100
# The name under which ninja hands the declared header to the wrapper.
ARGUMENT = "idempotency_key"
HEADER_PARAM = Header(
    None, alias=HEADER, max_length=MAX_LENGTH, pattern=r"^[\x21-\x7e]+$",
    description="幂等键（可选，不超过 100 个可见 ASCII 字符，如 UUID）。"
    "同一用户以同一键重发同一请求，只执行一次并返回首次的结果；同一键用于不同请求返回 422。",
)


def _fingerprint(request):
    digest = hashlib.sha256()
    for part in (request.method, request.get_full_path(), request.content_type or ""):
        digest.update(part.encode() + b"\0")
    if request.content_type == "multipart/form-data":
        # Django has consumed the raw body by now, and its boundary differs on every retry:
        # hash the parsed fields and files instead.
        for name, values in sorted(request.POST.lists()):
            for value in values:
                digest.update(f"{name}={value}".encode() + b"\0")
        for name, uploads in sorted(request.FILES.lists()):
            for upload in uploads:
                digest.update(f"{name}:{upload.name}:".encode())
                for chunk in upload.chunks():
                    digest.update(chunk)
                upload.seek(0)
                digest.update(b"\0")
    else:
        digest.update(request.body)
    return digest.hexdigest()


def _answer(result):
    if isinstance(result, Status):
        return result.status_code, result.value
    return result if isinstance(result, tuple) else (200, result)


def idempotent(handler):
    """Wrap a django-ninja handler that returns ``(status, data)``, a ``ninja.Status`` or plain
    JSON-able data; ninja gets a ``Status`` back.

    The header is declared as a parameter of the route, so it appears in the OpenAPI document
    and a malformed key is refused with 422 before anything runs.
    """

    @functools.wraps(handler)
    def wrapper(request, *args, **kwargs):
        key = kwargs.pop(ARGUMENT, None)
        if not key:
            return Status(*_answer(handler(request, *args, **kwargs)))
        fingerprint = _fingerprint(request)
        with transaction.atomic():
            record, created = IdempotencyKey.objects.select_for_update().get_or_create(
                user=request.user if request.user.is_authenticated else None, key=key,
                defaults={"fingerprint": fingerprint}
            )
            if not created:
                if record.fingerprint != fingerprint:
                    return Status(422, {
                        "message": f"该 {HEADER} 已用于另一个请求，请为新请求换一个键。",
                        "errors": [{"field": HEADER, "message": "与先前的请求内容不同"}],
                    })
                if record.status is not None:
                    return Status(record.status, record.response)
            status, data = _answer(handler(request, *args, **kwargs))
            if status >= 400:
                # A refusal is not remembered: once its cause is fixed the same key may succeed.
                transaction.set_rollback(True)
                return Status(status, data)
            # The first answer is the stored one, byte for byte, so a replay cannot differ.
            record.status = status
            record.response = json.loads(json.dumps(data, cls=DjangoJSONEncoder))
            record.save(update_fields=["status", "response"])
        return Status(record.status, record.response)

    # A copy, not the handler's list: functools.wraps shares the handler's attributes.
    wrapper._ninja_contribute_args = [
        *getattr(handler, "_ninja_contribute_args", []), (ARGUMENT, str | None, HEADER_PARAM)
    ]
    return wrapper
