"""Petitions (信访件): the list one may see, one petition, its timeline, registration, and the
categories. Everything is read through ``queries.visible_petitions``: a petition out of sight
answers 404, exactly like one that does not exist; an accusation hidden from its accused is
absent from every list and every count. Petitioner identity only on the detail, through
``queries.petitioner_views``."""

from datetime import date

from django.db.models import Q
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from ...apitypes import ObjectId, with_errors
from ...ledger.api.errors import created
from ...ledger.api.schemas import who
from ...org.models import Person, Unit
from .. import lights, queries, registration, rules
from ..constants import GROUP_VISIT_MIN, Channel, Light
from ..errors import Invalid, NotAllowed
from ..history import EVENT_LABELS, events
from ..models import Category
from ..people import office_roots
from .errors import write
from .schemas import (
    CategoryOut,
    ChannelValue,
    LightValue,
    PetitionDetailOut,
    PetitionEventOut,
    PetitionOut,
    RegisterIn,
    StatusValue,
)

router = Router(tags=["信访件"])

GROUP_VISIT = Q(channel=Channel.VISIT, head_count__gte=GROUP_VISIT_MIN)


class PetitionQuery(Schema):
    status: StatusValue | None = None
    channel: ChannelValue | None = None
    category: ObjectId | None = Field(None, description="事项类别 id")
    origin_unit: ObjectId | None = Field(None, description="问题属地（单位 id）")
    received_from: date | None = Field(None, description="收到日期自（含）")
    received_to: date | None = Field(None, description="收到日期至（含）")
    light: LightValue | None = Field(None, description="当前期限的红黄绿灯")
    bypassed: bool | None = Field(None, description="越级信访")
    group_visit: bool | None = Field(None, description="集体访（来访且五人以上）")
    repeat: bool | None = Field(None, description="已认定为重复信访")

    def apply(self, petitions):
        exact = {"status": self.status, "channel": self.channel, "category_id": self.category,
                 "origin_unit_id": self.origin_unit, "received_on__gte": self.received_from,
                 "received_on__lte": self.received_to, "light": self.light,
                 "bypassed": self.bypassed, "repeat_of__isnull": (
                     None if self.repeat is None else not self.repeat)}
        petitions = petitions.filter(**{k: v for k, v in exact.items() if v is not None})
        if self.group_visit is not None:
            petitions = petitions.filter(GROUP_VISIT) if self.group_visit else \
                petitions.exclude(GROUP_VISIT)
        return petitions


def visible_petition(user, petition_id):
    return get_object_or_404(
        queries.visible_petitions(user).select_related(
            "category", "origin_unit", "handling_unit", "handler", "accused_unit",
            "accused_person"),
        pk=petition_id)


def _event(event) -> dict:
    return {"id": event.pk, "at": event.at, "action": event.action,
            "label": EVENT_LABELS.get(event.action, event.action), "actor": who(event.actor),
            "from_status": event.from_status, "to_status": event.to_status,
            "note": event.note}


def _unit(unit):
    return None if unit is None else {"id": unit.pk, "name": unit.name}


def _person(person):
    return None if person is None else {"id": person.pk, "name": person.name}


def repeat_chain(user, petition) -> list[int]:
    """The petitions of this one's case that ``user`` may see, first received first."""
    return list(queries.visible_petitions(user)
                .annotate(case=Coalesce("repeat_of_id", "pk"))
                .filter(case=petition.case_id).order_by("received_on", "pk")
                .values_list("pk", flat=True))


def petition_detail(petition, user) -> dict:
    """Everything about one petition as JSON, as ``user`` may see and act on it now."""
    p = visible_petition(user, petition.pk)
    light, reason = lights.explain(p, timezone.localdate())
    chain = repeat_chain(user, p)
    return PetitionDetailOut.model_validate({
        "id": p.pk, "registration_no": p.registration_no, "channel": p.channel,
        "channel_label": p.get_channel_display(), "received_on": p.received_on,
        "category": {"id": p.category.pk, "code": p.category.code, "name": p.category.name},
        "origin_unit": _unit(p.origin_unit), "handling_unit": _unit(p.handling_unit),
        "status": p.status, "status_label": p.get_status_display(),
        "head_count": p.head_count, "group_visit": p.is_group_visit, "bypassed": p.bypassed,
        "is_accusation": p.is_accusation, "repeat": p.repeat_of_id is not None,
        "due_on": p.due_on, "light": light, "light_label": Light(light).label,
        "light_reason": reason, "due_known": p.due_known, "created_at": p.created_at,
        "content": p.content, "accused_unit": _unit(p.accused_unit),
        "accused_person": _person(p.accused_person), "accused_name": p.accused_name,
        "handler": _person(p.handler), "accept_due": p.accept_due, "assign_due": p.assign_due,
        "handling_due": p.handling_due, "decided_on": p.decided_on,
        "refusal_notice": p.refusal_notice, "assigned_on": p.assigned_on,
        "started_on": p.started_on, "reply_text": p.reply_text, "replied_on": p.replied_on,
        "evaluation": p.evaluation or None,
        "evaluation_label": p.get_evaluation_display() if p.evaluation else "",
        "evaluated_on": p.evaluated_on, "closed_on": p.closed_on,
        "repeat_of": p.repeat_of_id if p.repeat_of_id in chain else None,
        "repeat_chain": chain,
        "petitioners": [{"id": v.pk, "name": v.name, "id_number": v.id_number,
                         "phone": v.phone, "address": v.address, "hidden": v.hidden}
                        for v in queries.petitioner_views(user, p)],
        "reviews": [{"kind": r.kind, "kind_label": r.get_kind_display(),
                     "requested_on": r.requested_on, "request_text": r.request_text,
                     "reviewing_unit": _unit(r.reviewing_unit), "answer_due": r.answer_due,
                     "answer_text": r.answer_text, "answered_on": r.answered_on}
                    for r in p.reviews.select_related("reviewing_unit")],
        "extensions": [{"id": e.pk, "days": e.days, "reason": e.reason, "old_due": e.old_due,
                        "new_due": e.new_due, "status": e.status,
                        "status_label": e.get_status_display(),
                        "requested_by": who(e.requested_by), "requested_at": e.requested_at,
                        "decided_by": who(e.decided_by), "decided_at": e.decided_at,
                        "decision_note": e.decision_note}
                       for e in p.extensions.select_related("requested_by__person",
                                                            "decided_by__person")],
        "timeline": [_event(e) for e in events(p)],
        "allowed_steps": rules.allowed_steps(user, p),
    }).model_dump(mode="json")


@router.get("/petitions", response=with_errors(list[PetitionOut]),
            summary="信访件列表（您可见的信访件，新收到的在前；不含信访人信息）")
@paginate
def list_petitions(request, filters: Query[PetitionQuery]):
    petitions = lights.annotate_light(queries.visible_petitions(request.user),
                                      timezone.localdate())
    return (filters.apply(petitions)
            .select_related("category", "origin_unit", "handling_unit")
            .order_by("-received_on", "-id"))


@router.get("/petitions/{int:petition_id}", response=with_errors(PetitionDetailOut, 404),
            summary="信访件详情（信访人按权限遮蔽或保密、复查复核、延期、时间线、可进行的操作）")
def get_petition(request, petition_id: ObjectId):
    return petition_detail(visible_petition(request.user, petition_id), request.user)


@router.get("/petitions/{int:petition_id}/timeline",
            response=with_errors(list[PetitionEventOut], 404), summary="信访件的办理记录")
def get_timeline(request, petition_id: ObjectId):
    return [_event(e) for e in events(visible_petition(request.user, petition_id))]


def _found(model, pk, field, message):
    found = model.objects.filter(pk=pk).first() if pk is not None else None
    if pk is not None and found is None:
        raise Invalid(message, field)
    return found


@router.post("/petitions", response=created(PetitionDetailOut, 403),
             summary="登记信访件（信访工作机构；JSON，附件请在页面上传）")
@write
def register(request, payload: RegisterIn):
    """登记. A repeat of an earlier petition is linked at once: the answer's ``repeat_of``,
    ``repeat_chain`` and timeline show it."""
    # Whether one may register at all comes before the references.
    if not office_roots(request.user):
        raise NotAllowed("只有信访工作机构可以登记信访件。")
    category = _found(Category, payload.category, "category", "事项类别不存在。")
    origin = _found(Unit, payload.origin_unit, "origin_unit", "问题属地单位不存在。")
    accused_unit = _found(Unit, payload.accused_unit, "accused_unit", "被检举单位不存在。")
    accused_person = _found(Person, payload.accused_person, "accused_person",
                            "被检举人不在人员名录中，请填写被检举人姓名。")
    petition = registration.register_petition(
        actor=request.user, channel=payload.channel,
        received_on=payload.received_on or timezone.localdate(), content=payload.content,
        category=category, origin_unit=origin,
        petitioners=[p.model_dump() for p in payload.petitioners],
        head_count=payload.head_count, bypassed=payload.bypassed,
        is_accusation=payload.is_accusation, accused_unit=accused_unit,
        accused_person=accused_person, accused_name=payload.accused_name)
    return 201, petition_detail(petition, request.user)


@router.get("/categories", response=with_errors(list[CategoryOut]),
            summary="在用的信访事项类别")
def list_categories(request):
    return Category.objects.filter(is_active=True).order_by("sort_order", "id")


