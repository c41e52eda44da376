"""JSON shapes of the catalogue, the centres and applications.

Answers of write routes are stored for Idempotency-Key replays as JSON, so every computed field
of an application is a ``derived`` resolver, which takes a stored dict as it is.
"""

from datetime import date, datetime
from typing import Annotated

from ninja import Field, Schema

from ...apitypes import ObjectId
from ...ledger.api.schemas import Input, PersonRef, Text, derived, who
from ...org import pii
from ...org.api.schemas import UnitRef
from ..citizen_view import STEP_LABELS
from ..constants import Category, Channel, MaterialForm, Mode, Status, Step

MatterCode = Annotated[str, Field(min_length=1, max_length=30, pattern=r"^[-A-Za-z0-9_]+$",
                                  description="事项编码，如 HY-GA-001")]
Name = Annotated[str, Field(min_length=1, max_length=60, pattern=r"^[^\x00]*[^\x00\s][^\x00]*$")]


def _mode_labels(modes):
    return [Mode(mode).label for mode in modes]


def _current(field):
    """A resolver reading ``field`` from the matter's current version."""
    return staticmethod(lambda matter: getattr(matter.current, field))


def _person(user):
    person = getattr(user, "person", None) if user is not None else None
    return None if person is None else {"id": person.pk, "name": person.name}


# The catalogue: public, and never replayed, so plain resolvers.

class MaterialOut(Schema):
    name: str
    form: MaterialForm
    form_label: str
    copies: int
    note: str = ""

    @staticmethod
    def resolve_form_label(material):
        return MaterialForm(material["form"]).label


class VersionOut(Schema):
    number: int = Field(description="版本号；每次修改事项都生成新版本")
    name: str
    department: UnitRef = Field(description="实施部门")
    category: Category
    category_label: str
    legal_basis: str
    materials: list[MaterialOut]
    steps: list[str] = Field(description="办理流程")
    time_limit: int = Field(description="承诺时限（工作日）；0 表示即办、当场办结")
    fee: str
    modes: list[Mode]
    mode_labels: list[str]
    online: bool = Field(description="可网上申请")
    max_trips: int = Field(description="最多跑动次数；0 表示零跑动")
    change_note: str
    changed_at: datetime

    @staticmethod
    def resolve_category_label(version):
        return version.get_category_display()

    @staticmethod
    def resolve_mode_labels(version):
        return _mode_labels(version.modes)


class MatterOut(Schema):
    """A matter in the list: its code and the particulars citizens compare."""

    code: str
    name: str
    department: UnitRef
    category: Category
    time_limit: int = Field(description="承诺时限（工作日）；0 表示即办")
    fee: str
    modes: list[Mode]
    mode_labels: list[str]
    online: bool
    max_trips: int
    version: int = Field(description="现行版本号")

    resolve_name = _current("name")
    resolve_department = _current("department")
    resolve_category = _current("category")
    resolve_time_limit = _current("time_limit")
    resolve_fee = _current("fee")
    resolve_modes = _current("modes")
    resolve_online = _current("online")
    resolve_max_trips = _current("max_trips")
    resolve_version = _current("number")

    @staticmethod
    def resolve_mode_labels(matter):
        return _mode_labels(matter.current.modes)


class CentreRef(Schema):
    id: int
    name: str


class WindowOut(Schema):
    number: int
    name: str


class CentreOut(Schema):
    id: int
    name: str
    unit: UnitRef = Field(description="所属乡镇、街道或区")
    address: str
    phone: str
    opening_hours: str
    windows: list[WindowOut]


class OfferedAt(Schema):
    id: int
    name: str
    address: str
    phone: str
    opening_hours: str


class MatterDetailOut(Schema):
    code: str
    current: VersionOut = Field(description="现行版本")
    centres: list[OfferedAt] = Field(description="可办理的服务中心")


# Applications (staff).

class MatterRef(Schema):
    code: str
    name: str
    version: int = Field(description="申请时适用的事项版本")

    resolve_code = derived("code", lambda version: version.matter.code)
    resolve_version = derived("version", lambda version: version.number)


class ApplicationOut(Schema):
    id: int
    receipt_no: str
    matter: MatterRef
    centre: CentreRef | None
    channel: Channel
    channel_label: str
    mode: Mode
    mode_label: str
    status: Status
    status_label: str
    applicant_name: str
    department: UnitRef = Field(description="承办部门")
    accepted_on: date | None
    deadline: date | None = Field(description="承诺办结日期（补正期间暂停，补齐后顺延）")
    deadline_known: bool = Field(description="为否时，日期暂按周一至周五推算")
    completed_on: date | None = Field(description="办结日期（或不予受理、不予许可、撤回的日期）")
    overdue: bool = Field(description="未办结且已过承诺办结日期")
    created_at: datetime

    resolve_matter = derived("matter", lambda application: application.version)
    resolve_channel_label = derived("channel_label", lambda a: a.get_channel_display())
    resolve_mode_label = derived("mode_label", lambda a: a.get_mode_display())
    resolve_status_label = derived("status_label", lambda a: a.get_status_display())


class ApplicationEventOut(Schema):
    id: int
    at: datetime
    action: str
    label: str
    actor: str = Field(description="经办人；申请人本人（网上申请、评价）记为“申请人”")
    from_status: str
    to_status: str
    note: str

    resolve_label = derived("label", lambda event: STEP_LABELS.get(event.action, event.action))
    resolve_actor = derived("actor", lambda event: who(event.actor) or "申请人")


class ApplicationDetailOut(ApplicationOut):
    id_number_masked: str
    phone_masked: str
    address_masked: str = Field(description="上门地址（遮蔽）")
    appointment_at: datetime | None = Field(description="预约上门时间")
    staff: PersonRef | None = Field(description="代办、陪办人员")
    handler: PersonRef | None = Field(description="承办人")
    time_limit: int = Field(description="承诺时限（工作日）")
    paused_on: date | None = Field(description="补正中：暂停计时的起始日")
    paused_days: int = Field(description="补正暂停的工作日数")
    days_taken: int | None = Field(description="办理用时（工作日，不含补正等待）")
    reason: str = Field(description="不予受理、不予许可或撤回的理由")
    allowed_steps: list[Step] = Field(description="您现在可以对该办件进行的操作")
    timeline: list[ApplicationEventOut]

    resolve_address_masked = derived("address_masked", lambda a: pii.mask_address(a.address))
    resolve_handler = derived("handler", lambda a: _person(a.handler))
    resolve_time_limit = derived("time_limit", lambda a: a.version.time_limit)


class IntakeIn(Input):
    centre: ObjectId = Field(description="服务中心 id")
    matter: MatterCode
    mode: Mode
    applicant_name: Name
    id_number: str = Field(max_length=30, pattern=r"^[^\x00]*$", description="身份证号码")
    phone: str = Field(max_length=20, pattern=r"^[^\x00]*$", description="手机号码")
    staff: ObjectId | None = Field(None, description="代办、陪办人员（该中心窗口在岗人员的 id）")
    address: Text = Field("", description="上门地址（上门办理须填）")
    appointment_at: datetime | None = Field(None, description="预约上门时间（上门办理须填）")

    def applicant(self):
        return {"name": self.applicant_name, "id_number": self.id_number, "phone": self.phone,
                "address": self.address.strip(), "appointment_at": self.appointment_at}


class BatchIn(Input):
    applications: list[IntakeIn] = Field(min_length=1, max_length=1000)


class Accepted(Schema):
    id: int
    receipt_no: str
    status: Status
    accepted_on: date
    deadline: date


class BatchOut(Schema):
    count: int
    applications: list[Accepted]
