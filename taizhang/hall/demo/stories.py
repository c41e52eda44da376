"""The dated life of each demo application, from intake to its outcome, as the rules in
``hall/applications.py`` would have written it: the same statuses, deadlines, 补正 pauses and
working days taken, and one timeline step per act.

Nearly everything is completed (办结), most of it well within the committed time: the article
reports a completion rate of 99.94%. A few applications end otherwise (``FEW``), chosen from
those that fit the story (an overdue one must have passed its deadline, an open one must be
recent) and spread over the centres in turn. Nothing happens on the day of loading itself, so
that every moment lies in the past whatever the time of day.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from ...org.workdays import add_working_days, is_working_day, working_days_between
from ..constants import Channel, Mode, Status, Step
from .demand import Draw

# How many of the year's applications end each way other than completed on time: seven of
# about 12,000 not completed (waiting for 补正, not yet passed on, open, withdrawn, denied)
# gives the article's 99.94%.
FEW = {"waiting": 1, "accepted": 1, "open": 1, "overdue": 1, "withdrawn": 1, "denied": 2, "late": 6}
# Online applications refused at intake (不予受理): never accepted, outside the year's cohort.
NOT_ACCEPTED = 12
# Share of the applications with a time limit that needed materials supplied (补正).
SUPPLEMENTED_SHARE = 0.04

# Office hours of the township centres, in minutes after midnight.
MORNING, AFTERNOON = (8 * 60 + 40, 11 * 60 + 50), (14 * 60 + 40, 17 * 60 + 20)
LATEST = 18 * 60 + 20

WITHDRAWALS = (
    "申请人书面申请撤回：已在户籍所在地办理。",
    "申请人书面申请撤回：家庭情况发生变化，暂不申请。",
    "申请人书面申请撤回：材料需重新准备，备齐后再行申请。",
)
# 不予许可 with its grounds, for the matters where a refusal happens in practice.
DENIALS = {
    "HY-GT-001": "经村组评议和现场核实，申请人户内已有宅基地一处，不符合“一户一宅”规定，"
                 "依据《中华人民共和国土地管理法》第六十二条，不予批准。",
    "HY-ZJ-002": "拟建位置位于永久基本农田保护范围内，不符合村庄规划，依据《中华人民共和国"
                 "城乡规划法》第四十一条，不予许可。",
    "HY-LY-001": "申请采伐的林木位于公益林范围内，依据《中华人民共和国森林法》第五十六条，"
                 "不予许可。",
    "HY-SW-001": "经入户调查和家庭经济状况核对，申请人家庭月人均收入高于本地城乡低保标准，"
                 "不符合保障条件，不予批准。",
    "HY-ZJ-001": "经房屋安全鉴定，申请人现住房为 B 级，不属于 C、D 级危房，不符合农村危房"
                 "改造条件，不予批准。",
    "HY-GA-002": "投靠对象不属于配偶、父母、子女，不符合我区投靠落户条件，不予准予迁入。",
}
REFUSALS = (
    "上传的身份证照片模糊无法辨认，请重新上传清晰的正反面照片后再次申请。",
    "申请人户籍不在本街道（镇）辖区，请向户籍所在地便民服务中心申请。",
    "上传的申请表为其他事项的表格，与所申请事项不符，请核对后重新提交。",
    "同一事项已有在办申请，请勿重复提交。",
)
# What is asked for at 补正, by implementing department (一次性告知).
SUPPLEMENTS = {
    "公安分局": ("请补充户口簿原件及户主页、本人页复印件。",
             "照片不符合制证要求，请到指定照相点重新采集。"),
    "社会事务局": ("请补充家庭成员近六个月收入证明和银行流水。",
              "请补充村（居）委会出具的家庭情况证明原件。"),
    "人力资源和社会保障局": ("请补充劳动合同解除（终止）证明原件。",
                   "请补充近期免冠一寸照片两张。"),
    "卫生和计划生育局": ("请补充夫妻双方户口簿复印件。", "请补充村（居）委会出具的子女情况证明。"),
    "国土资源局": ("请补充四邻签字确认的宅基地界址表。", "请补充村民小组会议决议原件。"),
    "林业站": ("请补充林权证复印件。", "请补充伐区调查设计材料。"),
    "农林水利局": ("请补充承包土地确权证书复印件。", "请补充购机发票原件。"),
    "住房和城乡建设局": ("请补充房屋安全鉴定报告。", "请补充建设工程设计方案图。"),
}
SUPPLEMENT_ANY = ("请补充申请人户口簿复印件一份。",)


@dataclass
class Story:
    draw: Draw
    submitted_at: datetime
    status: str = Status.ACCEPTED
    accepted_on: date | None = None
    deadline: date | None = None
    deadline_known: bool = True
    paused_on: date | None = None
    paused_from: str = ""
    paused_days: int = 0
    completed_on: date | None = None
    days_taken: int | None = None
    reason: str = ""
    handler: object = None
    staff: object = None
    appointment_at: datetime | None = None
    place: str = ""
    late: bool = False
    steps: list = field(default_factory=list)  # (at, action, from, to, actor, note, data)

    def step(self, at, action, before, after, actor, note="", data=None):
        """One act on the timeline; like ``take_step``, it notes the deadline as it stands."""
        self.status = after
        self.steps.append((at, action, before, after, actor, note,
                           {"deadline": str(self.deadline)} if data is None else data))

    def finish(self, at, action, status, actor, reason=""):
        """The last act, with what ``take_step`` records for it (date, reason, days taken)."""
        before, day = self.status, timezone.localdate(at)
        self.completed_on, self.reason = day, reason
        if self.accepted_on:
            waiting = working_days_between(self.paused_on, day).days if self.paused_on else 0
            taken = working_days_between(self.accepted_on, day).days
            self.days_taken = max(taken - self.paused_days - waiting, 0)
        self.step(at, action, before, status, actor, note=reason)


def moment(day, minute):
    return timezone.make_aware(datetime.combine(day, time(*divmod(min(minute, LATEST), 60))))


def office_minute(rng):
    return rng.randint(*(MORNING if rng.random() < 0.6 else AFTERNOON))


def working_days_before(day, n):
    """The n-th working day before ``day``."""
    while n:
        day -= timedelta(days=1)
        n -= is_working_day(day)
    return day


def outcomes(rng, draws, today):
    """Which draws end other than completed on time: index -> one of ``FEW``'s kinds, or
    "supplemented" (completed on time after 补正)."""
    yesterday, old = today - timedelta(days=1), today - timedelta(days=60)
    last, third, tenth = (working_days_before(today, n) for n in (1, 3, 10))
    timed = [n for n, d in enumerate(draws) if d.version.time_limit > 0]
    due = {n: add_working_days(draws[n].day, draws[n].version.time_limit).date for n in timed}
    fits = {
        "waiting": lambda n: tenth <= draws[n].day < third and due[n] >= today,
        "accepted": lambda n: draws[n].day >= last,
        "open": lambda n: draws[n].day >= third and due[n] >= today,
        "overdue": lambda n: today - timedelta(days=20) <= due[n] <= yesterday,
        "withdrawn": lambda n: draws[n].day < old,
        "denied": lambda n: draws[n].day < old and draws[n].version.matter.code in DENIALS,
        "late": lambda n: draws[n].day < old and draws[n].version.time_limit >= 3,
    }
    chosen, centres, turn = {}, list(dict.fromkeys(d.centre for d in draws)), 0
    for kind, count in FEW.items():
        pool = [n for n in timed if n not in chosen and fits[kind](n)]
        rng.shuffle(pool)
        for _ in range(count):
            # The centres in turn, so that each has a share of the few.
            for offset in range(len(centres)):
                centre = centres[(turn + offset) % len(centres)]
                pick = next((n for n in pool if draws[n].centre == centre), None)
                if pick is not None:
                    chosen[pick] = kind
                    pool.remove(pick)
                    turn += offset + 1
                    break
    for n in timed:
        if (n not in chosen and draws[n].day < old and draws[n].version.time_limit >= 3
                and rng.random() < SUPPLEMENTED_SHARE):
            chosen[n] = "supplemented"
    return chosen


def tell(rng, draw, kind, cast, today):
    """The story of one accepted application that ends as ``kind`` says (None: completed)."""
    version, yesterday = draw.version, today - timedelta(days=1)
    story = Story(draw=draw, submitted_at=None)
    clerk = cast.clerk(rng, draw.centre, version.department)
    if draw.mode in (Mode.PROXY, Mode.ACCOMPANY):
        story.staff = cast.staff(rng, draw.centre, version.department)
    minute = office_minute(rng)
    if draw.mode == Mode.DOORSTEP:  # accepted at the citizen's home, at the appointment
        appointment = rng.choice((9 * 60 + 30, 15 * 60))
        story.place, story.appointment_at = cast.address(rng, draw.centre), moment(
            draw.day, appointment)
        minute = appointment + rng.randint(15, 40)
    before = ""
    if draw.channel == Channel.ONLINE:
        story.submitted_at = _submitted(rng, draw.day)
        story.step(story.submitted_at, "submit", "", Status.SUBMITTED, None, data={"files": 0})
        before = Status.SUBMITTED
    clock = _Clock(rng)
    accepted_at = clock.on(draw.day, minute)
    story.submitted_at = story.submitted_at or accepted_at
    deadline = add_working_days(draw.day, version.time_limit)
    story.accepted_on, story.deadline = draw.day, deadline.date
    story.deadline_known = deadline.calendar_known
    story.step(accepted_at, Step.ACCEPT, before, Status.ACCEPTED, clerk)
    if version.time_limit == 0:  # 即办: done at the window, there and then
        story.finish(clock.on(draw.day), Step.COMPLETE, Status.COMPLETED, clerk)
        return story
    if kind == "accepted":  # waits for the window to pass it on
        return story
    assigned = draw.day
    if rng.random() < 0.2 and add_working_days(draw.day, 1).date <= yesterday:
        assigned = add_working_days(draw.day, 1).date
    story.handler = cast.handler(rng, version.department) or clerk
    story.step(clock.on(assigned), Step.ASSIGN, Status.ACCEPTED, Status.IN_PROGRESS, clerk)
    _ending(rng, story, kind, clock, assigned, clerk, today)
    return story


def refused(rng, draw, cast):
    """An online application the window did not accept (不予受理), with the reason."""
    story = Story(draw=draw, submitted_at=_submitted(rng, draw.day), status=Status.SUBMITTED)
    story.step(story.submitted_at, "submit", "", Status.SUBMITTED, None, data={"files": 0})
    clerk = cast.clerk(rng, draw.centre, draw.version.department)
    story.finish(_Clock(rng).on(draw.day), Step.REFUSE, Status.NOT_ACCEPTED, clerk,
                 reason=rng.choice(REFUSALS))
    return story


def _ending(rng, story, kind, clock, assigned, clerk, today):
    draw, handler = story.draw, story.handler
    accepted, limit, due = draw.day, draw.version.time_limit, story.deadline
    if kind in ("open", "overdue"):
        return
    if kind == "waiting":
        asked = max(working_days_before(today, rng.randint(1, 2)), assigned)
        _ask_supplement(rng, story, clock, asked)
        return
    if kind == "withdrawn":
        day = min(add_working_days(assigned, rng.randint(1, 3)).date, due)
        story.finish(clock.on(day), Step.WITHDRAW, Status.WITHDRAWN, clerk,
                     reason=rng.choice(WITHDRAWALS))
        return
    if kind == "denied":
        day = max(add_working_days(accepted, rng.randint(max(1, limit // 2), limit)).date,
                  assigned)
        story.finish(clock.on(day), Step.DENY, Status.DENIED, handler,
                     reason=DENIALS[draw.version.matter.code])
        return
    if kind == "late":
        story.late = True
        day = add_working_days(due, rng.randint(1, 3)).date
    elif kind == "supplemented":
        asked = max(add_working_days(accepted, rng.randint(0, min(2, limit - 1))).date,
                    assigned)
        left = working_days_between(asked, due).days
        _ask_supplement(rng, story, clock, asked)
        waited = rng.randint(1, 6)
        back = add_working_days(asked, waited)
        moved = add_working_days(back.date, left)
        story.deadline, story.paused_days = moved.date, waited
        story.deadline_known = moved.calendar_known and back.calendar_known
        story.paused_on, story.paused_from = None, ""
        story.step(clock.on(back.date), Step.SUPPLEMENTED, Status.SUPPLEMENT,
                   Status.IN_PROGRESS, clerk)
        day = add_working_days(back.date, rng.randint(0, left)).date
    else:
        day = _completion_day(rng, accepted, limit, assigned, today)
    story.finish(clock.on(day), Step.COMPLETE, Status.COMPLETED, handler)


def _ask_supplement(rng, story, clock, day):
    asks = SUPPLEMENTS.get(story.draw.version.department.name, SUPPLEMENT_ANY)
    story.step(clock.on(day), Step.REQUEST_SUPPLEMENT, Status.IN_PROGRESS, Status.SUPPLEMENT,
               story.handler, note=rng.choice(asks))
    story.paused_on, story.paused_from = day, Status.IN_PROGRESS


def _completion_day(rng, accepted, limit, assigned, today):
    """Most work is done in a fraction of the committed time; none of it after yesterday."""
    yesterday = today - timedelta(days=1)
    soonest = working_days_between(accepted, assigned).days
    days = max(soonest, round(limit * rng.betavariate(1.3, 3.2)))
    day = add_working_days(accepted, days).date
    if day > yesterday:
        days = rng.randint(soonest, working_days_between(accepted, yesterday).days)
        day = add_working_days(accepted, days).date
    return day


def _submitted(rng, day):
    """When an online application was sent: the evening before, or early on the day."""
    if rng.random() < 0.5:
        return moment(day - timedelta(days=1), rng.randint(8 * 60, 22 * 60))
    return moment(day, rng.randint(7 * 60, 8 * 60 + 30))


class _Clock:
    """The moments of one application's acts, each later than the one before."""

    def __init__(self, rng):
        self.rng, self.day, self.minute = rng, None, 0

    def on(self, day, minute=None):
        if day == self.day:
            minute = self.minute + self.rng.randint(3, 40)
        elif minute is None:
            minute = office_minute(self.rng)
        self.day, self.minute = day, min(minute, LATEST)
        return moment(day, self.minute)
