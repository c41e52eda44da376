"""JSON shapes of ledgers, items and what hangs off them."""

from datetime import date, datetime
from typing import Annotated

from ninja import Field, File, Form, Schema, UploadedFile
from pydantic import BaseModel, ConfigDict

from ...apitypes import ObjectId
from ...org.api.schemas import UnitRef
from ..constants import Frequency, ItemStatus, Light

Text = Annotated[str, Field(max_length=5000, pattern=r"^[^\x00]*$")]
# Uploads. Django drops empty files while parsing, so "none sent" reaches the route as an
# empty list and the rules answer it (a file or text is needed), not a parser error.
Files = Annotated[list[UploadedFile], File([], min_length=1, description="文件，可多个")]
# ``openapi_extra`` of an upload route: only its declared form fields (ninja cannot say so).
FORM_FIELDS_ONLY = {
    "requestBody": {"content": {"multipart/form-data": {"schema": {"additionalProperties": False}}}}
}
# Text in a form may be left empty; the rules then say what is missing, in words.
FormText = Annotated[str, Form("", max_length=5000, pattern=r"^[^\x00]*$")]
KindCode = Annotated[str, Field(max_length=30, pattern=r"^[-a-zA-Z0-9_]+$")]
Line = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[^\x00]*[^\x00\s][^\x00]*$")]


def who(user) -> str | None:
    """A person's name for a login, or the login name when it has no person."""
    if user is None:
        return None
    person = getattr(user, "person", None)
    return person.name if person is not None else user.get_username()


def derived(field, compute):
    """A resolver for ``field``. Answers stored for Idempotency-Key replays are dicts that
    already hold the value; only records need it computed."""

    def resolve(obj):
        return obj[field] if isinstance(obj, dict) else compute(obj)

    return staticmethod(resolve)


class Input(BaseModel):
    """A request body: a field the route does not know is refused, not silently dropped.

    A plain pydantic model, not ninja's ``Schema``: a body is parsed from JSON, never read
    off a Django object, so ninja's per-object wrapper would only cost (a third of a batch
    intake's parsing)."""

    model_config = ConfigDict(extra="forbid")


class KindOut(Schema):
    id: int
    code: str
    name: str


class PersonRef(Schema):
    id: int
    name: str


class LedgerRef(Schema):
    id: int
    name: str
    year: int


class LedgerOut(Schema):
    id: int
    name: str
    kind: KindOut
    unit: UnitRef
    year: int
    code_prefix: str
    description: str


class LightCounts(Schema):
    red: int
    yellow: int
    green: int
    none: int = Field(description="已销号")


class LedgerDetailOut(LedgerOut):
    item_count: int = Field(description="您可见的事项数")
    overdue: int = Field(description="逾期事项数")
    lights: LightCounts


class LedgerIn(Input):
    kind: KindCode = Field(description="台账类型代码，见 GET /ledger/kinds")
    unit: ObjectId = Field(description="所属单位")
    year: int = Field(ge=2000, le=2100)
    name: Line
    code_prefix: str = Field(pattern=r"^[A-Za-z0-9]{1,20}$",
                             description="事项编号前缀，如 MS2026（事项编号为 前缀-序号）")
    description: Text = ""


class ItemOut(Schema):
    id: int
    code: str
    title: str
    ledger: LedgerRef
    leader: PersonRef
    lead_unit: UnitRef
    cooperating_units: list[UnitRef]
    goal: str
    measures: str
    deadline: date | None
    working_days: int | None = Field(description="按交办后工作日计时限时的工作日数")
    deadline_known: bool = Field(description="为否时，时限暂按周一至周五推算")
    frequency: Frequency
    status: ItemStatus
    status_label: str
    assigned_on: date | None
    last_reported_on: date | None
    closed_on: date | None
    light: Light = Field(description="预警：red 红灯（逾期）、yellow 黄灯、green 绿灯、none 已销号")
    overdue: bool

    resolve_status_label = derived("status_label", lambda obj: obj.get_status_display())
    resolve_overdue = derived("overdue", lambda obj: obj.light == Light.RED)


class MilestoneOut(Schema):
    id: int
    title: str
    due: date
    done_on: date | None


class AttachmentOut(Schema):
    id: int
    name: str
    size: int
    content_type: str
    purpose: str = Field(description="progress：进展材料；evidence：销号依据")
    report_id: int | None
    uploaded_by: str | None
    uploaded_at: datetime

    resolve_uploaded_by = derived("uploaded_by", lambda obj: who(obj.uploaded_by))


class ReportOut(Schema):
    id: int
    text: str
    reported_on: date
    author: str | None
    at: datetime
    attachments: list[AttachmentOut]

    resolve_author = derived("author", lambda obj: who(obj.author))


class ExtensionOut(Schema):
    id: int
    status: str
    status_label: str
    reason: str
    old_deadline: date | None
    new_deadline: date
    requested_by: str | None
    requested_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    decision_note: str

    resolve_status_label = derived("status_label", lambda obj: obj.get_status_display())
    resolve_requested_by = derived("requested_by", lambda obj: who(obj.requested_by))
    resolve_decided_by = derived("decided_by", lambda obj: who(obj.decided_by))


class EventOut(Schema):
    id: int
    at: datetime
    action: str
    actor: str | None
    from_status: str
    to_status: str
    note: str

    resolve_actor = derived("actor", lambda obj: who(obj.actor) or "系统")


class ItemDetailOut(ItemOut):
    close_evidence: str
    light_reasons: list[str] = Field(description="红灯、黄灯的原因")
    allowed_actions: list[str] = Field(description="您现在可以对该事项进行的操作")
    milestones: list[MilestoneOut]
    reports: list[ReportOut]
    extensions: list[ExtensionOut]
    attachments: list[AttachmentOut]
    timeline: list[EventOut]


class MilestoneIn(Input):
    title: Line
    due: date


class ItemIn(Input):
    ledger: ObjectId
    title: Line
    leader: ObjectId = Field(description="责任领导（人员 id）")
    lead_unit: ObjectId = Field(description="责任单位")
    cooperating_units: list[ObjectId] = Field([], max_length=50, description="配合单位")
    goal: Text = ""
    measures: Text = ""
    deadline: date | None = Field(None, description="完成时限；与 working_days 二选一")
    working_days: int | None = Field(None, ge=1, le=3650,
                                     description="交办后的工作日数；与 deadline 二选一")
    frequency: Frequency | None = Field(None, description="报送频次，默认每月")
    milestones: list[MilestoneIn] = Field([], max_length=20)
    code: str | None = Field(None, pattern=r"^[A-Za-z0-9-]{1,30}$",
                             description="事项编号；不填则按台账前缀自动编号")


class ItemPatch(Input):
    """Only the fields sent are changed; none of them may be null."""

    title: Line = None
    leader: ObjectId = None
    lead_unit: ObjectId = None
    cooperating_units: list[ObjectId] = Field(None, max_length=50)
    goal: Text = None
    measures: Text = None
    deadline: date = None
    frequency: Frequency = None


class UpdateOut(Schema):
    item: ItemDetailOut
    changed: list[str] = Field(description="改动了的字段")
