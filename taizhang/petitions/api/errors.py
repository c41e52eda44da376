"""How the petition routes answer a refused step: ``NotAllowed`` → 403, ``Conflict`` → 409,
``Invalid`` → 422 naming the field; and the ``write`` decorator every write route wears."""

import functools

from ...ledger.api.errors import invalid
from ...org.idempotency import idempotent
from ..errors import Conflict, Invalid, PetitionError


def refusal(error: PetitionError):
    if isinstance(error, Invalid):
        return invalid(error.field or "request", error.message)
    return (409 if isinstance(error, Conflict) else 403), {"message": error.message}


def write(handler):
    """A write route: refusals as above, and an ``Idempotency-Key`` header honoured (a refusal
    is returned, so nothing of it is kept and a retry with the same key runs afresh)."""

    @functools.wraps(handler)
    def answering(request, *args, **kwargs):
        try:
            return handler(request, *args, **kwargs)
        except PetitionError as error:
            return refusal(error)

    return idempotent(answering)
