"""The leader dashboard's figures (驾驶舱) through the API: the same as the page shows."""

from django.utils import timezone
from ninja import Field, Router, Schema

from ...apitypes import with_errors
from .. import dashboard

router = Router(tags=["通报考核"])


class DashboardOut(Schema):
    today: str
    lights: dict = Field(description="各单位在办事项红黄绿灯数（含链接）")
    overdue: dict = Field(description="逾期事项总数和逾期最久的事项")
    hall: dict = Field(description="本年政务服务受理、办结和各月办结率")
    petitions: list[dict] = Field(description="本月信访件次、超期未办、在办积案、逾期积案")
    targets: dict = Field(description="本年目标任务进度")


@router.get("/dashboard", response=with_errors(DashboardOut), summary="驾驶舱数据（您可见的范围）")
def dashboard_figures(request):
    return dashboard.figures(request.user, timezone.localdate())
