"""Types shared by every API route: object ids, and the JSON shapes of errors, declared on
every route so that the OpenAPI document is complete."""

from typing import Annotated

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

# Primary keys are 64-bit; a larger number is a client error, not a database overflow.
ObjectId = Annotated[int, Field(ge=1, le=2**63 - 1)]
# Free text in a query: bounded, and without NUL, which no database text column accepts
# (RejectNullCharactersMiddleware answers such requests with 400 before any route runs).
QueryText = Annotated[str, Field(max_length=100, pattern=r"^[^\x00]*$")]


class Message(Schema):
    message: str


class FieldError(Schema):
    field: str
    message: str


class ValidationMessage(Schema):
    message: str
    errors: list[FieldError]


def with_errors(ok_schema, *codes):
    """``response=`` for a route: its 200 schema plus the error answers it can give."""
    responses = {200: ok_schema, 400: Message, 401: Message, 422: ValidationMessage}
    responses.update(dict.fromkeys(codes, Message))
    return responses


class Page(LimitOffsetPagination):
    """limit/offset paging with bounds, so no request can ask the database for the absurd."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=500, description="每页条数（1–500）")
        offset: int = Field(0, ge=0, le=10_000_000, description="跳过的条数")
