"""Refused report actions as HTTP answers, and the ``write`` decorator of every write route."""

import functools

from ...ledger.api.errors import invalid
from ...org.idempotency import idempotent
from ..rules import Conflict, NotAllowed, ReportError


def write(handler):
    """``NotAllowed`` → 403, ``Conflict`` → 409, any other refusal → 422 naming its field; an
    ``Idempotency-Key`` header honoured (a refusal is not kept, so a retry runs afresh)."""

    @functools.wraps(handler)
    def answering(request, *args, **kwargs):
        try:
            return handler(request, *args, **kwargs)
        except NotAllowed as error:
            return 403, {"message": error.message}
        except Conflict as error:
            return 409, {"message": error.message}
        except ReportError as error:
            return invalid(error.field or "request", error.message)

    return idempotent(answering)
