"""One POST route per act of the transition table; each answers with the item as it is now.

Every body may carry ``expected_status``, the status the client last saw: when the item has
moved on since, the act is refused with 409 instead of being done to an item nobody looked at.
"""

from datetime import date

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Form, Router, Schema

from ...apitypes import ObjectId, with_errors
from .. import rules
from ..constants import ItemStatus
from ..people import is_supervision
from ..queries import visible_items
from .errors import write
from .items import ItemQuery, item_detail, listed_items, visible_item
from .schemas import FORM_FIELDS_ONLY, Files, FormText, Input, ItemDetailOut, ItemOut, Text

router = Router(tags=["台账事项办理"])

ACT = with_errors(ItemDetailOut, 403, 404, 409)
EXPECTED = Field(None, description="您看到的事项状态；与当前状态不符时返回 409")


class Act(Input):
    expected_status: ItemStatus | None = EXPECTED


class NoteIn(Act):
    note: Text = Field("", description="意见（可不填）")


class RequestCloseIn(Act):
    evidence: Text = Field(description="完成情况说明（销号依据）")


class ReturnIn(Act):
    reason: Text = Field(description="退回理由")


class ExtensionIn(Act):
    new_deadline: date = Field(description="申请延至")
    reason: Text = Field(description="延期理由")


class MilestoneDoneIn(Act):
    done_on: date | None = Field(None, description="完成日期，默认今天")


def _done(request, item):
    return 200, item_detail(item, request.user)


@router.post("/items/{item_id}/assign", response=ACT, summary="交办（督查室）")
@write
def assign(request, item_id: ObjectId, payload: NoteIn):
    """待交办 → 办理中. An item timed in working days gets its deadline now."""
    item = rules.assign_item(visible_item(request.user, item_id), actor=request.user,
                             note=payload.note.strip(), expected_status=payload.expected_status)
    return _done(request, item)


@router.post("/items/{item_id}/request-close", response=ACT, summary="申请销号（责任单位）")
@write
def request_close(request, item_id: ObjectId, payload: RequestCloseIn):
    """办理中 → 申请销号, with the written evidence."""
    item = rules.request_close_out(visible_item(request.user, item_id), actor=request.user,
                                   evidence=payload.evidence,
                                   expected_status=payload.expected_status)
    return _done(request, item)


@router.post("/items/{item_id}/request-close/files", response=ACT, openapi_extra=FORM_FIELDS_ONLY,
             summary="申请销号并上传佐证材料（责任单位，multipart/form-data）")
@write
def request_close_with_files(request, item_id: ObjectId, files: Files, evidence: FormText,
                             expected_status: Form[ItemStatus] = None):
    """办理中 → 申请销号; the files are kept as evidence (说明 may then be left empty)."""
    item = rules.request_close_out(visible_item(request.user, item_id), actor=request.user,
                                   evidence=evidence, files=files,
                                   expected_status=expected_status)
    return _done(request, item)


@router.post("/items/{item_id}/close-out", response=ACT, summary="销号（督查室，非申请人）")
@write
def close_out(request, item_id: ObjectId, payload: NoteIn):
    """申请销号 → 已销号. The one who asked for close-out may not verify it."""
    item = rules.close_out_item(visible_item(request.user, item_id), actor=request.user,
                                note=payload.note.strip(), expected_status=payload.expected_status)
    return _done(request, item)


@router.post("/items/{item_id}/return", response=ACT, summary="退回（督查室）")
@write
def send_back(request, item_id: ObjectId, payload: ReturnIn):
    """申请销号 → 办理中, with the reason."""
    item = rules.return_item(visible_item(request.user, item_id), actor=request.user,
                             reason=payload.reason, expected_status=payload.expected_status)
    return _done(request, item)


@router.post("/items/{item_id}/extensions", response=ACT, summary="申请延期（责任单位）")
@write
def request_extension(request, item_id: ObjectId, payload: ExtensionIn):
    """Asks the responsible leader for a later deadline; one request open at a time."""
    item = visible_item(request.user, item_id)
    rules.request_extension(item, actor=request.user, new_deadline=payload.new_deadline,
                            reason=payload.reason, expected_status=payload.expected_status)
    return _done(request, item)


def _decide(request, item_id, payload, approve):
    item = visible_item(request.user, item_id)
    rules.decide_extension(item, actor=request.user, approve=approve, note=payload.note,
                           expected_status=payload.expected_status)
    return _done(request, item)


@router.post("/items/{item_id}/extensions/approve", response=ACT,
             summary="批准延期（责任领导）")
@write
def approve_extension(request, item_id: ObjectId, payload: NoteIn):
    """The pending request is approved; the item's deadline moves, the old one is kept."""
    return _decide(request, item_id, payload, approve=True)


@router.post("/items/{item_id}/extensions/reject", response=ACT,
             summary="不批准延期（责任领导）")
@write
def reject_extension(request, item_id: ObjectId, payload: NoteIn):
    return _decide(request, item_id, payload, approve=False)


@router.post("/items/{item_id}/milestones/{milestone_id}/complete", response=ACT,
             summary="节点完成（责任单位）")
@write
def complete_milestone(request, item_id: ObjectId, milestone_id: ObjectId,
                       payload: MilestoneDoneIn):
    item = visible_item(request.user, item_id)
    get_object_or_404(item.milestones, pk=milestone_id)
    rules.complete_milestone(item, milestone_id, actor=request.user, done_on=payload.done_on,
                             expected_status=payload.expected_status)
    return _done(request, item)


class BulkAssignIn(Input):
    items: list[ObjectId] = Field(min_length=1, max_length=200, description="事项 id")
    note: Text = Field("", description="交办意见（可不填）")


class Refused(Schema):
    id: int
    message: str


class BulkAssignOut(Schema):
    assigned: list[ItemOut]
    refused: list[Refused]


@router.post("/items/bulk-assign", response=with_errors(BulkAssignOut, 403),
             summary="批量交办（督查室）")
@write
def bulk_assign(request, payload: BulkAssignIn):
    """Each item is assigned on its own: one that cannot be is listed with the reason, and
    the others are assigned all the same."""
    if not is_supervision(request.user):
        raise rules.NotAllowed("只有督查室可以交办。")
    wanted = list(dict.fromkeys(payload.items))
    found = visible_items(request.user).in_bulk(wanted)
    done, refused = rules.bulk_assign([found[i] for i in wanted if i in found],
                                      actor=request.user, note=payload.note.strip())
    refused = [{"id": item.pk, "message": message} for item, message in refused]
    refused += [{"id": i, "message": "找不到该事项，或您无权查看。"} for i in wanted
                if i not in found]
    assigned = listed_items(request.user, ItemQuery(), timezone.localdate()).filter(
        pk__in=[item.pk for item in done])
    return 200, {"assigned": [ItemOut.from_orm(i).model_dump(mode="json") for i in assigned],
                 "refused": refused}
