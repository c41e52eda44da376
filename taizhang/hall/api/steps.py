"""One POST route per step of ``constants.STEPS``; each answers with the application as it is now.

Every body may carry ``expected_status``, the status the client last saw: when the application
has moved on since, the step is refused with 409 instead of being taken on an application
nobody looked at.
"""

from ninja import Field, Router

from ...apitypes import ObjectId, with_errors
from ...ledger.api.schemas import Input, Text
from ...org.models import Person
from .. import applications as rules
from ..constants import Status, Step
from ..forms import clerk_centres, department_users
from .applications import application_detail, visible_application
from .errors import write
from .schemas import ApplicationDetailOut

router = Router(tags=["办件办理"])

STEP = with_errors(ApplicationDetailOut, 403, 404, 409)


class StepIn(Input):
    expected_status: Status | None = Field(
        None, description="您看到的办件状态；与当前状态不符时返回 409")


class AcceptIn(StepIn):
    staff: ObjectId | None = Field(
        None, description="代办、陪办人员（网上申请的代办、陪办件受理时须填，该中心窗口在岗人员）")


class ReasonIn(StepIn):
    reason: Text = Field("", description="理由（将书面告知申请人）")


class AssignIn(StepIn):
    handler: ObjectId = Field(description="承办人（承办部门在职人员的 id）")


def _take(request, application_id, step, payload, **extra):
    application = visible_application(request.user, application_id)
    application = rules.take_step(application, step, actor=request.user,
                                  expected_status=payload.expected_status, **extra)
    return 200, application_detail(application, request.user)


@router.post("/applications/{int:application_id}/accept", response=STEP,
             summary="受理网上申请（待受理 → 已受理）")
@write
def accept(request, application_id: ObjectId, payload: AcceptIn):
    """The clock starts; a 即办 matter is completed at once."""
    staff = None
    if payload.staff is not None:
        application = visible_application(request.user, application_id)
        # As on the web: the centre's window staff, or the clerk's own when it names none.
        centres = ([application.centre_id] if application.centre_id
                   else clerk_centres(request.user))
        staff = Person.objects.filter(pk=payload.staff, is_active=True,
                                      service_windows__centre__in=centres).first()
        if staff is None:
            raise rules.Invalid("代办、陪办人员须是该中心窗口的在岗人员。", "staff")
    return _take(request, application_id, Step.ACCEPT, payload, staff=staff)


@router.post("/applications/{int:application_id}/refuse", response=STEP,
             summary="不予受理（待受理 → 不予受理）")
@write
def refuse(request, application_id: ObjectId, payload: ReasonIn):
    return _take(request, application_id, Step.REFUSE, payload, reason=payload.reason)


@router.post("/applications/{int:application_id}/assign", response=STEP,
             summary="转办承办人（已受理 → 办理中）")
@write
def assign(request, application_id: ObjectId, payload: AssignIn):
    application = visible_application(request.user, application_id)
    handler = department_users(application.department_id).filter(
        person__pk=payload.handler).first()
    if handler is None:
        raise rules.Invalid(f"承办人须是{application.department.name}的在职人员。", "handler")
    return _take(request, application_id, Step.ASSIGN, payload, handler=handler)


@router.post("/applications/{int:application_id}/request-supplement", response=STEP,
             summary="一次性告知补正（暂停计时）")
@write
def request_supplement(request, application_id: ObjectId, payload: ReasonIn):
    """``reason``: every missing material, all at once. The clock stops until they arrive."""
    return _take(request, application_id, Step.REQUEST_SUPPLEMENT, payload,
                 reason=payload.reason)


@router.post("/applications/{int:application_id}/supplemented", response=STEP,
             summary="补正材料已收（恢复计时，承诺办结日期顺延）")
@write
def supplemented(request, application_id: ObjectId, payload: StepIn):
    return _take(request, application_id, Step.SUPPLEMENTED, payload)


@router.post("/applications/{int:application_id}/complete", response=STEP, summary="办结")
@write
def complete(request, application_id: ObjectId, payload: StepIn):
    return _take(request, application_id, Step.COMPLETE, payload)


@router.post("/applications/{int:application_id}/deny", response=STEP,
             summary="不予许可（写明理由和依据）")
@write
def deny(request, application_id: ObjectId, payload: ReasonIn):
    return _take(request, application_id, Step.DENY, payload, reason=payload.reason)


@router.post("/applications/{int:application_id}/withdraw", response=STEP,
             summary="撤回（注明原因）")
@write
def withdraw(request, application_id: ObjectId, payload: ReasonIn):
    return _take(request, application_id, Step.WITHDRAW, payload, reason=payload.reason)
