"""What a citizen does without an account (auth=None): look their application up, and rate it.

Both prove the claim with the receipt number and the last four digits of the phone. Any wrong
pair — a wrong number, a wrong ending, a malformed one — gets the same 404 with the same body,
and every try counts against the hourly limits (429) before anything is looked up.
"""

from datetime import date

from ninja import Field, Router, Schema
from ninja import Status as Answer

from ...apitypes import with_errors
from ...ledger.api.errors import created
from ...ledger.api.schemas import Input, Text
from .. import feedback
from ..citizen_view import citizen_view
from ..constants import Channel, Mode, Status
from .errors import throttled, write

router = Router(tags=["办件查询与评价（公开）"], auth=None)

NOT_FOUND = "未找到该办件：请核对受理编号和手机号码后四位。"
Receipt = Field(max_length=40, pattern=r"^[^\x00]*$", description="受理编号（16 位数字）")
PhoneEnding = Field(max_length=10, pattern=r"^[^\x00]*$", description="申请时所留手机号码的后四位")


def answers(schema, *codes):
    """``response=`` of a citizen's route: 404 for any wrong pair, 429 once the hour's tries
    are used up."""
    return with_errors(schema, 404, 429, *codes)


class ClaimIn(Input):
    receipt_no: str = Receipt
    phone_last4: str = PhoneEnding


class RatingIn(ClaimIn):
    grade: int = Field(ge=1, le=5,
                       description="5 非常满意，4 满意，3 基本满意，2 不满意，1 非常不满意")
    comment: Text = Field("", description="评价内容；不满意、非常不满意须说明原因")


class MatterName(Schema):
    code: str
    name: str


class CentreContact(Schema):
    name: str
    address: str
    phone: str
    opening_hours: str


class StepSeen(Schema):
    label: str
    on: date
    note: str = Field(description="告知申请人的理由或需补正的材料")


class RatingSeen(Schema):
    grade: int
    grade_label: str
    rated_on: date


class CitizenViewOut(Schema):
    receipt_no: str
    matter: MatterName
    centre: CentreContact | None
    channel: Channel
    channel_label: str
    mode: Mode
    mode_label: str
    status: Status
    status_label: str
    applicant: str = Field(description="申请人姓名（遮蔽）")
    time_limit: int = Field(description="承诺时限（工作日）")
    submitted_on: date
    accepted_on: date | None
    deadline: date | None = Field(description="承诺办结日期")
    completed_on: date | None
    reason: str = Field(description="不予受理、不予许可或撤回的理由")
    steps: list[StepSeen]
    may_rate: bool = Field(description="现在可以评价")
    rating: RatingSeen | None


def _claimed(payload):
    return feedback.lookup(payload.receipt_no, payload.phone_last4)


@router.post("/lookup", response=answers(CitizenViewOut),
             summary="办件查询（受理编号 + 手机后四位）")
@throttled
def lookup(request, payload: ClaimIn):
    """A POST, so that the phone ending never lands in a URL or a server log."""
    application = _claimed(payload)
    if application is None:
        return Answer(404, {"message": NOT_FOUND})
    return citizen_view(application)


@router.post("/ratings", response=created(CitizenViewOut, 404, 409, 429),
             summary="评价办件（好差评，办理结束后一次）")
@throttled
@write
def rate(request, payload: RatingIn):
    """不满意 and 非常不满意 open a rectification item (整改事项) in the centre's ledger."""
    application = _claimed(payload)
    if application is None:
        return 404, {"message": NOT_FOUND}
    feedback.rate_application(application, grade=payload.grade, comment=payload.comment)
    return 201, citizen_view(application)
