from datetime import date

from ninja import Field, Query, Router, Schema
from ninja.errors import ValidationError

from ...apitypes import with_errors
from ..workdays import add_working_days

router = Router(tags=["工作日"])


class DeadlineQuery(Schema):
    start: date = Field(description="起算日（当日不计入），如 2026-03-02")
    working_days: int = Field(ge=0, le=3650, description="办理时限（工作日），0 表示即办")


class DeadlineOut(Schema):
    start: date
    working_days: int
    deadline: date
    calendar_known: bool = Field(description="所跨日期是否都有正式的节假日安排")
    fallback_years: list[int] = Field(description="按周一至周五推算的年份")
    warning: str | None


@router.get("/deadline", response=with_errors(DeadlineOut), summary="计算办理期限")
def deadline(request, params: Query[DeadlineQuery]):
    """The n-th working day after the start day, by the official holiday schedule."""
    try:
        result = add_working_days(params.start, params.working_days)
    except ValueError as exc:
        raise ValidationError([{"loc": ("query", "start"), "msg": str(exc)}]) from exc
    return {
        "start": params.start,
        "working_days": params.working_days,
        "deadline": result.date,
        "calendar_known": result.calendar_known,
        "fallback_years": list(result.fallback_years),
        "warning": fallback_warning(result.fallback_years),
    }


def fallback_warning(years) -> str | None:
    if not years:
        return None
    listed = "、".join(str(y) for y in years)
    return f"{listed}年的节假日安排尚未录入，按周一至周五推算，请以国务院公布的安排为准。"
