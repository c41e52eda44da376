"""Programme targets through the API: each with its progress counted from the records."""

from django.utils import timezone
from ninja import Field, Query, Router, Schema

from ...apitypes import with_errors
from ..targets import progress_of_year

router = Router(tags=["通报考核"])


class TargetOut(Schema):
    id: int
    name: str
    year: int
    unit: str
    metric: str = Field(description="统计口径的键，如 hall.completed")
    metric_label: str
    option: str
    target_value: int
    actual: int | None = Field(description="完成值：按统计口径从记录统计；口径已停用时为空")
    progress: float | None = Field(description="完成值 ÷ 目标值")
    met: bool


class YearQuery(Schema):
    year: int | None = Field(None, ge=2000, le=2100, description="年度；不填为今年")


@router.get("/targets", response=with_errors(list[TargetOut]),
            summary="一年的目标任务及其完成情况（完成值由记录统计）")
def list_targets(request, query: Query[YearQuery]):
    today = timezone.localdate()
    year = query.year
    return [{"id": p.target.pk, "name": p.target.name, "year": p.target.year,
             "unit": p.target.unit.name, "metric": p.target.metric,
             "metric_label": p.metric.label if p.metric else "", "option": p.target.option,
             "target_value": p.target.target_value, "actual": p.actual,
             "progress": None if p.ratio is None else float(p.ratio), "met": p.met}
            for p in progress_of_year(year or today.year, today)]
