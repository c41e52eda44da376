"""One POST route per step; each answers with the petition as it is now (``petition_detail``).

Every body may carry ``expected_status``, the status the client last saw: when the petition
has moved on since, the step is refused with 409 instead of being taken on a petition nobody
looked at. A petition out of sight answers 404 on every route, before anything else is
checked, exactly like one that does not exist.
"""

from datetime import date

from ninja import Field, Router

from ...apitypes import ObjectId, with_errors
from ...ledger.api.schemas import Input, Text
from ...org.models import Person, Unit
from .. import extensions, queries, registration, repeats, reviews, rules
from ..errors import Conflict, Invalid
from ..models import Category
from .errors import write
from .petitions import petition_detail, visible_petition
from .schemas import EvaluationValue, Note, PetitionDetailOut, ReviewKindValue, StatusValue

router = Router(tags=["信访件办理"])

STEP = with_errors(PetitionDetailOut, 403, 404, 409)


class PetitionStepIn(Input):
    expected_status: StatusValue | None = Field(
        None, description="您看到的信访件状态；与当前状态不符时返回 409")


class PetitionNoteIn(PetitionStepIn):
    note: Note = Field("", description="说明")


class PetitionNoticeIn(PetitionStepIn):
    notice: Text = Field(description="不予受理告知书：理由及可以向哪个机关提出")


class PetitionAssignIn(PetitionNoteIn):
    unit: ObjectId = Field(description="承办单位 id（本信访工作机构交办范围内，不得为被检举单位）")


class PetitionStartIn(PetitionStepIn):
    handler: ObjectId = Field(description="承办人（承办单位在职人员的 id）")


class PetitionTextIn(PetitionStepIn):
    text: Text = Field(description="书面意见")


class PetitionEvaluateIn(PetitionNoteIn):
    evaluation: EvaluationValue = Field(description="信访人评价：满意、基本满意、不满意")


class PetitionReviewRequestIn(PetitionStepIn):
    kind: ReviewKindValue = Field(description="review：复查；recheck：复核")
    text: Text = Field(description="请求事项和理由")
    requested_on: date | None = Field(None, description="收到请求的日期；不填为今天")
    reviewing_unit: ObjectId | None = Field(None, description="复查（复核）机关（单位 id）")


class PetitionReviewAnswerIn(PetitionStepIn):
    kind: ReviewKindValue = Field(description="review：复查；recheck：复核")
    text: Text = Field(description="复查（复核）意见")


class PetitionExtensionRequestIn(PetitionStepIn):
    days: int = Field(ge=1, le=365, description="延长天数（合计不超过延期上限）")
    reason: Text = Field(description="延期理由（将告知信访人）")


class PetitionExtensionDecisionIn(PetitionStepIn):
    approve: bool = Field(description="true：批准；false：不批准")
    note: Note = Field("", description="审批意见")


class PetitionRepeatLinkIn(PetitionStepIn):
    earlier: ObjectId = Field(description="更早收到的信访件 id")
    note: Note = Field("", description="说明")


class PetitionReasonIn(PetitionStepIn):
    reason: Text = Field(description="理由")


class PetitionCategoryIn(PetitionStepIn):
    category: ObjectId = Field(description="新的事项类别 id")
    reason: Text = Field(description="调整理由")


def _take(request, petition_id, step, payload, **extra):
    petition = visible_petition(request.user, petition_id)
    petition = step(petition, actor=request.user, expected_status=payload.expected_status,
                    **extra)
    return 200, petition_detail(petition, request.user)


def _unchanged(petition, payload):
    """For acts that are not status changes (repeat links, 改类), which take no expected
    status themselves: a stale page is refused all the same."""
    if payload.expected_status and petition.status != payload.expected_status:
        raise Conflict(f"该信访件当前为“{petition.get_status_display()}”，"
                       "与您看到的不同。请刷新页面后查看。")


def _unit(pk, field):
    unit = Unit.objects.filter(pk=pk).first()
    if unit is None:
        raise Invalid("单位不存在。", field)
    return unit


@router.post("/petitions/{int:petition_id}/accept", response=STEP,
             summary="受理（已登记 → 已受理）")
@write
def accept(request, petition_id: ObjectId, payload: PetitionNoteIn):
    """The 60 days of handling start today; referral (交办) is now awaited."""
    return _take(request, petition_id, rules.accept_petition, payload, note=payload.note)


@router.post("/petitions/{int:petition_id}/refuse", response=STEP,
             summary="不予受理（已登记 → 不予受理，书面告知）")
@write
def refuse(request, petition_id: ObjectId, payload: PetitionNoticeIn):
    return _take(request, petition_id, rules.refuse_petition, payload, notice=payload.notice)


@router.post("/petitions/{int:petition_id}/assign", response=STEP,
             summary="交办（已受理 → 已交办）")
@write
def assign(request, petition_id: ObjectId, payload: PetitionAssignIn):
    visible_petition(request.user, petition_id)  # 404 before the unit is looked up
    return _take(request, petition_id, rules.assign_petition, payload,
                 unit=_unit(payload.unit, "unit"), note=payload.note)


@router.post("/petitions/{int:petition_id}/start-handling", response=STEP,
             summary="签收办理，指定承办人（已交办 → 办理中）")
@write
def start_handling(request, petition_id: ObjectId, payload: PetitionStartIn):
    visible_petition(request.user, petition_id)
    handler = Person.objects.filter(pk=payload.handler).first()
    if handler is None:
        raise Invalid("承办人不存在。", "handler")
    return _take(request, petition_id, rules.start_handling, payload, handler=handler)


@router.post("/petitions/{int:petition_id}/reply", response=STEP,
             summary="答复（办理中 → 已答复，书面答复意见）")
@write
def reply(request, petition_id: ObjectId, payload: PetitionTextIn):
    return _take(request, petition_id, rules.reply_petition, payload, text=payload.text)


@router.post("/petitions/{int:petition_id}/evaluate", response=STEP,
             summary="记录信访人评价（已答复 → 已评价）")
@write
def evaluate(request, petition_id: ObjectId, payload: PetitionEvaluateIn):
    return _take(request, petition_id, rules.evaluate_petition, payload,
                 evaluation=payload.evaluation, note=payload.note)


@router.post("/petitions/{int:petition_id}/close", response=STEP, summary="办结")
@write
def close(request, petition_id: ObjectId, payload: PetitionNoteIn):
    return _take(request, petition_id, rules.close_petition, payload, note=payload.note)


@router.post("/petitions/{int:petition_id}/review-request", response=STEP,
             summary="登记复查或复核请求（→ 复查中 / 复核中）")
@write
def review_request(request, petition_id: ObjectId, payload: PetitionReviewRequestIn):
    visible_petition(request.user, petition_id)
    unit = None if payload.reviewing_unit is None else _unit(payload.reviewing_unit,
                                                             "reviewing_unit")
    return _take(request, petition_id, reviews.request_review, payload, kind=payload.kind,
                 text=payload.text, requested_on=payload.requested_on, reviewing_unit=unit)


@router.post("/petitions/{int:petition_id}/review-answer", response=STEP,
             summary="登记复查或复核意见（→ 办结）")
@write
def review_answer(request, petition_id: ObjectId, payload: PetitionReviewAnswerIn):
    return _take(request, petition_id, reviews.answer_review, payload, kind=payload.kind,
                 text=payload.text)


@router.post("/petitions/{int:petition_id}/extension-request", response=STEP,
             summary="申请延长办理期限（承办单位）")
@write
def extension_request(request, petition_id: ObjectId, payload: PetitionExtensionRequestIn):
    return _take(request, petition_id, extensions.request_extension, payload,
                 days=payload.days, reason=payload.reason)


@router.post("/petitions/{int:petition_id}/extension-decision", response=STEP,
             summary="批准或不批准延期（承办单位负责人，不得审批本人的申请）")
@write
def extension_decision(request, petition_id: ObjectId, payload: PetitionExtensionDecisionIn):
    return _take(request, petition_id, extensions.decide_extension, payload,
                 approve=payload.approve, note=payload.note)


@router.post("/petitions/{int:petition_id}/repeat-link", response=STEP,
             summary="认定为重复信访（关联到更早的信访件）")
@write
def repeat_link(request, petition_id: ObjectId, payload: PetitionRepeatLinkIn):
    petition = visible_petition(request.user, petition_id)
    _unchanged(petition, payload)
    # An earlier petition out of sight is named exactly like one that does not exist.
    earlier = queries.visible_petitions(request.user).filter(pk=payload.earlier).first()
    if earlier is None:
        raise Invalid("找不到该信访件，或您无权查看。", "earlier")
    petition = repeats.link_repeat(petition, earlier, actor=request.user, note=payload.note)
    return 200, petition_detail(petition, request.user)


@router.post("/petitions/{int:petition_id}/repeat-unlink", response=STEP,
             summary="取消重复信访认定（写明理由）")
@write
def repeat_unlink(request, petition_id: ObjectId, payload: PetitionReasonIn):
    petition = visible_petition(request.user, petition_id)
    _unchanged(petition, payload)
    petition = repeats.unlink_repeat(petition, actor=request.user, reason=payload.reason)
    return 200, petition_detail(petition, request.user)


@router.post("/petitions/{int:petition_id}/category", response=STEP,
             summary="调整事项类别（信访工作机构，写明理由）")
@write
def change_category(request, petition_id: ObjectId, payload: PetitionCategoryIn):
    petition = visible_petition(request.user, petition_id)
    _unchanged(petition, payload)
    category = Category.objects.filter(pk=payload.category).first()
    if category is None:
        raise Invalid("事项类别不存在。", "category")
    petition = registration.change_category(petition, actor=request.user, category=category,
                                            reason=payload.reason)
    return 200, petition_detail(petition, request.user)
