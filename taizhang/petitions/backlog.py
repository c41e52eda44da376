"""Backlog cases (积案): "one case, one leader, one team, one plan, followed to the end, closed
within a time limit" (一个积案、一名领导、一套班子、一个方案、一包到底、限时办结).

The petition office makes a petition — with every petition of its repeat chain — a backlog
case. The promise is written into the office's backlog ledger (信访积案台账) as a ledger item
and assigned at once: the county-level leader who takes the case (包案领导) is the item's
leader, the unit that resolves it its lead unit, the plan's steps its milestones, the monthly
progress its reports, and 化解销号 is the ledger's close-out — asked for with evidence by the
lead unit, verified by the petition office (the kind's ``supervised_by``), never by the one
who asked. Lights, reminders, escalation and extensions are the ledger's own.
"""

from django.db import transaction
from django.db.models import BooleanField, Count, ExpressionWrapper, Q, Sum
from django.utils import timezone

from ..inbox.models import Kind
from ..inbox.services import notify
from ..ledger import people as ledger_people
from ..ledger import rules as ledger_rules
from ..ledger.constants import Frequency, ItemStatus
from ..ledger.lights import annotate_light
from ..ledger.models import Ledger, LedgerKind
from ..org.constants import Rank
from ..org.events import record_event
from ..org.models import Unit, User
from ..org.visibility import Scope
from .errors import Conflict, Invalid, NotAllowed
from .models import BacklogCase, Petition, TeamMember
from .people import office_grants
from .queries import is_office_for, visible_petitions

BACKLOG_KIND = "xinfang_jian"  # seeded by petitions migration 0003
MAX_TEAM = 20


def backlog_ledger(unit, year):
    """The backlog ledger of the petition office ``unit`` for ``year``, made on first use."""
    ledger, _ = Ledger.objects.get_or_create(
        unit=unit, year=year, name=f"{year}年信访积案台账",
        defaults={"kind": LedgerKind.objects.get(code=BACKLOG_KIND), "code_prefix": f"JA{year}",
                  "description": "信访积案：一案一名包案领导、一套班子、一个方案，限时化解销号。"},
    )
    return ledger


def office_unit(user, petition):
    """The unit whose petition-office role lets ``user`` act on ``petition``: the backlog
    ledger is that office's (the district's 信访局, a township's office)."""
    for unit_id, root in office_grants(user).items():
        reach = Scope(False, {root}, None)
        if reach.can_see_unit(petition.origin_unit) or (
                petition.handling_unit and reach.can_see_unit(petition.handling_unit)):
            return Unit.objects.get(pk=unit_id)
    return None


def case_petitions(petition):
    """The petition's repeat chain: the first petition and all its repeats."""
    first = petition.repeat_of_id or petition.pk
    return Petition.objects.filter(Q(pk=first) | Q(repeat_of_id=first))


def open_backlog_case(petition, *, actor, leader, lead_unit, goal, plan, deadline, team,
                      measures="", today=None):
    """列为积案: ``plan`` is [(step, due date)], ``team`` [(person, duty)]; ``deadline`` is the
    time limit for resolution. Returns the BacklogCase, its item already assigned."""
    today = today or timezone.localdate()
    if not is_office_for(actor, petition):
        raise NotAllowed("只有负责该信访件的信访工作机构可以将其列为积案。")
    _check_particulars(leader, goal, plan, deadline, team, today)
    unit = office_unit(actor, petition)
    if unit is None:
        raise NotAllowed("您的信访工作岗位不在负责该信访件的机构。")
    reach = Scope(False, frozenset(office_grants(actor).values()), None)
    if lead_unit is None or not reach.can_see_unit(lead_unit):
        raise Invalid("责任单位须在本信访工作机构的辖区内。", field="lead_unit")
    if any(not reach.can_see_unit(person.unit_id) for person, _ in team):
        raise Invalid("包案班子成员须是本辖区单位的干部。", field="team")
    with transaction.atomic():
        chain = list(visible_petitions(actor).filter(
            pk__in=case_petitions(petition).values("pk")).select_for_update(of=("self",))
            .order_by("received_on", "pk"))
        _check_chain(chain)
        first = chain[0]
        ledger = backlog_ledger(unit, today.year)
        item = ledger_rules.create_item(
            ledger, actor=actor, leader=leader, lead_unit=lead_unit, goal=goal.strip(),
            measures=measures.strip(), deadline=deadline, frequency=Frequency.MONTHLY,
            milestones=plan, title=_title(first, len(chain)))
        item = ledger_rules.assign_item(item, actor=actor, today=today,
                                        note="列为信访积案，交包案领导和责任单位")
        case = BacklogCase.objects.create(item=item, opened_on=today, opened_by=actor)
        TeamMember.objects.bulk_create(
            TeamMember(case=case, person=person, duty=duty.strip(), sort_order=n)
            for n, (person, duty) in enumerate(team))
        Petition.objects.filter(pk__in=[p.pk for p in chain]).update(backlog_case=case)
        for member in chain:
            record_event(member, "backlog_open", actor=actor,
                         note=f"列为信访积案 {item.code}，包案领导：{leader.name}",
                         data={"case": case.pk, "item": item.code})
        _tell_team(case, item, leader)
    return case


def _check_particulars(leader, goal, plan, deadline, team, today):
    if leader is None or not leader.is_active or leader.rank != Rank.COUNTY:
        raise Invalid("包案领导须为在职的县级领导。", field="leader")
    if not goal.strip():
        raise Invalid("请填写化解目标。", field="goal")
    if deadline is None or deadline <= today:
        raise Invalid("化解时限须晚于今天。", field="deadline")
    if not plan:
        raise Invalid("化解方案至少要有一个步骤。", field="plan")
    for step, due in plan:
        if not step.strip() or due is None:
            raise Invalid("方案的每个步骤都要写明内容和完成日期。", field="plan")
        if not today <= due <= deadline:
            raise Invalid(f"步骤“{step}”的完成日期须在今天与化解时限之间。", field="plan")
    if not team:
        raise Invalid("请至少指定一名包案班子成员。", field="team")
    if len(team) > MAX_TEAM:
        raise Invalid(f"包案班子至多 {MAX_TEAM} 人。", field="team")
    people = [person for person, _ in team]
    if len({p.pk for p in people}) != len(people):
        raise Invalid("包案班子成员不能重复。", field="team")
    if any(not person.is_active for person in people) or any(not d.strip() for _, d in team):
        raise Invalid("班子成员须在职，并写明各自分工。", field="team")


def _check_chain(chain):
    if not chain:
        raise NotAllowed("找不到该信访件，或您无权查看。")
    taken = next((p for p in chain if p.backlog_case_id), None)
    if taken is not None:
        raise Conflict(f"{taken.registration_no} 已列入信访积案 {taken.backlog_case}。")
    if any(p.is_accusation for p in chain):
        # The ledger is read by the lead unit, the leader and the team: an accusation must
        # never reach the accused that way; it follows the discipline-inspection route.
        raise Invalid("检举揭发类信访件不列入信访积案台账，请按检举控告程序办理。")


def _title(first, count):
    more = f"等 {count} 件" if count > 1 else ""
    return f"{first.category.name}积案：{first.origin_unit.name}（{first.registration_no}{more}）"


def _tell_team(case, item, leader):
    people = [leader.pk, *case.team.values_list("person_id", flat=True)]
    users = User.objects.filter(is_active=True, person__pk__in=people)
    notify(users, Kind.WORKFLOW, f"信访积案交办：{item.title}",
           f"化解时限 {item.deadline:%Y年%m月%d日}，每月报送化解进展。",
           ledger_people.item_link(item))


def leader_cases(user):
    """The backlog cases ``user`` takes as 包案领导 or sits on the team of."""
    person = getattr(user, "person", None)
    if person is None:
        return BacklogCase.objects.none()
    return BacklogCase.objects.filter(Q(item__leader=person) | Q(team__person=person)).distinct()


def case_rows(user, items, today):
    """The backlog cases among ``items`` as the ledger shows them: leader, team, plan
    progress, light, and the petitions behind each that ``user`` may see (件次, 人次)."""
    items = list(annotate_light(items.filter(backlog_case__isnull=False), today)
                 .select_related("leader__unit", "lead_unit", "backlog_case")
                 .prefetch_related("backlog_case__team__person", "milestones")
                 .annotate(closed=ExpressionWrapper(Q(status=ItemStatus.CLOSED),
                                                    output_field=BooleanField()))
                 .order_by("closed", "deadline", "id"))
    volume = {row["backlog_case"]: row for row in visible_petitions(user).filter(
        backlog_case__in=[item.backlog_case.pk for item in items]).values("backlog_case")
        .annotate(times=Count("pk"), people=Sum("head_count"))}
    rows = []
    for item in items:
        steps = list(item.milestones.all())
        open_steps = [m for m in steps if m.done_on is None]
        counted = volume.get(item.backlog_case.pk, {})
        rows.append({
            "item": item, "case": item.backlog_case, "team": list(item.backlog_case.team.all()),
            "done": len(steps) - len(open_steps), "steps": len(steps),
            "next_step": open_steps[0] if open_steps else None,
            "times": counted.get("times", 0), "people": counted.get("people") or 0,
        })
    return rows
