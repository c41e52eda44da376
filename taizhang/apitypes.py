"""Types shared by every API route: object ids, and the JSON shapes of errors, declared on
every route so that the OpenAPI document is complete."""

from datetime import date
from typing import Annotated, Literal

from django.utils import timezone
from ninja import Field, Schema
from ninja.errors import ValidationError
from ninja.pagination import LimitOffsetPagination

from .hall.figures.periods import NAMED_PERIODS, PeriodError, asked_period

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


class PeriodQuery(Schema):
    """The period of a figures route: a named one, or from ``start`` to ``end``; ``as_of``
    counts the state at the end of that day."""

    period: Literal[tuple(NAMED_PERIODS)] | None = Field(
        None, description="本月 this_month、上月 last_month、本季度 this_quarter、本年 this_year、"
                          "上年 last_year；不填则用 start 和 end")
    start: date | None = Field(None, description="起始日期（含）")
    end: date | None = Field(None, description="截止日期（含）；期间最长五年")
    as_of: date | None = Field(None, description="按该日的状态统计；不填按当前状态")

    def asked(self):
        """The period asked for; a period that cannot be is a 422 naming the parameter."""
        try:
            return asked_period(timezone.localdate(), self.period, self.start, self.end,
                                self.as_of)
        except PeriodError as error:
            raise ValidationError([{"loc": ("query", error.field), "msg": str(error)}]) from None


class PeriodOut(Schema):
    start: date
    end: date
    as_of: date | None
    label: str


def period_out(period):
    return {"start": period.start, "end": period.end, "as_of": period.as_of,
            "label": period.label}
