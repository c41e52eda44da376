"""How the hall routes answer: refused steps as HTTP statuses with JSON bodies, and the two
decorators of the routes that write or that a citizen calls without an account."""

import functools

from django.http import JsonResponse

from ...ledger.api.errors import invalid
from ...org.idempotency import idempotent
from ..applications import Conflict, HallError, Invalid
from ..citizen_view import lookup_allowed, seconds_to_next_window
from ..intake import BatchRefused

TOO_MANY = ("查询过于频繁，请稍后再试。"
            "为保护申请人信息，每个受理编号和每台设备每小时的查询次数有限。")


def refusal(error: HallError):
    if isinstance(error, BatchRefused):
        errors = [{"field": f"applications.{n}.{field or 'request'}", "message": message}
                  for n, field, message in error.problems]
        return 422, {"message": error.message, "errors": errors}
    if isinstance(error, Invalid):
        return invalid(error.field or "request", error.message)
    return (409 if isinstance(error, Conflict) else 403), {"message": error.message}


def write(handler):
    """A write route: ``NotAllowed`` → 403, ``Conflict`` → 409, ``Invalid`` → 422, and an
    ``Idempotency-Key`` header honoured (a refusal is returned, so nothing of it is kept)."""

    @functools.wraps(handler)
    def answering(request, *args, **kwargs):
        try:
            return handler(request, *args, **kwargs)
        except HallError as error:
            return refusal(error)

    return idempotent(answering)


def throttled(handler):
    """A citizen's route proving a claim by receipt number and phone ending: counted in the
    lookup windows, and answered 429 before anything is looked up. Outside ``write``: the
    Idempotency-Key's transaction would take a refused try's count back with it."""

    @functools.wraps(handler)
    def counted(request, *args, payload, **kwargs):
        if not lookup_allowed(request, payload.receipt_no):
            return JsonResponse({"message": TOO_MANY}, status=429,
                                headers={"Retry-After": str(seconds_to_next_window())},
                                json_dumps_params={"ensure_ascii": False})
        return handler(request, *args, payload=payload, **kwargs)

    return counted
