"""A year of petitions for the demo district, told through the rule functions themselves.

Only into a district that has no petitions yet, so loading twice changes nothing. Petitions
are received on the days of the year before the load day and taken as far as their age
allows — accepted, assigned, handled, replied, evaluated, closed — by the 信访局 (`xinfang`)
and the handling units, so every figure, light and timeline is what the rules produce. Each
event is then dated to the day its step was taken. A pool of people come back on the same
matter (linked as repeats by the rule); a few visits are group visits; a few are accusations;
nine long-running cases become backlog cases, each with a county-level leader, a team and a
plan, one of them already closed out and one past its time limit.
"""

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.db.models import Case, DateTimeField, Value, When
from django.utils import timezone

from ...ledger import rules as ledger_rules
from ...org.constants import Rank, Role, UnitKind
from ...org.demo import district
from ...org.events import timeline
from ...org.membership import users_acting_for
from ...org.models import Event, Person, Unit, User
from .. import backlog, rules
from ..constants import Channel
from ..models import Category, Petition
from ..registration import register_petition
from . import content

PETITIONS = 420
REPEATERS = 36
BACKLOG_CASES = 9
# Calendar day offsets of each step after receipt, with some spread.
DECIDE, ASSIGN, START = 2, 4, 6


def load_petitions_demo(progress=None, today=None, petitions=PETITIONS) -> dict[str, int]:
    """Tell the demo year of petitions if the district has none; how many of each were made."""
    say = progress or (lambda message: None)
    today = today or timezone.localdate()
    if Petition.objects.exists() or petitions <= 0:
        return {"petitions": 0, "backlog_cases": 0}
    root = Unit.objects.filter(division_code=district.DISTRICT_CODE).first()
    if root is None:
        raise ValueError("演示信访件需要先加载演示单位（河阳示范区）。")
    story = _Story(root, today, random.Random(2026))
    with transaction.atomic():
        made = story.year(petitions)
        cases = story.backlog()
    say(f"信访件：新建 {made} 件（其中重复信访 {story.repeats} 件、集体访 {story.groups} 批），"
        f"信访积案 {cases} 件。")
    return {"petitions": made, "backlog_cases": cases}


class _Story:
    def __init__(self, root, today, rng):
        self.today, self.rng = today, rng
        self.officer = User.objects.select_related("person").get(username="xinfang")
        self.officer2 = self._second_officer()
        units = Unit.objects.filter(pk__in=root.descendants().values("pk"), is_active=True)
        self.places = list(units.filter(kind__in=(UnitKind.VILLAGE, UnitKind.COMMUNITY)))
        self.towns = {u.pk: u for u in units.filter(
            kind__in=(UnitKind.TOWNSHIP, UnitKind.SUBDISTRICT))}
        self.departments = {u.name: u for u in units.filter(kind=UnitKind.DEPARTMENT, depth=1)}
        self.categories = {c.code: c for c in Category.objects.filter(is_active=True)}
        self.handlers = {}
        self.leaders = list(Person.objects.filter(rank=Rank.COUNTY, is_active=True)
                            .order_by("sort_order", "pk"))
        self.people = [self._person() for _ in range(REPEATERS)]
        self.matters = [(self._category(), rng.choice(self.places)) for _ in self.people]
        self.repeats = self.groups = 0
        self.chains = {}  # first petition id → its petitions

    def _second_officer(self):
        """A second petition officer of the 信访局, to verify close-outs the first asks for."""
        return (User.objects.filter(person__unit=self.officer.person.unit,
                                    person__role_grants__role=Role.PETITION_OFFICER)
                .exclude(pk=self.officer.pk).first() or self.officer)

    def _person(self):
        from stdnum.cn import ric

        born = datetime(1950, 1, 1) + timedelta(days=self.rng.randrange(50 * 365))
        body = f"110105{born:%Y%m%d}{self.rng.randrange(1000):03d}"
        return {"name": self.rng.choice(content.SURNAMES)
                + "".join(self.rng.sample(content.GIVEN, 2)),
                "id_number": body + ric.calc_check_digit(body + "0"),
                "phone": f"13{self.rng.randrange(10**9):09d}",
                "address": f"{self.rng.choice(self.places).name}{self.rng.randrange(1, 60)}号"}

    def _category(self):
        codes, weights = zip(*content.CATEGORIES, strict=True)
        return self.categories[self.rng.choices(codes, weights)[0]]

    def handling_unit(self, category, place):
        name = content.HANDLERS.get(category.code)
        return self.departments.get(name) if name else self.towns.get(place.parent_id)

    def handler(self, unit):
        """A login acting for ``unit`` and a person of it: the unit's 承办人."""
        if unit.pk not in self.handlers:
            user = users_acting_for(unit).select_related("person").first()
            if user is None:
                person = Person.objects.filter(unit=unit, is_active=True,
                                               user__isnull=True).order_by("sort_order").first()
                user = User(username=f"xf_{unit.pk}")
                user.set_unusable_password()
                user.save()
                person.user = user
                person.save(update_fields=["user"])
            self.handlers[unit.pk] = user
        return self.handlers[unit.pk]

    def year(self, count):
        days = sorted(self.today - timedelta(days=self.rng.randrange(1, 366))
                      for _ in range(count))
        for n, day in enumerate(days):
            self.tell(n, day)
        return count

    def tell(self, n, day):
        rng = self.rng
        channel = rng.choices(*zip(*content.CHANNELS, strict=True))[0]
        repeater = rng.randrange(REPEATERS) if rng.random() < 0.22 else None
        if repeater is not None:
            person, (category, place) = self.people[repeater], self.matters[repeater]
        else:
            person, category, place = self._person(), self._category(), rng.choice(self.places)
        accusation = repeater is None and rng.random() < 0.01
        head_count = 1
        if channel == Channel.VISIT and repeater is None and rng.random() < 0.03:
            head_count = rng.randint(5, 30)
            self.groups += 1
        text = rng.choice(content.ACCUSATIONS if accusation else content.TEMPLATES[
            category.code]).format(place=place.name, year=day.year - 1)
        petition = register_petition(
            actor=self.officer, channel=channel, received_on=day, content=text,
            category=category, origin_unit=place, petitioners=[person], head_count=head_count,
            bypassed=rng.random() < 0.04, is_accusation=accusation,
            accused_unit=place if accusation else None)
        self.repeats += petition.repeat_of_id is not None
        self.chains.setdefault(petition.repeat_of_id or petition.pk, []).append(petition.pk)
        steps = {"register": day}
        age = (self.today - day).days
        if age > DECIDE:
            steps.update(self.handle(petition, day, age, category, place))
        _date(petition, steps)

    def handle(self, petition, day, age, category, place):
        rng, officer = self.rng, self.officer
        decided = day + timedelta(days=DECIDE)
        if rng.random() < 0.03:
            rules.refuse_petition(petition, actor=officer, notice=content.REFUSAL, today=decided)
            return {"refuse": decided}
        rules.accept_petition(petition, actor=officer, today=decided)
        steps = {"accept": decided}
        if age <= ASSIGN:
            return steps
        unit = self.handling_unit(category, place)
        assigned = day + timedelta(days=ASSIGN)
        rules.assign_petition(petition, actor=officer, unit=unit, today=assigned)
        steps["assign"] = assigned
        if age <= START:
            return steps
        handler = self.handler(unit)
        started = day + timedelta(days=START)
        rules.start_handling(petition, actor=handler, handler=handler.person, today=started)
        steps["start"] = started
        # Most are answered within the 60 days; a few late; a few still open, overdue.
        took = rng.choice([18, 25, 30, 35, 40, 45, 50, 55]) if rng.random() > 0.04 else 66
        if age < took + DECIDE + 3 or rng.random() < 0.02:
            return steps
        replied = decided + timedelta(days=took)
        reply = content.REPLIES.get(category.code, content.REPLIES["default"])
        rules.reply_petition(petition, actor=handler, text=reply.format(unit=unit.name),
                             today=replied)
        steps["reply"] = replied
        evaluated = replied + timedelta(days=rng.choice([3, 5, 7]))
        if evaluated >= self.today:
            return steps
        grade = rng.choices(["satisfied", "basic", "dissatisfied"], [70, 22, 8])[0]
        rules.evaluate_petition(petition, actor=officer, evaluation=grade, today=evaluated)
        steps["evaluate"] = evaluated
        if evaluated + timedelta(days=1) < self.today:
            rules.close_petition(petition, actor=officer, today=evaluated + timedelta(days=1))
            steps["close"] = evaluated + timedelta(days=1)
        return steps

    def backlog(self):
        """Nine of the longest chains become backlog cases."""
        chains = sorted(((len(pks), first) for first, pks in self.chains.items()
                         if len(pks) > 1), reverse=True)
        made = 0
        for n, (_, first) in enumerate(chains[:BACKLOG_CASES]):
            petition = Petition.objects.get(pk=first)
            if petition.is_accusation:
                continue
            unit = petition.handling_unit or self.handling_unit(petition.category,
                                                                 petition.origin_unit)
            staff = list(Person.objects.filter(unit=unit, is_active=True)
                         .order_by("sort_order")[:3])
            opened = self.today - timedelta(days=[75, 60, 50, 45, 40, 30, 25, 20, 10][n])
            deadline = (self.today - timedelta(days=5) if n == 1
                        else self.today + timedelta(days=30 + 15 * n))
            plan = [("约谈信访人，摸清诉求", opened + timedelta(days=7)),
                    ("召开协调会，拿出化解方案", opened + timedelta(days=20)),
                    ("落实化解措施", deadline - timedelta(days=5)),
                    ("回访信访人，申请销号", deadline)]
            case = backlog.open_backlog_case(
                petition, actor=self.officer, leader=self.leaders[n % len(self.leaders)],
                lead_unit=unit, goal=f"解决{petition.category.name}问题，信访人息诉罢访",
                measures="包案领导每月听取一次汇报，责任单位每月报送化解进展。",
                deadline=deadline, plan=plan, today=opened,
                team=[(p, d) for p, d in zip(staff, ("牵头化解", "具体承办", "政策解释"),
                                             strict=False)])
            self._progress(case, n, opened, unit)
            _date_item(case.item, opened, self.today)
            made += 1
        return made

    def _progress(self, case, n, opened, unit):
        """Monthly progress for most; the first case resolved and closed out."""
        item, lead = case.item, self.handler(unit)
        if n > 6:
            return
        first = item.milestones.order_by("sort_order").first()
        ledger_rules.complete_milestone(item, first.pk, actor=lead,
                                        done_on=opened + timedelta(days=6))
        ledger_rules.report_progress(item, actor=lead, today=opened + timedelta(days=10),
                                     text="已约谈信访人，梳理诉求清单，正在会同相关部门研究方案。")
        if n == 0:
            for step in item.milestones.filter(done_on__isnull=True):
                ledger_rules.complete_milestone(item, step.pk, actor=lead, done_on=self.today)
            ledger_rules.request_close_out(item, actor=lead,
                                           evidence="问题已解决，信访人签字息诉罢访。")
            ledger_rules.close_out_item(item, actor=self.officer2, note="经回访核实，已化解。")


def _date(petition, steps):
    """Date the petition's events to the days their steps were taken (in order of writing)."""
    events = list(timeline(petition).order_by("pk").values_list("pk", "action"))
    days, last = [], None
    for _, action in events:
        last = steps.get(action, last) or steps["register"]
        days.append(last)
    Event.objects.filter(pk__in=[pk for pk, _ in events]).update(at=Case(
        *(When(pk=pk, then=Value(_moment(day))) for (pk, _), day in zip(events, days, strict=True)),
        output_field=DateTimeField()))



def _date_item(item, opened, today):
    """Date a backlog item's events, in the order they were written: opened and assigned on
    the day the case was opened, the first plan step and the progress report on their own
    days, what the first case did to be closed out today."""
    report = item.reports.first()
    days = [opened, opened]  # create, assign
    if report is not None:
        days += [opened + timedelta(days=6), report.reported_on]
    events = list(timeline(item).order_by("pk").values_list("pk", flat=True))
    days += [today] * (len(events) - len(days))
    Event.objects.filter(pk__in=events).update(at=Case(
        *(When(pk=pk, then=Value(_moment(day))) for pk, day in zip(events, days, strict=True)),
        output_field=DateTimeField()))
    if report is not None:
        item.reports.update(at=_moment(report.reported_on))


def _moment(day):
    return timezone.make_aware(datetime.combine(day, time(9, 30)))
