"""The service hall's figures (办件统计) for staff: the same figures, periods and groupings as
the dashboard, as JSON, over the applications the caller may see; and the applications
behind any count, so a figure can be traced to its records."""

from datetime import date
from decimal import Decimal
from typing import Literal

from django.db.models import Case, When
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from ...apitypes import ObjectId, PeriodOut, PeriodQuery, period_out, with_errors
from .. import figures as hall_figures
from ..constants import Channel, Mode
from ..figures import COUNTS, GROUPS, LABELS
from ..queries import visible_applications
from .applications import late
from .schemas import ApplicationOut

router = Router(tags=["办件统计"])

Grouping = Literal[tuple(GROUPS)]
Bucket = Literal[tuple(hall_figures.BUCKETS)]
Figure = Literal[COUNTS]


class FiguresQuery(PeriodQuery):
    by: list[Grouping] = Field([], description=(
        "分组（可多个）：centre 服务中心、department 承办部门、matter 事项、mode 办理方式、"
        "channel 申请渠道"))
    bucket: Bucket | None = Field(None, description="时间粒度：month、quarter、week")


class RecordsQuery(PeriodQuery):
    figure: Figure = Field(description="统计项（计数项，比率项请查其分子、分母）")
    centre: ObjectId | Literal["none"] | None = Field(None, description="服务中心 id；none：未指定")
    department: ObjectId | None = None
    matter: ObjectId | None = Field(None, description="事项 id（统计结果中 matter 的 key）")
    mode: Mode | None = None
    channel: Channel | None = None

    def group(self):
        asked = {name: getattr(self, name) for name in GROUPS}
        return {name: None if key == "none" else key
                for name, key in asked.items() if key is not None}


class FiguresOut(Schema):
    accepted: int = Field(description=LABELS["accepted"])
    completed: int = Field(description=LABELS["completed"])
    refused: int = Field(description=LABELS["refused"])
    not_accepted: int = Field(description=LABELS["not_accepted"])
    denied: int = Field(description=LABELS["denied"])
    withdrawn: int = Field(description=LABELS["withdrawn"])
    in_progress: int = Field(description=LABELS["in_progress"])
    overdue: int = Field(description=LABELS["overdue"])
    overdue_open: int = Field(description=LABELS["overdue_open"])
    overdue_completed: int = Field(description=LABELS["overdue_completed"])
    on_time: int = Field(description=LABELS["on_time"])
    rated: int = Field(description=LABELS["rated"])
    satisfied: int = Field(description=LABELS["satisfied"])
    bad_ratings: int = Field(description=LABELS["bad_ratings"])
    days_counted: int = Field(description=LABELS["days_counted"])
    days_total: int = Field(description="计入用时的办结件的工作日合计")
    completion_rate: Decimal | None = Field(description="办结率 = 办结 ÷ 受理（无受理时为空）")
    on_time_rate: Decimal | None = Field(description="按时办结率 = 按时办结 ÷ 办结")
    satisfaction_rate: Decimal | None = Field(description="满意率 = 满意评价 ÷ 评价")
    average_days: Decimal | None = Field(description="平均办理用时（工作日，不含补正等待）")


class GroupKey(Schema):
    key: int | str | None = Field(description="分组的键（id 或代码）；空表示未指定")
    label: str


class RowOut(Schema):
    group: dict[str, GroupKey]
    bucket: date | None = Field(description="时段的第一天")
    bucket_label: str
    period: PeriodOut = Field(description="这一行所统计的期间（时段与统计期间的交集）")
    figures: FiguresOut


class TableOut(Schema):
    period: PeriodOut
    by: list[str]
    bucket: str | None
    total: FiguresOut
    rows: list[RowOut]


def _figures(counts):
    return {name: getattr(counts, name) for name in FiguresOut.model_fields}


@router.get("/figures", response=with_errors(TableOut), summary="办件统计（按期间、分组、时段）")
def get_figures(request, query: Query[FiguresQuery]):
    """Every figure of the period over the applications you may see: one row per group (and
    time bucket), and the total. Rates are exact decimals, or null with nothing to divide."""
    period = query.asked()
    table = hall_figures.figures(request.user, period, by=tuple(dict.fromkeys(query.by)),
                                 bucket=query.bucket)
    return {
        "period": period_out(period), "by": list(table.by), "bucket": table.bucket,
        "total": _figures(table.total),
        "rows": [{"group": {name: {"key": key, "label": row.labels[name]}
                            for name, key in row.group.items()},
                  "bucket": row.bucket, "bucket_label": row.bucket_label,
                  "period": period_out(row.period), "figures": _figures(row.figures)}
                 for row in table.rows],
    }


@router.get("/figures/records", response=with_errors(list[ApplicationOut]),
            summary="统计明细：构成某一统计数字的办件")
@paginate
def list_records(request, query: Query[RecordsQuery]):
    """The applications counted in ``figure`` for the period and group given: as many as
    the figure says. Take the period and group of a row of /figures."""
    period = query.asked()
    today = timezone.localdate()
    return (hall_figures.records(visible_applications(request.user), query.figure, period,
                                 query.group())
            .annotate(overdue=Case(When(late(today), then=True), default=False))
            .select_related("version__matter", "centre", "department")
            .defer("id_number", "phone", "address")
            .order_by("accepted_on", "id"))
