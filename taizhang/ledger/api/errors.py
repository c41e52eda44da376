"""How the ledger routes answer: refused acts as HTTP statuses with JSON bodies, 201s, files,
and the `write` decorator every write route wears."""

import functools

from ...apitypes import with_errors
from ...org.idempotency import idempotent
from ..rules import Conflict, Invalid, LedgerError


def created(schema, *codes):
    """``response=`` for a route that answers 201 with ``schema``, and its errors."""
    responses = with_errors(schema, *codes)
    responses[201] = responses.pop(200)
    return responses


def binary(content_type, description, *codes):
    """``response=`` and ``openapi_extra=`` for a route that answers 200 with a file."""
    responses = with_errors(None, *codes)
    del responses[200]
    ok = {"description": description,
          "content": {content_type: {"schema": {"type": "string", "format": "binary"}}}}
    return {"response": responses, "openapi_extra": {"responses": {200: ok}}}


def invalid(field, message):
    """422 in the shape of ``apitypes.ValidationMessage``."""
    return 422, {"message": message, "errors": [{"field": field, "message": message}]}


def refusal(error: LedgerError):
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
        except LedgerError as error:
            return refusal(error)

    return idempotent(answering)
