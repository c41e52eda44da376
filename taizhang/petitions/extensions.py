"""延期: when a matter is complicated, the handling unit asks to extend the 60-day handling
limit and the head of the unit (本机关、单位负责人) decides. All extensions of one petition
together may not exceed the extension limit (30 days by default), and the petitioner is told
why — the reason is kept for the notice.

One undecided request at a time; whoever asked may not decide their own request.
"""

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from .constants import ExtensionStatus, LimitKind, Step
from .errors import Conflict, Invalid, NotAllowed
from .limits import add, limit, unit
from .rules import lock, move


def _days_granted(petition) -> int:
    return petition.extensions.filter(status=ExtensionStatus.APPROVED).aggregate(
        days=Sum("days"))["days"] or 0


def request_extension(petition, *, actor, days, reason, today=None, expected_status=None):
    """The handling unit asks for ``days`` more, within what is left of the extension limit."""
    if not reason.strip():
        raise Invalid("请写明延期理由（将告知信访人）。", field="reason")
    today = today or timezone.localdate()
    with transaction.atomic():
        petition = lock(petition, actor, Step.REQUEST_EXTENSION, expected_status)
        ceiling = limit(LimitKind.EXTENSION)
        left = ceiling.days - _days_granted(petition)
        if not 1 <= days <= left:
            raise Invalid(f"延长期限合计不得超过 {ceiling.days} {unit(LimitKind.EXTENSION)}，"
                          f"本件还可延长 {max(left, 0)} {unit(LimitKind.EXTENSION)}。",
                          field="days")
        new_due = add(petition.handling_due, days, ceiling.counting).date
        try:
            with transaction.atomic():
                extension = petition.extensions.create(
                    days=days, reason=reason.strip(), old_due=petition.handling_due,
                    new_due=new_due, requested_by=actor)
        except IntegrityError:
            raise Conflict("本件已有一份待审批的延期申请。") from None
        return move(petition, Step.REQUEST_EXTENSION, actor, today=today, note=reason.strip(),
                    data={"extension": extension.pk, "days": days, "new_due": str(new_due)})


def decide_extension(petition, *, actor, approve, note="", today=None, expected_status=None):
    """The head of the handling unit approves or rejects the undecided request. Approved, the
    handling limit moves to the new date, counted from the limit as it stands now."""
    step = Step.APPROVE_EXTENSION if approve else Step.REJECT_EXTENSION
    today = today or timezone.localdate()
    with transaction.atomic():
        petition = lock(petition, actor, step, expected_status)
        extension = (petition.extensions.select_for_update()
                     .filter(status=ExtensionStatus.REQUESTED).first())
        if extension is None:
            raise Conflict("没有待审批的延期申请。请刷新页面后查看。")
        if extension.requested_by_id == actor.pk:
            raise NotAllowed("不能审批本人提出的延期申请。")
        extension.status = ExtensionStatus.APPROVED if approve else ExtensionStatus.REJECTED
        extension.decided_by, extension.decided_at = actor, timezone.now()
        extension.decision_note = note.strip()
        data = {"extension": extension.pk}
        if approve:
            ceiling = limit(LimitKind.EXTENSION)
            if extension.days > ceiling.days - _days_granted(petition):
                raise Invalid(f"延长期限合计不得超过 {ceiling.days} "
                              f"{unit(LimitKind.EXTENSION)}，请驳回后重新申请。", field="days")
            new = add(petition.handling_due, extension.days, ceiling.counting)
            extension.old_due, extension.new_due = petition.handling_due, new.date
            petition.handling_due = petition.due_on = new.date
            petition.due_known = petition.due_known and new.calendar_known
            data["new_due"] = str(new.date)
        extension.save()
        return move(petition, step, actor, today=today, note=note.strip(), data=data)
