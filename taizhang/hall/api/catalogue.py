"""The service catalogue and the centres, readable by anyone without signing in (auth=None).

What the public pages show, as JSON: matters with their particulars and version history, and
the centres with their windows and hours. Nothing about applications or the people on duty.
"""

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from ...apitypes import ObjectId, QueryText, with_errors
from .. import catalogue
from ..models import Centre, MatterVersion
from ..views.public import published
from .schemas import CentreOut, MatterCode, MatterDetailOut, MatterOut, VersionOut

router = Router(tags=["便民服务事项（公开）"], auth=None)


class MatterQuery(Schema):
    q: QueryText | None = Field(None, description="事项名称、编码或拼音首字母（如 jmsfz）")
    centre: ObjectId | None = Field(None, description="服务中心 id")
    department: ObjectId | None = Field(None, description="实施部门（单位 id）")
    online: bool | None = Field(None, description="true：只看可网上申请的事项")


def _matter(code):
    return get_object_or_404(published().select_related("current__department"), code=code)


@router.get("/matters", response=with_errors(list[MatterOut]), summary="事项清单（可检索）")
@paginate
def list_matters(request, filters: Query[MatterQuery]):
    matters = published()
    if filters.centre is not None:
        matters = matters.filter(centres=filters.centre)
    if filters.department is not None:
        matters = matters.filter(current__department=filters.department)
    if filters.online is not None:
        matters = matters.filter(current__online=filters.online)
    return catalogue.search(filters.q or "", matters).order_by("code")


@router.get("/matters/{code}", response=with_errors(MatterDetailOut, 404),
            summary="事项详情（材料、流程、时限、收费、办理方式、可办理的中心）")
def get_matter(request, code: MatterCode):
    matter = _matter(code)
    return {"code": matter.code, "current": matter.current, "centres": matter.centres.all()}


@router.get("/matters/{code}/versions", response=with_errors(list[VersionOut], 404),
            summary="事项的历次版本（新的在前）")
def list_versions(request, code: MatterCode):
    return MatterVersion.objects.filter(matter=_matter(code)).select_related(
        "department").order_by("-number")


def _centres():
    return Centre.objects.select_related("unit").prefetch_related("windows")


@router.get("/centres", response=with_errors(list[CentreOut]), summary="便民服务中心及其窗口")
def list_centres(request):
    return _centres()


@router.get("/centres/{centre_id}", response=with_errors(CentreOut, 404),
            summary="一个便民服务中心")
def get_centre(request, centre_id: ObjectId):
    return get_object_or_404(_centres(), pk=centre_id)
