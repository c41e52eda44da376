"""What happens to an application (办件), one function per step, each atomic and evented.

The clock: an application accepted on day A for a matter of N working days is due on the
N-th working day after A (0 days: completed on the spot). 补正 stops the clock: the working
days left are counted on the day it is asked for, and start again from the day the applicant
brings the materials, so the deadline moves by exactly the working days spent waiting.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from ..org import pii
from ..org.constants import Role
from ..org.events import record_event
from ..org.membership import acts_for_unit, holds_role
from ..org.uploads import check_upload, original_name
from ..org.workdays import add_working_days, working_days_between
from .constants import STEPS, Channel, Mode, Status, Step
from .models import Application, ApplicationFile


class HallError(Exception):
    """A refused step; ``message`` is shown as it is, next to ``field`` when there is one."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message, self.field = message, field


class NotAllowed(HallError):
    pass


class Conflict(HallError):
    pass


class Invalid(HallError):
    pass


# Steps that need a written reason, and what the field is called on the form.
REASON_REQUIRED = {
    Step.REFUSE: "请写明不予受理的理由，将书面告知申请人。",
    Step.DENY: "请写明不予许可的理由和依据，将书面告知申请人。",
    Step.REQUEST_SUPPLEMENT: "请一次性写明需要补正的全部材料。",
    Step.WITHDRAW: "请注明撤回的原因（如申请人书面申请撤回）。",
}


def may_handle(user, application) -> bool:
    """Window staff of the centre, or the people of the department doing the work."""
    at_centre = application.centre_id is not None and holds_role(user, Role.CLERK) and (
        acts_for_unit(user, application.centre.unit_id))
    return at_centre or acts_for_unit(user, application.department_id)


def _receipt_no(day):
    # Random, not sequential: the status lookup by receipt number must not be enumerable.
    return f"{day:%Y%m%d}{secrets.randbelow(10**8):08d}"


def _check_applicant(version, centre, channel, mode, applicant, staff, offered=None):
    """Refuse what no centre may accept. ``offered``: the (matter, centre) pairs of the
    catalogue, when a batch has read them at once; otherwise they are asked for here."""
    # Online, the citizen asks for 代办/陪办; the window names the staff member at 受理.
    if channel == Channel.ONLINE and not version.online:
        raise Invalid(f"“{version.name}”不能网上申请，请到服务中心窗口办理。", "channel")
    if mode not in version.modes:
        allowed = "、".join(Mode(m).label for m in version.modes)
        raise Invalid(f"“{version.name}”可选的办理方式为：{allowed}。", "mode")
    if centre is not None and not (
            (version.matter_id, centre.pk) in offered if offered is not None
            else version.matter.centres.filter(pk=centre.pk).exists()):
        raise Invalid(f"{centre.name}不办理“{version.name}”。", "centre")
    if not applicant.get("name", "").strip():
        raise Invalid("请填写申请人姓名。", "applicant_name")
    for field, check in (("id_number", pii.validate_id_number), ("phone", pii.validate_mobile)):
        try:
            applicant[field] = check(applicant.get(field, ""))
        except ValidationError as error:  # the validators say what is wrong in Chinese
            raise Invalid(error.messages[0], field) from None
    if channel == Channel.COUNTER:
        _check_staff(mode, staff)
    if mode == Mode.DOORSTEP and not (applicant.get("address") and applicant.get("appointment_at")):
        raise Invalid("上门办理须登记上门地址和预约时间。", "address")


def _check_staff(mode, staff):
    if mode in (Mode.PROXY, Mode.ACCOMPANY) and staff is None:
        raise Invalid(f"{Mode(mode).label}须登记办理的工作人员。", "staff")


def _create(version, centre, channel, mode, applicant, staff, status):
    for _ in range(5):
        try:
            with transaction.atomic():
                return Application.objects.create(
                    receipt_no=_receipt_no(timezone.localdate()), version=version,
                    centre=centre, channel=channel, mode=mode, status=status,
                    applicant_name=applicant["name"].strip(), id_number=applicant["id_number"],
                    phone=applicant["phone"], address=applicant.get("address", ""),
                    appointment_at=applicant.get("appointment_at"), staff=staff,
                    department=version.department,
                )
        except IntegrityError:  # the same random receipt number twice: draw again
            continue
    raise Conflict("未能生成受理编号，请重试。")


def _start_clock(application, today):
    application.accepted_on = today
    deadline = add_working_days(today, application.version.time_limit)
    application.deadline, application.deadline_known = deadline.date, deadline.calendar_known


def accept_at_counter(version, *, actor, centre, mode, applicant, staff=None, today=None):
    """受理 at a window. 即办 matters are completed at once (受理 and 办结 on the timeline)."""
    today = today or timezone.localdate()
    if not (holds_role(actor, Role.CLERK) and acts_for_unit(actor, centre.unit_id)):
        raise NotAllowed(f"只有{centre.name}的窗口工作人员可以受理。")
    _check_applicant(version, centre, Channel.COUNTER, mode, applicant, staff)
    with transaction.atomic():
        application = _create(version, centre, Channel.COUNTER, mode, applicant, staff,
                              Status.ACCEPTED)
        _start_clock(application, today)
        application.save()
        record_event(application, Step.ACCEPT, actor=actor, to_status=Status.ACCEPTED,
                     data={"deadline": str(application.deadline)})
        if mode == Mode.INSTANT:
            take_step(application, Step.COMPLETE, actor=actor, today=today)
            application.refresh_from_db()
    return application


def submit_online(version, *, mode, applicant, centre=None, files=()):
    """An online application (零跑动): waits for a window to accept it (待受理).

    ``files`` are ``(material name, upload)`` pairs: the materials' electronic copies, each
    within the upload limits; none is stored unless all are acceptable.
    """
    _check_applicant(version, centre, Channel.ONLINE, mode, applicant, None)
    _check_files(files)
    with transaction.atomic():
        application = _create(version, centre, Channel.ONLINE, mode, applicant, None,
                              Status.SUBMITTED)
        for material, upload in files:
            ApplicationFile.objects.create(
                application=application, material=material[:200], token=secrets.token_hex(16),
                file=upload, name=original_name(upload), size=upload.size,
                content_type=(getattr(upload, "content_type", "") or
                              "application/octet-stream")[:100],
            )
        record_event(application, "submit", to_status=Status.SUBMITTED,
                     data={"files": len(files)})
    return application


def _check_files(files):
    if len(files) > settings.TAIZHANG_HALL_MAX_FILES:
        raise Invalid(f"最多上传 {settings.TAIZHANG_HALL_MAX_FILES} 个文件。", "files")
    for _, upload in files:
        problem = check_upload(upload)
        if problem:
            raise Invalid(problem, "files")


def take_step(application, step, *, actor, reason="", handler=None, staff=None, today=None,
              expected_status=None):
    """Any step after intake, checked against ``STEPS``; returns the application as it is now.

    受理 of an online 代办/陪办 application names the staff member (``staff``) who does it."""
    today = today or timezone.localdate()
    sources, target = STEPS[step]
    if step in REASON_REQUIRED and not reason.strip():
        raise Invalid(REASON_REQUIRED[step], "reason")
    if step == Step.ASSIGN and handler is None:
        raise Invalid("请选择承办人。", "handler")
    with transaction.atomic():
        application = (Application.objects.select_for_update(of=("self",))
                       .select_related("centre", "version").get(pk=application.pk))
        if not may_handle(actor, application):
            raise NotAllowed("您不是该办件的窗口或承办部门工作人员。")
        before = application.status
        if (expected_status and before != expected_status) or before not in sources:
            raise Conflict(f"该办件当前为“{application.get_status_display()}”，"
                           f"不能{Step(step).label}。请刷新后查看。")
        if step == Step.ACCEPT:
            _check_staff(application.mode, staff or application.staff)
            application.staff = staff or application.staff
        _apply(application, step, today, reason.strip(), handler)
        application.status = target or application.paused_from
        if step == Step.SUPPLEMENTED:
            application.paused_from, application.paused_on = "", None
        application.save()
        record_event(application, step, actor=actor, from_status=before,
                     to_status=application.status, note=reason.strip(),
                     data={"deadline": str(application.deadline)})
        if step == Step.ACCEPT and application.mode == Mode.INSTANT:  # 即办, applied online
            application = take_step(application, Step.COMPLETE, actor=actor, today=today)
    return application


def _apply(application, step, today, reason, handler):
    if step == Step.ACCEPT:
        _start_clock(application, today)
    elif step == Step.ASSIGN:
        application.handler = handler
    elif step == Step.REQUEST_SUPPLEMENT:
        application.paused_on, application.paused_from = today, application.status
    elif step == Step.SUPPLEMENTED:
        left = working_days_between(application.paused_on, application.deadline).days
        waited = working_days_between(application.paused_on, today)
        moved = add_working_days(today, left)
        application.deadline = moved.date
        application.deadline_known = moved.calendar_known and waited.calendar_known
        application.paused_days += waited.days
    elif step == Step.COMPLETE:
        application.completed_on = today
    if step in (Step.REFUSE, Step.DENY, Step.WITHDRAW):
        application.reason = reason
        application.completed_on = today
    if application.accepted_on and step in (Step.COMPLETE, Step.DENY, Step.WITHDRAW):
        taken = working_days_between(application.accepted_on, today).days
        waiting = application.paused_days + (  # withdrawn while waiting for 补正
            working_days_between(application.paused_on, today).days
            if application.paused_on else 0)
        application.days_taken = max(taken - waiting, 0)
