"""Intake in bulk (批量受理): many applications taken at the counter, sent in one request — a
provincial platform, or a centre's own queueing system, pushing what it accepted.

Each application is checked exactly as ``applications.accept_at_counter`` checks one, with the
same functions; then all of them are written in one transaction with multi-row INSERTs: the
applications and their timeline events (受理, and 办结 for 即办 matters, completed at acceptance).
One audit entry names the batch and the applications it wrote, as the Excel import does: an
audit entry per application would be most of the cost, and the one chained entry still proves
who took in what, and when. Nothing is written unless every application is acceptable.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from ..org import audit, pii
from ..org.bulk import insert_rows
from ..org.constants import AuditAction, Role
from ..org.membership import acts_for_unit, holds_role
from ..org.models import Event, Person
from ..org.workdays import add_working_days
from .applications import Conflict, Invalid, NotAllowed, _check_applicant, _receipt_no
from .constants import Channel, Mode, Status, Step
from .models import Application, Centre, Matter, MatterVersion

BATCH_ACTION = "batch_accept"
MAX_BATCH = 1000
APPLICATION_FIELDS = (
    "receipt_no", "version", "centre", "channel", "mode", "applicant_name", "id_number",
    "id_digest", "phone", "phone_digest", "address", "appointment_at", "staff", "department",
    "status", "accepted_on", "deadline", "deadline_known", "paused_from", "paused_days",
    "completed_on", "days_taken", "reason", "created_at")
EVENT_FIELDS = ("content_type", "object_id", "action", "from_status", "to_status", "note",
                "data", "actor", "at")


@dataclass
class Intake:
    """One application as the window took it in."""

    version: MatterVersion
    centre: Centre
    mode: str
    applicant: dict  # name, id_number, phone; address and appointment_at for 上门办理
    staff: Person | None = None


class BatchRefused(Invalid):
    """Applications of a batch that cannot be accepted: ``problems`` holds (index, field,
    message) for every one of them, so the sender mends them all at once."""

    def __init__(self, problems):
        n, field, message = problems[0]
        more = f"（共 {len(problems)} 处问题）" if len(problems) > 1 else ""
        super().__init__(f"第 {n + 1} 件：{message}{more}", field)
        self.problems = problems


def is_window_staff(actor):
    """Window staff of some centre: the only people who take in applications anywhere."""
    person = getattr(actor, "person", None)
    if not holds_role(actor, Role.CLERK) or person is None or not person.is_active:
        return False
    return Centre.objects.filter(
        Q(unit_id=person.unit_id) | Q(unit__role_grants__person=person)).exists()


def check_clerk(actor, centre):
    """Only the window staff of a centre accept applications there."""
    if not (holds_role(actor, Role.CLERK) and acts_for_unit(actor, centre.unit_id)):
        raise NotAllowed(f"只有{centre.name}的窗口工作人员可以受理。")


def accept_batch(intakes, *, actor, today=None):
    """受理 every one of ``intakes`` at its centre, or none (``BatchRefused``, ``NotAllowed``).

    Returns one dict per intake, in order: id, receipt_no, status, accepted_on, deadline."""
    today = today or timezone.localdate()
    for centre in {intake.centre for intake in intakes}:
        check_clerk(actor, centre)
    offered = set(Matter.centres.through.objects.filter(
        matter__in={intake.version.matter_id for intake in intakes},
        centre__in={intake.centre.pk for intake in intakes}).values_list("matter_id", "centre_id"))
    problems = []
    for n, intake in enumerate(intakes):
        try:
            _check_applicant(intake.version, intake.centre, Channel.COUNTER, intake.mode,
                             intake.applicant, intake.staff, offered)
        except Invalid as error:
            problems.append((n, error.field, error.message))
    if problems:
        raise BatchRefused(problems)
    deadlines = {limit: add_working_days(today, limit)
                 for limit in {intake.version.time_limit for intake in intakes}}
    with transaction.atomic():
        accepted = _write(intakes, deadlines, actor, today)
        audit.record(AuditAction.STATE_CHANGE, actor=actor,
                     object_type=Application._meta.label_lower,
                     detail={"action": BATCH_ACTION, "count": len(accepted),
                             "applications": [row["id"] for row in accepted]})
    return accepted


def _outcome(intake, deadlines):
    # 即办 matters are completed the moment they are accepted, as at a single window.
    instant = intake.mode == Mode.INSTANT
    return (Status.COMPLETED if instant else Status.ACCEPTED,
            deadlines[intake.version.time_limit])


def _write(intakes, deadlines, actor, today):
    ops = connection.ops
    now = timezone.now()
    at, day = ops.adapt_datetimefield_value(now), ops.adapt_datefield_value(today)
    bodies = []
    for intake in intakes:
        applicant, (status, deadline) = intake.applicant, _outcome(intake, deadlines)
        done = status == Status.COMPLETED
        address = applicant.get("address", "")
        bodies.append((
            intake.version.pk, intake.centre.pk, Channel.COUNTER, intake.mode,
            applicant["name"].strip(), pii.encrypt(applicant["id_number"]),
            pii.blind_index(pii.normalize_id_number(applicant["id_number"])),
            pii.encrypt(applicant["phone"]),
            pii.blind_index(pii.normalize_phone(applicant["phone"])),
            pii.encrypt(address) if address else "",
            ops.adapt_datetimefield_value(applicant.get("appointment_at")),
            intake.staff.pk if intake.staff else None, intake.version.department_id, status, day,
            ops.adapt_datefield_value(deadline.date), deadline.calendar_known, "", 0,
            day if done else None, 0 if done else None, "", at,
        ))
    receipts, ids = _insert_applications(bodies)
    _write_events(intakes, ids, deadlines, actor, at)
    return [{"id": pk, "receipt_no": receipt, "status": status, "accepted_on": today,
             "deadline": deadline.date}
            for pk, receipt, (status, deadline)
            in zip(ids, receipts, (_outcome(i, deadlines) for i in intakes), strict=True)]


def _fresh_receipts(count):
    """``count`` random receipt numbers of today that no application has yet."""
    day, receipts = timezone.localdate(), set()
    while len(receipts) < count:
        drawn = {_receipt_no(day) for _ in range(count - len(receipts))} - receipts
        taken = Application.objects.filter(receipt_no__in=drawn).values_list("receipt_no",
                                                                            flat=True)
        receipts |= drawn - set(taken)
    return list(receipts)


def _insert_applications(bodies):
    for _ in range(5):
        receipts = _fresh_receipts(len(bodies))
        try:
            with transaction.atomic():  # another intake took one of the numbers meanwhile
                ids = insert_rows(Application, APPLICATION_FIELDS,
                                  [(r, *body) for r, body in zip(receipts, bodies, strict=True)],
                                  returning=True)
            return receipts, ids
        except IntegrityError:
            continue
    raise Conflict("未能生成受理编号，请重试。")


def _write_events(intakes, ids, deadlines, actor, at):
    content_type = ContentType.objects.get_for_model(Application).pk
    data_field = Event._meta.get_field("data")
    accepts, completes = [], []
    for pk, intake in zip(ids, intakes, strict=True):
        status, deadline = _outcome(intake, deadlines)
        data = data_field.get_db_prep_save({"deadline": str(deadline.date)}, connection)
        accepts.append((content_type, pk, Step.ACCEPT, "", Status.ACCEPTED, "", data, actor.pk,
                        at))
        if status == Status.COMPLETED:
            completes.append((content_type, pk, Step.COMPLETE, Status.ACCEPTED, Status.COMPLETED,
                              "", data, actor.pk, at))
    # Every 受理 before any 办结, so each timeline (ordered by time, then id) reads in order.
    insert_rows(Event, EVENT_FIELDS, accepts + completes)
