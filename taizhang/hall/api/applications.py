"""Applications (办件) for staff: the list one may see, one application, counter intake, and
intake in bulk. Everything is read through ``visible_applications``: an application out of
sight answers 404, exactly like one that does not exist. Personal data only masked."""

from datetime import date

from django.db.models import Case, Q, When
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from ...apitypes import ObjectId, with_errors
from ...ledger.api.errors import created
from ...org.events import timeline
from ...org.models import Person
from .. import applications as rules
from ..constants import FINAL_STATUSES, Channel, Mode, Status
from ..intake import BatchRefused, Intake, accept_batch, check_clerk, is_window_staff
from ..models import Centre, Matter
from ..queries import visible_applications
from ..views.staff import possible_steps
from .errors import write
from .schemas import (
    ApplicationDetailOut,
    ApplicationEventOut,
    ApplicationOut,
    BatchIn,
    BatchOut,
    IntakeIn,
    MatterCode,
)

router = Router(tags=["办件"])

# Still being worked on: the clock runs (or is paused by 补正) and can run out.
OPEN_STATUSES = [s for s in Status if s not in FINAL_STATUSES and s != Status.SUBMITTED]


class ApplicationQuery(Schema):
    status: Status | None = None
    centre: ObjectId | None = Field(None, description="服务中心 id")
    department: ObjectId | None = Field(None, description="承办部门（单位 id）")
    matter: MatterCode | None = Field(None, description="事项编码")
    mode: Mode | None = None
    channel: Channel | None = None
    accepted_from: date | None = Field(None, description="受理日期自（含）")
    accepted_to: date | None = Field(None, description="受理日期至（含）")
    overdue: bool = Field(False, description="只看逾期未办结的办件")

    def apply(self, applications, today):
        exact = {"status": self.status, "centre_id": self.centre,
                 "department_id": self.department, "version__matter__code": self.matter,
                 "mode": self.mode, "channel": self.channel,
                 "accepted_on__gte": self.accepted_from, "accepted_on__lte": self.accepted_to}
        applications = applications.filter(**{k: v for k, v in exact.items() if v is not None})
        if self.overdue:
            applications = applications.filter(late(today))
        return applications


def late(today):
    """Open, and past the day it was promised for."""
    return Q(status__in=OPEN_STATUSES, deadline__lt=today)


def is_overdue(application, today):
    return (application.status in OPEN_STATUSES and application.deadline is not None
            and application.deadline < today)


def visible_application(user, application_id):
    return get_object_or_404(
        visible_applications(user).select_related(
            "version__matter", "centre", "department", "handler__person", "staff"),
        pk=application_id)


def events(application):
    return timeline(application).select_related("actor__person")


def application_detail(application, user) -> dict:
    """Everything about one application as JSON, as ``user`` may see and act on it now."""
    application = visible_application(user, application.pk)
    application.overdue = is_overdue(application, timezone.localdate())
    application.allowed_steps = possible_steps(user, application)
    application.timeline = list(events(application))
    return ApplicationDetailOut.from_orm(application).model_dump(mode="json")


@router.get("/applications", response=with_errors(list[ApplicationOut]),
            summary="办件列表（您可见的办件，新的在前）")
@paginate
def list_applications(request, filters: Query[ApplicationQuery]):
    today = timezone.localdate()
    return (filters.apply(visible_applications(request.user), today)
            .annotate(overdue=Case(When(late(today), then=True), default=False))
            .select_related("version__matter", "centre", "department")
            .defer("id_number", "phone", "address")  # shown masked on the detail only
            .order_by("-created_at", "-id"))


@router.get("/applications/{int:application_id}", response=with_errors(ApplicationDetailOut, 404),
            summary="办件详情（个人信息遮蔽、时间线、可进行的操作）")
def get_application(request, application_id: ObjectId):
    return application_detail(visible_application(request.user, application_id), request.user)


@router.get("/applications/{int:application_id}/timeline",
            response=with_errors(list[ApplicationEventOut], 404), summary="办件的办理记录")
def get_timeline(request, application_id: ObjectId):
    return events(visible_application(request.user, application_id))


def resolve(user, payloads):
    """Turn the ids and codes of ``payloads`` into records: the intakes, and (index, field,
    message) for each one naming what does not exist or may not be used. The person must be
    window staff of every centre named (``NotAllowed`` otherwise) before anything else is
    looked up for them."""
    # As for the ledger's 督查室: whether one may take in at all comes before the references.
    if not is_window_staff(user):
        raise rules.NotAllowed("只有便民服务中心的窗口工作人员可以受理。")
    centres = Centre.objects.select_related("unit").in_bulk({p.centre for p in payloads})
    for centre in centres.values():
        check_clerk(user, centre)
    matters = {m.code: m for m in Matter.objects.filter(
        code__in={p.matter for p in payloads}, is_active=True, current__isnull=False,
    ).select_related("current__matter")}
    on_duty = set(Person.objects.filter(
        pk__in={p.staff for p in payloads if p.staff}, is_active=True,
        service_windows__centre__in=centres).values_list("pk", "service_windows__centre"))
    staff = Person.objects.in_bulk({pk for pk, _ in on_duty})
    intakes, problems = [], []
    for n, payload in enumerate(payloads):
        centre, matter = centres.get(payload.centre), matters.get(payload.matter)
        if centre is None:
            problems.append((n, "centre", "服务中心不存在。"))
        elif matter is None:
            problems.append((n, "matter", f"事项清单中没有编码为 {payload.matter} 的在用事项。"))
        elif payload.staff and (payload.staff, centre.pk) not in on_duty:
            problems.append((n, "staff", f"代办、陪办人员须是{centre.name}窗口的在岗人员。"))
        else:
            intakes.append(Intake(matter.current, centre, payload.mode, payload.applicant(),
                                  staff.get(payload.staff)))
    return intakes, problems


@router.post("/applications", response=created(ApplicationDetailOut, 403),
             summary="窗口受理（该中心的窗口工作人员）")
@write
def accept(request, payload: IntakeIn):
    """受理 at a window: a receipt number and a deadline in working days; 即办 matters are
    completed at once."""
    intakes, problems = resolve(request.user, [payload])
    if problems:
        _, field, message = problems[0]
        raise rules.Invalid(message, field)
    intake = intakes[0]
    application = rules.accept_at_counter(
        intake.version, actor=request.user, centre=intake.centre, mode=intake.mode,
        applicant=intake.applicant, staff=intake.staff)
    return 201, application_detail(application, request.user)


@router.post("/applications/batch", response=created(BatchOut, 403),
             summary="批量受理（至多 1000 件，全部受理或全部不受理）")
@write
def accept_many(request, payload: BatchIn):
    """The same checks as one intake, each problem named by its place in the list
    (``applications.<n>.<field>``); then all are written in one transaction."""
    intakes, problems = resolve(request.user, payload.applications)
    if problems:
        raise BatchRefused(problems)
    accepted = accept_batch(intakes, actor=request.user)
    return 201, {"count": len(accepted), "applications": accepted}
