from django.db.models import Prefetch
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Form, Query, Router, Schema
from ninja.pagination import paginate

from ...apitypes import ObjectId, QueryText, with_errors
from ...org.events import timeline
from .. import lights, rules
from ..constants import ItemStatus, Light
from ..filters import ItemFilter
from ..forms import leaders_for, units_for
from ..lights import annotate_light
from ..models import Attachment, Extension, ProgressReport
from ..people import is_supervision
from ..queries import visible_items, visible_ledgers
from .errors import binary, created, write
from .schemas import (
    FORM_FIELDS_ONLY,
    Files,
    FormText,
    Input,
    ItemDetailOut,
    ItemIn,
    ItemOut,
    ItemPatch,
    KindCode,
    ReportOut,
    Text,
    UpdateOut,
)

router = Router(tags=["台账事项"])


class ItemQuery(Schema):
    """The filters of the item list page."""

    ledger: ObjectId | None = None
    kind: KindCode | None = Field(None, description="台账类型代码")
    status: ItemStatus | None = None
    light: Light | None = None
    unit: ObjectId | None = Field(None, description="责任单位（含其下级单位）")
    leader: ObjectId | None = Field(None, description="责任领导（人员 id）")
    overdue: bool = Field(False, description="只看逾期事项")
    q: QueryText | None = Field(None, description="在编号、名称、目标任务、工作措施中查找")

    def to_filter(self) -> ItemFilter:
        return ItemFilter(ledger=self.ledger, kind=self.kind, status=self.status,
                          light=self.light, unit=self.unit, leader=self.leader,
                          overdue=self.overdue, q=(self.q or "").strip())


def listed_items(user, query: ItemQuery, today):
    """Visible items matching the filters, each with its light."""
    items = query.to_filter().apply(visible_items(user), today)
    if "light" not in items.query.annotations:
        items = annotate_light(items, today)
    return items.select_related("ledger", "leader", "lead_unit").prefetch_related(
        "cooperating_units")


def item_detail(item, user) -> dict:
    """Everything about one item as JSON, as ``user`` sees it now."""
    by_person = ("uploaded_by__person",)
    item = visible_items(user).select_related("ledger", "leader", "lead_unit").prefetch_related(
        "cooperating_units", "milestones",
        Prefetch("reports", ProgressReport.objects.select_related("author__person")
                 .prefetch_related(Prefetch("attachments", Attachment.objects.select_related(
                     *by_person)))),
        Prefetch("extensions", Extension.objects.select_related(
            "requested_by__person", "decided_by__person")),
        Prefetch("attachments", Attachment.objects.select_related(*by_person)),
    ).get(pk=item.pk)
    item.light, item.light_reasons = lights.explain(item, timezone.localdate())
    item.allowed_actions = rules.allowed_actions(user, item)
    item.timeline = list(timeline(item).select_related("actor__person"))
    return ItemDetailOut.from_orm(item).model_dump(mode="json")


def visible_item(user, item_id):
    return get_object_or_404(visible_items(user), pk=item_id)


def _references(user, fields):
    """Turn the ids of leader and units in ``fields`` into records the user may choose."""
    if "leader" in fields:
        fields["leader"] = leaders_for(user).filter(pk=fields["leader"]).first()
        if fields["leader"] is None:
            raise rules.Invalid("责任领导不存在，或您无权选择。", field="leader")
    if "lead_unit" in fields:
        fields["lead_unit"] = units_for(user).filter(pk=fields["lead_unit"]).first()
        if fields["lead_unit"] is None:
            raise rules.Invalid("责任单位不存在，或您无权选择。", field="lead_unit")
    if "cooperating_units" in fields:
        wanted = set(fields["cooperating_units"])
        found = list(units_for(user).filter(pk__in=wanted))
        if len(found) != len(wanted):
            raise rules.Invalid("配合单位中有不存在或您无权选择的单位。",
                                field="cooperating_units")
        fields["cooperating_units"] = found
    for name in ("title", "goal", "measures"):
        if name in fields:
            fields[name] = fields[name].strip()
    return fields


def _lead_not_cooperating(lead, cooperating):
    if lead in cooperating:
        raise rules.Invalid(f"{lead.name}已是责任单位，不必再列为配合单位。",
                            field="cooperating_units")


@router.get("/items", response=with_errors(list[ItemOut]), summary="事项列表")
@paginate
def list_items(request, filters: Query[ItemQuery]):
    return listed_items(request.user, filters, timezone.localdate())


@router.get("/items/{item_id}", response=with_errors(ItemDetailOut, 404),
            summary="事项详情（节点、进展、延期、附件、时间线、可进行的操作）")
def get_item(request, item_id: ObjectId):
    return item_detail(visible_item(request.user, item_id), request.user)


@router.post("/items", response=created(ItemDetailOut, 403), summary="新建事项（督查室）")
@write
def create_item(request, payload: ItemIn):
    user = request.user
    # Before the references are looked up, which only the supervision office may pick from.
    if not is_supervision(user):
        raise rules.NotAllowed("只有督查室可以新建台账事项。")
    ledger = visible_ledgers(user).filter(pk=payload.ledger).first()
    if ledger is None:
        raise rules.Invalid("台账不存在，或您无权查看。", field="ledger")
    if payload.deadline and payload.working_days:
        raise rules.Invalid("已填写完成时限，请不要再填写工作日数。", field="working_days")
    if payload.code and ledger.items.filter(code=payload.code).exists():
        raise rules.Invalid(f"该台账已有编号为 {payload.code} 的事项。", field="code")
    fields = _references(user, payload.model_dump(
        include={"title", "leader", "lead_unit", "cooperating_units", "goal", "measures",
                 "deadline", "working_days", "frequency", "code"}))
    _lead_not_cooperating(fields["lead_unit"], fields["cooperating_units"])
    item = rules.create_item(
        ledger, actor=user, milestones=[(m.title.strip(), m.due) for m in payload.milestones],
        **fields,
    )
    return 201, item_detail(item, user)


@router.patch("/items/{item_id}", response=with_errors(UpdateOut, 403, 404, 409),
              summary="修改事项内容（督查室）")
@write
def update_item(request, item_id: ObjectId, payload: ItemPatch):
    user = request.user
    item = visible_item(user, item_id)
    if not is_supervision(user):
        raise rules.NotAllowed("只有督查室可以修改事项内容。")
    fields = _references(user, payload.model_dump(exclude_unset=True))
    if {"lead_unit", "cooperating_units"} & fields.keys():
        _lead_not_cooperating(fields.get("lead_unit", item.lead_unit),
                              fields.get("cooperating_units", item.cooperating_units.all()))
    item, changed = rules.update_item(item, actor=user, **fields)
    return 200, {"item": item_detail(item, user), "changed": sorted(changed)}


@router.get("/items/{item_id}/reports", response=with_errors(list[ReportOut], 404),
            summary="进展情况")
@paginate
def list_reports(request, item_id: ObjectId):
    item = visible_item(request.user, item_id)
    return item.reports.select_related("author__person").prefetch_related(
        Prefetch("attachments", Attachment.objects.select_related("uploaded_by__person")))


class ReportIn(Input):
    text: Text = Field(description="进展情况")
    expected_status: ItemStatus | None = Field(
        None, description="您看到的事项状态；与当前状态不符时返回 409")


def _report(request, item_id, text, files=(), expected_status=None):
    item = visible_item(request.user, item_id)
    report = rules.report_progress(item, actor=request.user, text=text, files=files,
                                   expected_status=expected_status)
    return 201, ReportOut.from_orm(report).model_dump(mode="json")


@router.post("/items/{item_id}/reports", response=created(ReportOut, 403, 404, 409),
             summary="报送进展（责任单位）")
@write
def report_progress(request, item_id: ObjectId, payload: ReportIn):
    return _report(request, item_id, payload.text, expected_status=payload.expected_status)


@router.post("/items/{item_id}/reports/files", response=created(ReportOut, 403, 404, 409),
             openapi_extra=FORM_FIELDS_ONLY,
             summary="报送进展并上传附件（责任单位，multipart/form-data）")
@write
def report_progress_with_files(request, item_id: ObjectId, text: FormText, files: Files,
                               expected_status: Form[ItemStatus] = None):
    """Each file at most ``TAIZHANG_UPLOAD_MAX_MB`` MB, of the kinds the web form accepts."""
    return _report(request, item_id, text, files, expected_status)


@router.get("/items/{item_id}/attachments/{attachment_id}",
            **binary("application/octet-stream", "附件文件", 404), summary="下载附件")
def download_attachment(request, item_id: ObjectId, attachment_id: ObjectId):
    item = visible_item(request.user, item_id)
    attachment = get_object_or_404(item.attachments, pk=attachment_id)
    # Never the type the uploader claimed: a browser must not render what it downloads.
    return FileResponse(attachment.file.open("rb"), as_attachment=True,
                        filename=attachment.name, content_type="application/octet-stream")
