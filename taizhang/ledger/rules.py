"""What people do to ledger items, one function per act, each atomic and recorded as an event.

Every function locks the item (``select_for_update``), checks the act against the one
transition table in ``constants.TRANSITIONS`` and the actor's relation to the item, changes
it, and writes the event on the item's timeline. Two people acting at once: the second waits
for the lock, finds the item changed, and gets a ``Conflict`` that says who changed it.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from ..inbox.models import Kind
from ..inbox.services import notify
from ..org.events import record_event, timeline
from ..org.membership import acts_for_unit
from ..org.workdays import add_working_days
from . import people
from .attachments import store_attachments
from .constants import TRANSITIONS, Action, Actor, ExtensionStatus, ItemStatus
from .models import Extension, Item, Ledger, Milestone, ProgressReport
from .queries import visible_items


class LedgerError(Exception):
    """A refused act; ``message`` is shown to the person as it is."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


class NotAllowed(LedgerError):
    pass


class Conflict(LedgerError):
    pass


class Invalid(LedgerError):
    pass


def relations(user, item) -> set[str]:
    """How ``user`` stands to ``item``: as the supervising office, the lead unit, the leader."""
    found = set()
    if people.supervises(user, item.ledger):
        found.add(Actor.SUPERVISION)
    if acts_for_unit(user, item.lead_unit_id):
        found.add(Actor.LEAD_UNIT)
    person = getattr(user, "person", None)
    if person is not None and person.pk == item.leader_id:
        found.add(Actor.LEADER)
    return found


def allowed_actions(user, item) -> list[str]:
    """The acts ``user`` may take on ``item`` now (for buttons and the API's answer)."""
    mine = relations(user, item)
    actions = [a for a, t in TRANSITIONS.items() if item.status in t.sources and t.actor in mine]
    pending = item.extensions.filter(status=ExtensionStatus.REQUESTED).exists()
    if pending:
        actions = [a for a in actions if a != Action.REQUEST_EXTENSION]
    else:
        actions = [a for a in actions
                   if a not in (Action.APPROVE_EXTENSION, Action.REJECT_EXTENSION)]
    if Action.CLOSE_OUT in actions and item.close_requested_by_id == user.pk:
        actions.remove(Action.CLOSE_OUT)
    return actions


def _last_change(item):
    event = timeline(item).exclude(to_status="").order_by("-at", "-id").first()
    if event is None:
        return ""
    who = event.actor.person.name if event.actor and hasattr(event.actor, "person") else (
        event.actor.get_username() if event.actor else "系统")
    when = timezone.localtime(event.at)
    return f"{who}已于{when:%m月%d日 %H:%M}将其办理为“{item.get_status_display()}”"


def _lock(item, user, action, expected_status=None):
    """The item, locked for this transaction, after checking ``action`` may be taken."""
    transition = TRANSITIONS[action]
    locked = (visible_items(user).select_related("ledger__kind").select_for_update(of=("self",))
              .filter(pk=item.pk).first())
    if locked is None:
        raise NotAllowed("找不到该事项，或您无权查看。")
    label = Action(action).label
    if transition.actor not in relations(user, locked):
        who = (locked.ledger.kind.get_supervised_by_display()
               if transition.actor == Actor.SUPERVISION else Actor(transition.actor).label)
        raise NotAllowed(f"只有{who}可以{label}。")
    stale = expected_status and locked.status != expected_status
    if stale or locked.status not in transition.sources:
        done = _last_change(locked)
        raise Conflict(
            f"该事项当前为“{locked.get_status_display()}”，不能{label}"
            + (f"：{done}。请刷新页面后查看。" if done else "。")
        )
    return locked


def _event(item, action, actor, from_status, note="", data=None):
    record_event(item, action, actor=actor, from_status=from_status,
                 to_status=item.status if item.status != from_status else "", note=note,
                 data=data)


def create_ledger(*, actor, kind, name, unit, year, code_prefix, description=""):
    """Open a new ledger (台账) for a unit and year. Only the supervision office opens them."""
    if not people.is_supervision(actor):
        raise NotAllowed("只有督查室可以新建台账。")
    with transaction.atomic():
        ledger = Ledger.objects.create(kind=kind, name=name, unit=unit, year=year,
                                       code_prefix=code_prefix, description=description)
        record_event(ledger, "create", actor=actor, note=str(ledger))
    return ledger


def create_item(ledger, *, actor, title, leader, lead_unit, cooperating_units=(), goal="",
                measures="", deadline=None, working_days=None, frequency=None,
                milestones=(), code=None):
    """Write a new item into a ledger (待交办). Only its supervising office opens items."""
    if not people.supervises(actor, ledger):
        raise NotAllowed(f"只有{ledger.kind.get_supervised_by_display()}可以新建该台账的事项。")
    if deadline is None and working_days is None:
        raise Invalid("请填写完成时限，或交办后的工作日数。", field="deadline")
    with transaction.atomic():
        item = Item(
            ledger=ledger, code=code or ledger.next_code(), title=title, leader=leader,
            lead_unit=lead_unit, goal=goal, measures=measures, deadline=deadline,
            working_days=working_days if deadline is None else None,
        )
        if frequency:
            item.frequency = frequency
        item.save()
        item.cooperating_units.set(cooperating_units)
        Milestone.objects.bulk_create(
            Milestone(item=item, title=t, due=d, sort_order=i)
            for i, (t, d) in enumerate(milestones)
        )
        record_event(item, "create", actor=actor, to_status=item.status, note=title)
    return item


def update_item(item, *, actor, **fields):
    """Change an open item's particulars (its supervising office), recording what changed."""
    if not people.supervises(actor, item.ledger):
        raise NotAllowed(f"只有{item.ledger.kind.get_supervised_by_display()}可以修改事项内容。")
    cooperating = fields.pop("cooperating_units", None)
    with transaction.atomic():
        locked = visible_items(actor).select_for_update().get(pk=item.pk)
        if locked.status == ItemStatus.CLOSED:
            raise Conflict("该事项已销号，不能再修改。")
        changed = {}
        for name, value in fields.items():
            if getattr(locked, name) != value:
                changed[name] = [str(getattr(locked, name)), str(value)]
                setattr(locked, name, value)
        if cooperating is not None:
            before = set(locked.cooperating_units.values_list("pk", flat=True))
            after = {u.pk for u in cooperating}
            if before != after:
                locked.cooperating_units.set(cooperating)
                changed["cooperating_units"] = [sorted(before), sorted(after)]
        if changed:
            locked.save()
            record_event(locked, "update", actor=actor, note="修改事项内容",
                         data={"changed": changed})
    return locked, changed


def assign_item(item, *, actor, note="", expected_status=None, today=None):
    """交办: the supervision office hands the item to its lead unit; the clock starts."""
    today = today or timezone.localdate()
    with transaction.atomic():
        item = _lock(item, actor, Action.ASSIGN, expected_status)
        before = item.status
        item.status = ItemStatus.IN_PROGRESS
        item.assigned_on = today
        item.last_reported_on = today
        if item.working_days is not None:
            computed = add_working_days(today, item.working_days)
            item.deadline, item.deadline_known = computed.date, computed.calendar_known
        item.save()
        _event(item, Action.ASSIGN, actor, before, note,
               {"deadline": str(item.deadline), "calendar_known": item.deadline_known})
        notify(people.lead_unit_users(item), Kind.WORKFLOW, f"新交办事项：{item.title}",
               f"完成时限 {item.deadline:%Y年%m月%d日}。{note}".strip(), people.item_link(item))
    return item


def report_progress(item, *, actor, text, files=(), today=None, expected_status=None):
    """报送进展: the lead unit writes what has been done, with supporting files."""
    today = today or timezone.localdate()
    if not text.strip():
        raise Invalid("请填写进展情况。", field="text")
    with transaction.atomic():
        item = _lock(item, actor, Action.REPORT, expected_status)
        report = ProgressReport.objects.create(item=item, text=text.strip(), reported_on=today,
                                               author=actor)
        store_attachments(item, files, actor, purpose="progress", report=report)
        item.last_reported_on = today
        item.save(update_fields=["last_reported_on", "updated_at"])
        _event(item, Action.REPORT, actor, item.status, text.strip(), {"report": report.pk})
    return report


def complete_milestone(item, milestone_id, *, actor, done_on=None, expected_status=None):
    """A milestone reached: part of reporting progress, so the lead unit does it."""
    with transaction.atomic():
        item = _lock(item, actor, Action.REPORT, expected_status)
        milestone = item.milestones.get(pk=milestone_id)
        milestone.done_on = done_on or timezone.localdate()
        milestone.save(update_fields=["done_on"])
        _event(item, "milestone", actor, item.status, f"节点完成：{milestone.title}")
    return milestone


def request_close_out(item, *, actor, evidence, files=(), expected_status=None):
    """申请销号: the lead unit says it is done; written evidence or a file is required."""
    if not evidence.strip() and not files:
        raise Invalid("申请销号须填写完成情况说明或上传佐证材料。", field="evidence")
    with transaction.atomic():
        item = _lock(item, actor, Action.REQUEST_CLOSE, expected_status)
        before = item.status
        store_attachments(item, files, actor, purpose="evidence")
        item.status = ItemStatus.CLOSE_REQUESTED
        item.close_requested_by = actor
        item.close_evidence = evidence.strip()
        item.save()
        _event(item, Action.REQUEST_CLOSE, actor, before, evidence.strip())
        notify(people.supervisors(item.ledger), Kind.WORKFLOW, f"申请销号待审核：{item.title}",
               evidence.strip()[:200], people.item_link(item))
    return item


def close_out_item(item, *, actor, note="", expected_status=None, today=None):
    """销号: the supervision office verifies the evidence; never the one who asked."""
    with transaction.atomic():
        item = _lock(item, actor, Action.CLOSE_OUT, expected_status)
        if item.close_requested_by_id == actor.pk:
            raise NotAllowed("销号审核人不能是申请销号的本人，请由督查室其他同志审核。")
        before = item.status
        item.status = ItemStatus.CLOSED
        item.closed_by = actor
        item.closed_on = today or timezone.localdate()
        item.save()
        _event(item, Action.CLOSE_OUT, actor, before, note)
        notify(people.lead_unit_users(item), Kind.WORKFLOW, f"事项已销号：{item.title}", note,
               people.item_link(item))
    return item


def return_item(item, *, actor, reason, expected_status=None):
    """退回: the evidence does not hold; back to 办理中 with the reason."""
    if not reason.strip():
        raise Invalid("请填写退回理由。", field="reason")
    with transaction.atomic():
        item = _lock(item, actor, Action.RETURN, expected_status)
        before = item.status
        item.status = ItemStatus.IN_PROGRESS
        item.close_requested_by = None
        item.save()
        _event(item, Action.RETURN, actor, before, reason.strip())
        notify(people.lead_unit_users(item), Kind.WORKFLOW, f"销号申请被退回：{item.title}",
               reason.strip(), people.item_link(item))
    return item


def request_extension(item, *, actor, new_deadline: date, reason, expected_status=None):
    """申请延期: the lead unit asks the responsible leader for a later deadline."""
    if not reason.strip():
        raise Invalid("请填写延期理由。", field="reason")
    with transaction.atomic():
        item = _lock(item, actor, Action.REQUEST_EXTENSION, expected_status)
        if item.deadline and new_deadline <= item.deadline:
            raise Invalid(f"申请的完成时限须晚于现时限 {item.deadline:%Y年%m月%d日}。",
                          field="new_deadline")
        if item.extensions.filter(status=ExtensionStatus.REQUESTED).exists():
            raise Conflict("该事项已有一条待审批的延期申请。")
        extension = Extension.objects.create(item=item, reason=reason.strip(),
                                             old_deadline=item.deadline,
                                             new_deadline=new_deadline, requested_by=actor)
        _event(item, Action.REQUEST_EXTENSION, actor, item.status, reason.strip(),
               {"old": str(item.deadline), "new": str(new_deadline)})
        notify([item.leader.user], Kind.WORKFLOW, f"延期申请待审批：{item.title}",
               f"申请延至 {new_deadline:%Y年%m月%d日}：{reason.strip()}", people.item_link(item))
    return extension


def decide_extension(item, *, actor, approve: bool, note="", expected_status=None):
    """批准/不批准延期: the responsible leader decides; old and new deadlines are both kept."""
    action = Action.APPROVE_EXTENSION if approve else Action.REJECT_EXTENSION
    with transaction.atomic():
        item = _lock(item, actor, action, expected_status)
        extension = item.extensions.select_for_update().filter(
            status=ExtensionStatus.REQUESTED).first()
        if extension is None:
            raise Conflict("没有待审批的延期申请，可能已被审批。请刷新页面后查看。")
        extension.status = ExtensionStatus.APPROVED if approve else ExtensionStatus.REJECTED
        extension.decided_by = actor
        extension.decided_at = timezone.now()
        extension.decision_note = note.strip()
        extension.save()
        data = {"old": str(extension.old_deadline), "new": str(extension.new_deadline)}
        if approve:
            item.deadline = extension.new_deadline
            item.deadline_known = True
            item.save()
        _event(item, action, actor, item.status, note.strip(), data)
        notify(people.lead_unit_users(item), Kind.WORKFLOW,
               f"延期申请{'已批准' if approve else '未批准'}：{item.title}", note.strip(),
               people.item_link(item))
    return extension


def bulk_assign(items, *, actor, note="", today=None):
    """交办 several items at once; each is its own transaction, so one conflict spoils none."""
    done, refused = [], []
    for item in items:
        try:
            done.append(assign_item(item, actor=actor, note=note, today=today))
        except LedgerError as error:
            refused.append((item, error.message))
    return done, refused
