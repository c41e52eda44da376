"""The petition figures (信访统计) as JSON: the inputs of the weekly notification and the
monthly assessment, over the petitions the caller may see — an accusation is never counted
for the accused — and the petitions behind any count."""

from datetime import date
from decimal import Decimal
from typing import Literal

from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja import Status as Answer
from ninja.pagination import paginate
from pydantic import create_model

from ...apitypes import ObjectId, PeriodOut, PeriodQuery, period_out, with_errors
from ...org.models import Unit
from .. import figures as petition_figures
from .. import lights
from ..figures import COUNTS, GROUPS, LABELS, RATES
from ..figures.definitions import FIELDS
from ..queries import visible_petitions
from .schemas import ChannelValue, PetitionOut

router = Router(tags=["信访统计"])

Grouping = Literal[tuple(GROUPS)]
Bucket = Literal[tuple(petition_figures.BUCKETS)]

# Every count of ``Figures`` and every rate, each described by its label.
FiguresOut = create_model(
    "PetitionFiguresOut", __base__=Schema,
    **{name: (int, Field(description=LABELS.get(name, name))) for name in FIELDS},
    **{name: (Decimal | None, Field(description=f"{LABELS[name]}（无分母时为空）"))
       for name in RATES},
    decision_due=(int, Field(description=LABELS["decision_due"])),
    reply_due=(int, Field(description=LABELS["reply_due"])),
)


class PetitionFiguresQuery(PeriodQuery):
    by: list[Grouping] = Field([], description=(
        "分组（可多个）：origin_unit 问题属地、handling_unit 承办单位、category 事项类别、"
        "channel 信访渠道"))
    bucket: Bucket | None = Field(None, description="时间粒度：month、quarter、week（按收到日期）")
    unit: ObjectId | None = Field(None, description="只统计问题属地在该单位及其下级的信访件")


class PetitionRecordsQuery(PeriodQuery):
    figure: Literal[COUNTS] = Field(description="统计项（计数项；比率请查其分子、分母）")
    origin_unit: ObjectId | None = None
    handling_unit: ObjectId | Literal["none"] | None = Field(
        None, description="承办单位 id；none：未交办")
    category: ObjectId | None = None
    channel: ChannelValue | None = None

    def group(self):
        asked = {name: getattr(self, name) for name in GROUPS}
        return {name: None if key == "none" else key
                for name, key in asked.items() if key is not None}


class PetitionGroupKey(Schema):
    key: int | str | None = Field(description="分组的键（id 或代码）；空表示未指定")
    label: str


class PetitionRowOut(Schema):
    group: dict[str, PetitionGroupKey]
    bucket: date | None = Field(description="时段的第一天")
    bucket_label: str
    period: PeriodOut = Field(description="这一行所统计的期间（时段与统计期间的交集）")
    figures: FiguresOut


class PetitionTableOut(Schema):
    period: PeriodOut
    by: list[str]
    bucket: str | None
    total: FiguresOut
    rows: list[PetitionRowOut]


def _figures(counts):
    return {name: getattr(counts, name) for name in FiguresOut.model_fields}


@router.get("/figures", response=with_errors(PetitionTableOut, 404),
            summary="信访统计（按期间、单位、分组、时段）")
def get_figures(request, query: Query[PetitionFiguresQuery]):
    """Every figure of the period: one row per group (and time bucket) and the total. 件
    counts a repeat chain once per row and once in the total, so rows do not add up to it."""
    period = query.asked()
    unit = None
    if query.unit is not None:
        unit = Unit.objects.filter(pk=query.unit).first()
        if unit is None:
            return Answer(404, {"message": "找不到该单位。"})
    table = petition_figures.figures(request.user, period, by=tuple(dict.fromkeys(query.by)),
                                     bucket=query.bucket, unit=unit)
    return {
        "period": period_out(period), "by": list(table.by), "bucket": table.bucket,
        "total": _figures(table.total),
        "rows": [{"group": {name: {"key": key, "label": row.labels[name]}
                            for name, key in row.group.items()},
                  "bucket": row.bucket, "bucket_label": row.bucket_label,
                  "period": period_out(row.period), "figures": _figures(row.figures)}
                 for row in table.rows],
    }


@router.get("/figures/records", response=with_errors(list[PetitionOut]),
            summary="统计明细：构成某一统计数字的信访件")
@paginate
def list_records(request, query: Query[PetitionRecordsQuery]):
    """The petitions counted in ``figure`` for the period and group given (for 人次 add up
    their head counts, for 件 count their chains). Take the period and group of a row."""
    period = query.asked()
    rows = petition_figures.records(visible_petitions(request.user), query.figure, period,
                                    query.group())
    return (lights.annotate_light(rows, timezone.localdate())
            .select_related("category", "origin_unit", "handling_unit")
            .order_by("received_on", "id"))
