"""Load this year's ledgers into the demo district, creating only what is missing.

Each item is written and worked through the real rules (``rules.py``), one act after another,
as its story in ``stories.py`` says; every act is then dated to when it happened in the story
(its event, notification, report or extension), so timelines read as the year went. The audit
trail keeps the real time of writing. Ledgers are matched by (unit, year, name) and items by
(ledger, code); an existing item is left exactly as it is, so loading twice changes nothing.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Case, DateTimeField, Value, When
from django.utils import timezone

from ...inbox.models import Notification
from ...org.demo import district
from ...org.events import timeline
from ...org.membership import acts_for_unit
from ...org.models import Event, Person, Unit, User
from .. import people, rules
from ..models import Extension, Item, Ledger, LedgerKind, ProgressReport
from . import plan, stories

# Notifications older than this were read long ago; newer ones still wait in the inbox.
UNREAD_DAYS = 7
# The acts that send notifications (see rules.py).
NOTIFYING = frozenset({"assign", "request_close", "close", "return", "request_extension",
                       "decide_extension"})


def load_ledger_demo(progress=None, today=None) -> dict[str, int]:
    """Create the missing ledgers and items of the demo district; return how many were made."""
    say = progress or (lambda message: None)
    today = today or timezone.localdate()
    root = Unit.objects.filter(division_code=district.DISTRICT_CODE).first()
    if root is None:
        raise ValueError("演示台账需要先加载演示单位（河阳示范区）。")
    with transaction.atomic():
        cast = _Cast(root)
        created_ledgers = created_items = 0
        for spec in plan.LEDGERS:
            ledger, new = _ledger(spec, root, today)
            created_ledgers += new
            taken = set(ledger.items.values_list("code", flat=True))
            for number, item_spec in enumerate(spec.items, start=1):
                code = f"{ledger.code_prefix}-{number:03d}"
                if code not in taken:
                    told = stories.tell(item_spec, spec, number, today)
                    _replay(ledger, code, item_spec, told, cast, today)
                    created_items += 1
        total = sum(len(spec.items) for spec in plan.LEDGERS)
        say(f"台账：新建 {created_ledgers} 本，共 {len(plan.LEDGERS)} 本；"
            f"事项：新建 {created_items} 项，共 {total} 项。")
    return {"ledgers": created_ledgers, "items": created_items, "handlers": cast.created}


class _Cast:
    """The people who act in the stories: the supervision office, the county leaders and one
    handler (联络员) per lead unit, who gets a login without a usable password if missing."""

    def __init__(self, root):
        self.supervisor = User.objects.get(username="duchashi")
        self.units = {u.name: u for u in Unit.objects.filter(
            pk__in=root.descendants().values("pk"), depth__lte=2)}
        self.leaders = list(Person.objects.filter(unit=root).select_related("user")
                            .order_by("sort_order", "pk"))
        titles = [p.title for p in self.leaders]
        if titles != district.LEADERS:
            raise ValueError(f"演示区领导与计划不符：{titles}")
        self.created = 0
        self.handlers = {name: self._handler(name, *login)
                         for name, login in plan.HANDLERS.items()}

    def _handler(self, unit_name, username, title):
        user = User.objects.filter(username=username).first()
        if user is None:
            person = (Person.objects.filter(unit=self.units[unit_name], title=title,
                                            user__isnull=True).order_by("sort_order").first())
            if person is None:
                raise ValueError(f"{unit_name}没有可以开通账号的{title}。")
            user = User(username=username)
            user.set_unusable_password()
            user.save()
            person.user = user
            person.save(update_fields=["user"])
            self.created += 1
        if not acts_for_unit(user, self.units[unit_name].pk):
            raise ValueError(f"{username} 不是{unit_name}的人员。")
        return user


def _ledger(spec, root, today):
    year = today.year
    ledger = Ledger.objects.filter(unit=root, year=year, name=spec.name).first()
    if ledger is not None:
        return ledger, 0
    ledger = Ledger.objects.create(
        kind=LedgerKind.objects.get(code=spec.kind), name=spec.name, unit=root, year=year,
        code_prefix=f"{spec.prefix}{year}", description=spec.description,
    )
    launched = stories.on_or_before(today - timedelta(days=spec.age))
    Ledger.objects.filter(pk=ledger.pk).update(created_at=stories.moment(launched, 8, 30))
    return ledger, 1


def _replay(ledger, code, spec, told, cast, today):
    """Work one item through the rules, step by step, dating what each step wrote."""
    supervisor, handler = cast.supervisor, cast.handlers[spec.lead]
    leader = cast.leaders[spec.leader]
    if spec.story.startswith("extension_") and leader.user is None:
        raise ValueError(f"{spec.title}：延期须由有账号的责任领导审批。")
    item = None
    notified = _Notified()
    for step in told.steps:
        args = step.args
        if step.act == "create":
            item = rules.create_item(
                ledger, actor=supervisor, title=spec.title, leader=leader,
                lead_unit=cast.units[spec.lead],
                cooperating_units=[cast.units[name] for name in spec.cooperating],
                goal=spec.goal, measures=spec.measures, deadline=told.deadline,
                working_days=told.working_days, frequency=spec.frequency,
                milestones=told.milestones, code=code,
            )
            notified.watch(item)
            milestones = dict(item.milestones.values_list("sort_order", "pk"))
        elif step.act == "assign":
            rules.assign_item(item, actor=supervisor, note=args["note"], today=step.at.date())
        elif step.act == "report":
            report = rules.report_progress(item, actor=handler, text=args["text"],
                                           today=args["today"])
            ProgressReport.objects.filter(pk=report.pk).update(at=step.at)
        elif step.act == "milestone":
            rules.complete_milestone(item, milestones[args["index"]], actor=handler,
                                     done_on=args["done_on"])
        elif step.act == "request_close":
            rules.request_close_out(item, actor=handler, evidence=args["evidence"])
        elif step.act == "return":
            rules.return_item(item, actor=supervisor, reason=args["reason"])
        elif step.act == "close":
            rules.close_out_item(item, actor=supervisor, note=args["note"], today=args["today"])
        elif step.act == "request_extension":
            extension = rules.request_extension(item, actor=handler,
                                                new_deadline=args["new_deadline"],
                                                reason=args["reason"])
            Extension.objects.filter(pk=extension.pk).update(requested_at=step.at)
        elif step.act == "decide_extension":
            extension = rules.decide_extension(item, actor=leader.user, approve=args["approve"],
                                               note=args["note"])
            Extension.objects.filter(pk=extension.pk).update(decided_at=step.at)
        else:
            raise ValueError(f"unknown demo step {step.act!r}")
        if step.act in NOTIFYING:
            notified.stamp(step.at, read=step.at.date() < today - timedelta(days=UNREAD_DAYS))
    _date_events(item, told.steps)


def _date_events(item, steps):
    """Date the item's events, one per step and in the same order, to when each step happened."""
    events = list(timeline(item).order_by("pk").values_list("pk", flat=True))
    if len(events) != len(steps):
        raise ValueError(f"{item.code}：{len(steps)} 步写下了 {len(events)} 条办理记录。")
    Event.objects.filter(pk__in=events).update(at=Case(
        *(When(pk=pk, then=Value(step.at)) for pk, step in zip(events, steps, strict=True)),
        output_field=DateTimeField()))
    Item.objects.filter(pk=item.pk).update(created_at=steps[0].at, updated_at=steps[-1].at)


class _Notified:
    """Dates the notifications each act just sent about one item to when the act happened,
    and marks the old ones read."""

    def watch(self, item):
        self.rows = Notification.objects.filter(link=people.item_link(item))
        self.mark = self.rows.order_by("-pk").values_list("pk", flat=True).first() or 0

    def stamp(self, at, *, read):
        fresh = self.rows.filter(pk__gt=self.mark)
        latest = fresh.order_by("-pk").values_list("pk", flat=True).first()
        if latest is not None:
            fresh.update(created_at=at, read_at=at + timedelta(hours=2) if read else None)
            self.mark = latest
