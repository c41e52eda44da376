"""JSON shapes of petitions. The detail is built as a plain dict (``petitions.petition_detail``)
so that an answer stored for an Idempotency-Key replay is the same data, read back as it is.
Petitioner identity appears only in the detail, as ``queries.petitioner_views`` decides."""

from datetime import date, datetime
from typing import Annotated

from ninja import Field, Schema
from pydantic import WithJsonSchema

from ...apitypes import ObjectId
from ...ledger.api.schemas import Input, PersonRef, Text, derived
from ...org.api.schemas import UnitRef
from ..constants import Channel, Evaluation, ExtensionStatus, Light, ReviewKind, Status, Step


def _inline(choices):
    """``choices`` as an enum written into each schema that uses it. The hall and the ledger
    have their own ``Status``, ``Channel``, ``Light``…, and OpenAPI names enum components by
    class name: shared components would make one app's values valid for another's routes."""
    return Annotated[choices, WithJsonSchema({"type": "string", "enum": list(choices.values)})]


ChannelValue = _inline(Channel)
StatusValue = _inline(Status)
LightValue = _inline(Light)
StepValue = _inline(Step)
EvaluationValue = _inline(Evaluation)
ReviewKindValue = _inline(ReviewKind)
ExtensionStatusValue = _inline(ExtensionStatus)

# What a petitioner or an accused person is called: one line, no NUL.
PersonName = Annotated[str, Field(max_length=60, pattern=r"^[^\x00]*$")]
Note = Annotated[str, Field(max_length=2000, pattern=r"^[^\x00]*$")]


class CategoryOut(Schema):
    id: int
    code: str
    name: str


class PetitionOut(Schema):
    """A petition in the list: its facts, never who brought it. Computed fields are
    ``derived``: the detail, a subclass, is replayed from a stored dict."""

    id: int
    registration_no: str
    channel: ChannelValue
    channel_label: str
    received_on: date
    category: CategoryOut
    origin_unit: UnitRef = Field(description="问题属地")
    handling_unit: UnitRef | None = Field(description="承办单位")
    status: StatusValue
    status_label: str
    head_count: int = Field(description="信访人数（人次）")
    group_visit: bool = Field(description="集体访：来访且五人以上")
    bypassed: bool = Field(description="越级信访")
    is_accusation: bool = Field(description="检举揭发件")
    repeat: bool = Field(description="已认定为重复信访")
    due_on: date | None = Field(description="当前期限；无时限时为空")
    light: LightValue
    light_label: str
    created_at: datetime

    resolve_channel_label = derived("channel_label", lambda p: p.get_channel_display())
    resolve_status_label = derived("status_label", lambda p: p.get_status_display())
    resolve_group_visit = derived("group_visit", lambda p: p.is_group_visit)
    resolve_repeat = derived("repeat", lambda p: p.repeat_of_id is not None)
    resolve_light_label = derived("light_label", lambda p: Light(p.light).label)


class PetitionerOut(Schema):
    id: int
    name: str = Field(description="姓名；无权查看时为“信访人信息已保密”")
    id_number: str = Field(description="身份证号码（遮蔽）")
    phone: str = Field(description="联系电话（遮蔽）")
    address: str
    hidden: bool = Field(description="为真时，信访人信息对您保密")


class ReviewOut(Schema):
    kind: ReviewKindValue
    kind_label: str
    requested_on: date
    request_text: str
    reviewing_unit: UnitRef | None
    answer_due: date
    answer_text: str
    answered_on: date | None


class PetitionExtensionOut(Schema):
    id: int
    days: int
    reason: str
    old_due: date
    new_due: date
    status: ExtensionStatusValue
    status_label: str
    requested_by: str | None
    requested_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    decision_note: str


class PetitionEventOut(Schema):
    id: int
    at: datetime
    action: str
    label: str
    actor: str | None = Field(description="经办人；登记时自动认定等为空")
    from_status: str
    to_status: str
    note: str


class PetitionDetailOut(PetitionOut):
    content: str
    accused_unit: UnitRef | None = Field(description="被检举单位（检举揭发件）")
    accused_person: PersonRef | None = Field(description="被检举人（检举揭发件）")
    accused_name: str
    handler: PersonRef | None = Field(description="承办人")
    due_known: bool = Field(description="为否时，期限暂按周一至周五推算")
    light_reason: str = Field(description="红灯、黄灯的原因")
    accept_due: date
    assign_due: date
    handling_due: date | None
    decided_on: date | None
    refusal_notice: str
    assigned_on: date | None
    started_on: date | None
    reply_text: str
    replied_on: date | None
    evaluation: EvaluationValue | None
    evaluation_label: str
    evaluated_on: date | None
    closed_on: date | None
    repeat_of: int | None = Field(description="重复信访的首件 id（您可见时）")
    repeat_chain: list[int] = Field(description="同一件（首件及其重复信访）中您可见的信访件 id，"
                                                "按收到日期排列")
    petitioners: list[PetitionerOut]
    reviews: list[ReviewOut]
    extensions: list[PetitionExtensionOut]
    timeline: list[PetitionEventOut]
    allowed_steps: list[StepValue] = Field(description="您现在可以对该信访件进行的操作")


class PetitionerIn(Input):
    name: PersonName = Field(description="姓名")
    id_number: str = Field("", max_length=30, pattern=r"^[^\x00]*$", description="身份证号码")
    phone: str = Field("", max_length=20, pattern=r"^[^\x00]*$", description="联系电话")
    address: Text = Field("", description="住址")


class RegisterIn(Input):
    channel: ChannelValue
    received_on: date | None = Field(None, description="收到日期；不填为今天")
    content: Text = Field(description="信访内容")
    category: ObjectId = Field(description="事项类别 id（见 /petitions/categories）")
    origin_unit: ObjectId = Field(description="问题属地（单位 id）")
    petitioners: list[PetitionerIn] = Field(
        [], max_length=50, description="信访人；集体访登记代表，人数另填 head_count。"
        "仅检举揭发件可匿名（空列表）")
    head_count: int | None = Field(None, ge=1, le=9999,
                                   description="信访人数；不填为登记的信访人数")
    bypassed: bool = Field(False, description="越级信访")
    is_accusation: bool = Field(False, description="检举揭发件")
    accused_unit: ObjectId | None = Field(None, description="被检举单位 id")
    accused_person: ObjectId | None = Field(None, description="被检举人（人员 id）")
    accused_name: PersonName = Field("", description="被检举人姓名（不在人员名录中时）")
