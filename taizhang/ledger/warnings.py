"""The daily warning scan: 催办 when an item turns yellow, 督办 when it turns red.

Which items: those in 办理中 only. A 待交办 item has nobody handling it yet, and an item in
申请销号 waits on the supervision office's verification, not on its handlers.

Whom: a 催办 goes to the handlers (the logins acting for the lead unit). A 督办 goes to the
responsible leader and to the handlers too, since they are the ones who must act. An item
that goes straight from green to red gets the 督办 only; it already tells the handlers.

Once per stage: each warning is claimed by inserting a ``Warning`` row (unique item, level,
stage; the stage is the deadline, so an approved extension opens a new one). Rows that
already exist are skipped by the insert, and only the rows this run inserted are notified,
all in one transaction: a rerun, or a second scan running at the same moment, sends nothing
twice, and a failed scan leaves neither claims nor messages behind.

The light is computed in SQL (``lights.light_expression``), so the green majority costs no
Python at all; the reasons are worded by ``lights.explain`` for the items that need a message.
"""

import uuid
from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date, datetime
from types import SimpleNamespace

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import CharField, Exists, Func, OuterRef, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..inbox.models import Kind, Notification
from ..inbox.services import deliver_later
from ..org.bulk import insert_rows
from ..org.membership import user_ids_acting_for
from ..org.models import Event, Person, Unit
from . import lights, people
from .constants import ItemStatus, Light, WarningLevel
from .models import Item, Milestone, Warning

NO_DEADLINE = "none"
LINK_MARKER = 987654321
TITLES = {WarningLevel.REMINDER: "催办", WarningLevel.ESCALATION: "督办"}
KINDS = {WarningLevel.REMINDER: Kind.REMINDER, WarningLevel.ESCALATION: Kind.ESCALATION}
# The actions of these events on the item's timeline (ledger_tags.ACTION_LABELS names them).
EVENT_ACTIONS = {WarningLevel.REMINDER: "remind", WarningLevel.ESCALATION: "escalate"}
CLOSING = {
    WarningLevel.REMINDER: "请抓紧办理，并按时报送进展情况。",
    WarningLevel.ESCALATION: "请责任领导督促，责任单位限期办结。",
}


class IsoDate(Func):
    """A date as YYYY-MM-DD text, the way ``Warning.stage`` stores it."""

    output_field = CharField()
    template = "CAST(%(expressions)s AS TEXT)"  # SQLite keeps dates as this very text

    def as_postgresql(self, compiler, connection, **extra):
        # Independent of the server's DateStyle.
        return self.as_sql(compiler, connection,
                           template="TO_CHAR(%(expressions)s, 'YYYY-MM-DD')", **extra)


@dataclass(frozen=True)
class ScanResult:
    today: date
    reminders: int  # items that got a 催办 in this run
    escalations: int  # items that got a 督办
    notifications: int  # inbox messages written

    def as_dict(self):
        return {**asdict(self), "today": self.today.isoformat()}


@dataclass(frozen=True)
class Run:
    today: date
    th: lights.Thresholds
    token: str  # marks the warning rows this run inserted
    now: datetime  # one moment for everything the run writes


def stage_of(deadline) -> str:
    return deadline.isoformat() if deadline else NO_DEADLINE


def due_warnings(today: date, th=None):
    """Items in 办理中 whose light calls for a warning not yet sent in the current stage: rows
    with what the messages need, not models (a first scan may find tens of thousands).
    No joins: the planner cannot foresee how many items match, and joined them badly."""
    th = th or lights.thresholds(today)
    sent = Warning.objects.filter(item=OuterRef("pk"),
                                  stage=Coalesce(IsoDate(OuterRef("deadline")),
                                                 Value(NO_DEADLINE)))
    return (
        Item.objects.filter(status=ItemStatus.IN_PROGRESS).order_by()
        .annotate(light=lights.light_expression(th))
        # The green majority drops out on this first test, before any subquery below.
        .filter(light__in=[Light.RED, Light.YELLOW])
        .filter(
            Q(light=Light.RED) & ~Exists(sent.filter(level=WarningLevel.ESCALATION))
            | Q(light=Light.YELLOW) & ~Exists(sent.filter(level=WarningLevel.REMINDER))
        )
        .values_list("pk", "light", "code", "title", "status", "deadline", "frequency",
                     "last_reported_on", "lead_unit_id", "leader_id", named=True)
    )


def scan(today: date | None = None) -> ScanResult:
    today = today or timezone.localdate()
    th = lights.thresholds(today)
    run = Run(today, th, uuid.uuid4().hex, timezone.now())
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # The planner prices the per-item subqueries so high that it compiles the query
            # (JIT), which costs more than running it.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
        rows = {row.pk: row for row in due_warnings(today, th)}
        if rows:
            _claim(rows, run)
        claimed = list(Warning.objects.filter(claimed_by=run.token)
                       .values_list("item_id", "level", "reason"))
        notifications = _notify(claimed, rows, run) if claimed else 0
    levels = [level for _, level, _ in claimed]
    return ScanResult(today, levels.count(WarningLevel.REMINDER),
                      levels.count(WarningLevel.ESCALATION), notifications)


def _claim(rows, run):
    """Insert a warning row for each item; rows another scan inserted first are skipped."""
    late = defaultdict(list)
    for milestone in Milestone.objects.filter(
            item__status=ItemStatus.IN_PROGRESS, done_on__isnull=True, due__lt=run.today
    ).values_list("item_id", "title", "due", "done_on", named=True):
        late[milestone.item_id].append(milestone)
    now = connection.ops.adapt_datetimefield_value(run.now)
    warnings = []
    for row in rows.values():
        _, reasons = lights.explain(row, run.today, th=run.th, milestones=late[row.pk])
        level = WarningLevel.ESCALATION if row.light == Light.RED else WarningLevel.REMINDER
        warnings.append((row.pk, level, stage_of(row.deadline), "；".join(reasons)[:200],
                         run.token, now))
    insert_rows(Warning, ("item", "level", "stage", "reason", "claimed_by", "created_at"),
            warnings, ignore_conflicts=True)


def _notify(claimed, rows, run) -> int:
    """Inbox messages and timeline events for the warnings this run claimed."""
    mine = Warning.objects.filter(claimed_by=run.token)
    handlers = user_ids_acting_for(mine.values("item__lead_unit_id"))
    units = dict(Unit.objects.filter(pk__in=mine.values("item__lead_unit_id"))
                 .values_list("pk", "name"))
    leaders = dict(Person.objects.filter(pk__in=mine.values("item__leader_id"), is_active=True,
                                         user__is_active=True).values_list("pk", "user_id"))
    # reverse() costs more than all the rest of an item's wording: resolve the route once.
    link = people.item_link(SimpleNamespace(pk=LINK_MARKER)).replace(str(LINK_MARKER), "{}")
    now = connection.ops.adapt_datetimefield_value(run.now)
    data_field = Event._meta.get_field("data")
    item_type = ContentType.objects.get_for_model(Item).pk
    messages, events = [], []
    for pk, level, reason in claimed:
        row = rows[pk]
        recipients = set(handlers.get(row.lead_unit_id, ()))
        if level == WarningLevel.ESCALATION and row.leader_id in leaders:
            recipients.add(leaders[row.leader_id])
        title, body = _wording(row, units[row.lead_unit_id], level, reason)
        messages += [(user_id, KINDS[level], title, body, link.format(pk), now)
                     for user_id in sorted(recipients)]
        data = {"stage": stage_of(row.deadline), "notified": len(recipients)}
        events.append((item_type, pk, EVENT_ACTIONS[level], "", "", reason,
                       data_field.get_db_prep_save(data, connection), now))
    ids = insert_rows(Notification, ("recipient", "kind", "title", "body", "link", "created_at"),
                  messages, returning=True)
    insert_rows(Event, ("content_type", "object_id", "action", "from_status", "to_status", "note",
                    "data", "at"), events)
    deliver_later(ids)
    return len(ids)


def _wording(row, unit_name, level, reason):
    deadline = f"{row.deadline:%Y年%m月%d日}" if row.deadline else "未设定"
    title = f"{TITLES[level]}：{row.title}"[:200]
    body = "\n".join([
        f"事项：{row.code} {row.title}（责任单位：{unit_name}）",
        f"完成时限：{deadline}",
        f"预警原因：{reason}",
        CLOSING[level],
    ])
    return title, body
