"""What happens to a petition after registration, one function per step. 复查 and 复核 are in
reviews.py, the 延期 of the handling time limit in extensions.py; all use ``lock`` and
``move`` from here.

Every function locks the petition through the confidentiality rule (``select_for_update``),
checks the step against the one table ``constants.TRANSITIONS`` and the actor's relation to
the petition, changes it, moves the running time limit (``due_on``) and records the event.
A stale page (``expected_status``) or a step already taken by someone else is a Conflict.
"""

from django.db import transaction
from django.utils import timezone

from ..org.events import record_event, timeline
from ..org.membership import acts_for_unit
from ..org.visibility import Scope
from . import limits
from .constants import (
    RUNNING_LIMIT,
    TRANSITIONS,
    Actor,
    AttachmentPurpose,
    Evaluation,
    ExtensionStatus,
    LimitKind,
    ReviewKind,
    Step,
)
from .errors import Conflict, Invalid, NotAllowed
from .models import Petition
from .people import heads_unit, office_roots, person_unit_ids
from .queries import blind_condition, is_excluded, is_office_for, visible_petitions
from .registration import check_files, store_attachments


def relations(user, petition) -> set[str]:
    """How ``user`` stands to ``petition``: as its petition office, its handling unit, or the
    head of that unit."""
    found = set()
    if is_office_for(user, petition):
        found.add(Actor.OFFICE)
    if petition.handling_unit_id is not None:
        if acts_for_unit(user, petition.handling_unit_id):
            found.add(Actor.HANDLING_UNIT)
        if heads_unit(user, petition.handling_unit_id):
            found.add(Actor.UNIT_HEAD)
    return found


def allowed_steps(user, petition) -> list[str]:
    """The steps ``user`` may take on ``petition`` now (for buttons and the API's answer).
    Date windows are left to the step itself, which explains a refusal."""
    mine = relations(user, petition)
    steps = [s for s, t in TRANSITIONS.items() if petition.status in t.sources and t.actor in mine]
    reviews = dict(petition.reviews.values_list("kind", "answered_on"))
    if ReviewKind.REVIEW in reviews:
        steps = [s for s in steps if s != Step.REQUEST_REVIEW]
    if ReviewKind.RECHECK in reviews or reviews.get(ReviewKind.REVIEW) is None:
        steps = [s for s in steps if s != Step.REQUEST_RECHECK]
    pending = petition.extensions.filter(status=ExtensionStatus.REQUESTED).first()
    if pending is None:
        return [s for s in steps if s not in (Step.APPROVE_EXTENSION, Step.REJECT_EXTENSION)]
    return [s for s in steps if s != Step.REQUEST_EXTENSION
            and not (s in (Step.APPROVE_EXTENSION, Step.REJECT_EXTENSION)
                     and pending.requested_by_id == user.pk)]


def _last_change(petition):
    event = timeline(petition).exclude(to_status="").order_by("-at", "-id").first()
    if event is None or event.actor is None:
        return ""
    person = getattr(event.actor, "person", None)
    who = person.name if person else event.actor.get_username()
    when = timezone.localtime(event.at)
    return f"{who}已于{when:%m月%d日 %H:%M}将其办理为“{petition.get_status_display()}”"


def lock(petition, user, step, expected_status=None):
    """The petition, locked for this transaction, after checking ``step`` may be taken."""
    transition = TRANSITIONS[step]
    locked = (visible_petitions(user).select_for_update(of=("self",))
              .filter(pk=petition.pk).first())
    if locked is None:
        raise NotAllowed("找不到该信访件，或您无权查看。")
    label = Step(step).label
    if transition.actor not in relations(user, locked):
        raise NotAllowed(f"只有{Actor(transition.actor).label}可以{label}。")
    if (expected_status and locked.status != expected_status) or (
            locked.status not in transition.sources):
        done = _last_change(locked)
        raise Conflict(f"该信访件当前为“{locked.get_status_display()}”，不能{label}"
                       + (f"：{done}。请刷新页面后查看。" if done else "。"))
    return locked


def move(petition, step, actor, *, today, due_on=None, note="", data=None):
    """Apply the step's target status and the time limit it runs under (``due_on``), save,
    and record the event. A step without a target status keeps both."""
    before = petition.status
    target = TRANSITIONS[step].target
    if target is not None:
        petition.status = target
        petition.due_on = due_on
        petition.due_known = limits.known(today, due_on, RUNNING_LIMIT.get(target))
    petition.save()
    record_event(petition, step, actor=actor, from_status=before,
                 to_status=petition.status if petition.status != before else "", note=note,
                 data={"due_on": str(petition.due_on or ""), **(data or {})})
    return petition


def _today(today):
    return today or timezone.localdate()


def accept_petition(petition, *, actor, note="", today=None, expected_status=None):
    """受理: the 60 days of handling start today; referral (交办) is now awaited."""
    today = _today(today)
    with transaction.atomic():
        petition = lock(petition, actor, Step.ACCEPT, expected_status)
        petition.decided_on = today
        petition.handling_due = limits.due(today, LimitKind.HANDLING).date
        return move(petition, Step.ACCEPT, actor, today=today, due_on=petition.assign_due,
                    note=note.strip(), data={"handling_due": str(petition.handling_due)})


def refuse_petition(petition, *, actor, notice, files=(), today=None, expected_status=None):
    """不予受理, with the written notice (不予受理告知书) given to the petitioner."""
    if not notice.strip():
        raise Invalid("请填写不予受理告知书的内容（理由及可以向哪个机关提出）。", field="notice")
    check_files(files)
    today = _today(today)
    with transaction.atomic():
        petition = lock(petition, actor, Step.REFUSE, expected_status)
        petition.decided_on = petition.closed_on = today
        petition.refusal_notice = notice.strip()
        store_attachments(petition, files, actor, AttachmentPurpose.REFUSAL)
        return move(petition, Step.REFUSE, actor, today=today, note=notice.strip())


def assign_petition(petition, *, actor, unit, note="", today=None, expected_status=None):
    """交办 to the unit with authority, within the office's reach; never to an accused unit
    or a unit under it."""
    today = _today(today)
    with transaction.atomic():
        petition = lock(petition, actor, Step.ASSIGN, expected_status)
        if not Scope(False, office_roots(actor), None).can_see_unit(unit):
            raise Invalid(f"{unit}不在本信访工作机构的交办范围内。", field="unit")
        if Petition.objects.filter(blind_condition([unit.pk]), pk=petition.pk).exists() or (
                petition.accused_person is not None
                and unit.pk in person_unit_ids(petition.accused_person)):
            raise Invalid("不得将检举揭发件交给被检举单位、其下属单位或被检举人所在单位办理。",
                          field="unit")
        petition.handling_unit, petition.assigned_on = unit, today
        return move(petition, Step.ASSIGN, actor, today=today, due_on=petition.handling_due,
                    note=note.strip(), data={"unit": unit.pk})


def start_handling(petition, *, actor, handler, today=None, expected_status=None):
    """签收办理: the handling unit names the person who handles it (承办人)."""
    today = _today(today)
    with transaction.atomic():
        petition = lock(petition, actor, Step.START, expected_status)
        if not handler.is_active or petition.handling_unit_id not in person_unit_ids(handler):
            raise Invalid(f"{handler}不是{petition.handling_unit}的工作人员。", field="handler")
        if is_excluded(handler, petition):
            raise Invalid("承办人不能是被检举人或被检举单位的人员。", field="handler")
        petition.handler, petition.started_on = handler, today
        return move(petition, Step.START, actor, today=today, due_on=petition.handling_due,
                    data={"handler": handler.pk})


def reply_petition(petition, *, actor, text, files=(), today=None, expected_status=None):
    """答复: the written reply (信访处理意见书) to the petitioner; the handling limit stops."""
    if not text.strip():
        raise Invalid("请填写答复意见。", field="text")
    check_files(files)
    today = _today(today)
    with transaction.atomic():
        petition = lock(petition, actor, Step.REPLY, expected_status)
        store_attachments(petition, files, actor, AttachmentPurpose.REPLY)
        petition.reply_text, petition.replied_on, petition.replied_by = text.strip(), today, actor
        return move(petition, Step.REPLY, actor, today=today, note=text.strip()[:200],
                    data={"on_time": today <= petition.handling_due})


def evaluate_petition(petition, *, actor, evaluation, note="", today=None,
                      expected_status=None):
    """评价: the petitioner's satisfaction with the reply, as the office recorded it."""
    if evaluation not in Evaluation.values:
        raise Invalid("请选择满意、基本满意或不满意。", field="evaluation")
    today = _today(today)
    with transaction.atomic():
        petition = lock(petition, actor, Step.EVALUATE, expected_status)
        petition.evaluation, petition.evaluated_on = evaluation, today
        return move(petition, Step.EVALUATE, actor, today=today, note=note.strip(),
                    data={"evaluation": evaluation})


def close_petition(petition, *, actor, note="", today=None, expected_status=None):
    """办结. A petitioner who gave no evaluation leaves it unrated (未评价)."""
    today = _today(today)
    with transaction.atomic():
        petition = lock(petition, actor, Step.CLOSE, expected_status)
        petition.closed_on = today
        return move(petition, Step.CLOSE, actor, today=today, note=note.strip())
