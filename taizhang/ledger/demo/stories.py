"""When each act on a demo item happened, worked out backwards from the day the demo is loaded.

``tell`` turns an item's story into its deadline, milestones and dated steps (create → assign →
reports and milestones → close-out …); the loader replays the steps through the rules. The
stories, and the light each leaves on the day of loading:

- green: on schedule; reports up to date, every milestone due so far reached;
- soon (yellow): due within the next three working days;
- late_milestone (yellow): a milestone past its date and not reached;
- no_report (yellow): the last progress report is older than its period;
- overdue (red): past the deadline and still open;
- closed: close-out asked for with evidence and verified by the supervision office;
- close_requested: done in the lead unit's view, waiting for verification;
- returned: close-out asked for too early, sent back with a reason, work goes on;
- pending: just written into the ledger, not yet assigned;
- extension_pending (yellow): due in days, an extension waits for the leader;
- extension_approved: the leader moved the deadline; on schedule again;
- extension_rejected (red): the leader refused to move it, and it passed.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from ...org.workdays import add_working_days, is_working_day
from ..constants import Frequency
from ..lights import month_before

STORIES = frozenset({
    "green", "soon", "late_milestone", "no_report", "overdue", "closed", "close_requested",
    "returned", "pending", "extension_pending", "extension_approved", "extension_rejected",
})
CLOSING = frozenset({"closed", "close_requested"})
PENDING_WORKING_DAYS = 20

ASSIGN_NOTE = "请按照目标任务和完成时限抓好落实，按要求报送进展情况。"
CLOSE_NOTE = "经督查室现场核查，目标任务已完成，佐证材料齐全，同意销号。"
RETURN_REASON = "最后一个节点尚未完成，销号佐证材料缺少验收报告，请补齐后重新申请销号。"
EXTENSION_REASONS = {
    "extension_pending": "受沿线管线迁改影响，剩余的路面和附属工程无法按期完成，申请延期。",
    "extension_approved": "受沿线征迁进度影响，路基和管网工程工期延后，申请延期。",
    "extension_rejected": "受资金拨付进度影响，工程进度滞后，申请延期。",
}
APPROVAL_NOTE = "同意延期。请倒排工期、加大投入，确保按新的时限完成。"
REJECTION_NOTE = "该项目是向群众公开承诺的民生工程，不同意延期。请加大投入、倒排工期，尽快完成。"


@dataclass(frozen=True)
class Step:
    at: datetime
    act: str  # create, assign, report, milestone, request_close, return, close, ...
    args: dict = field(default_factory=dict)


@dataclass
class Told:
    deadline: date | None
    working_days: int | None
    milestones: list[tuple[str, date]]
    steps: list[Step]


def on_or_before(day: date) -> date:
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def working_days_before(day: date, n: int) -> date:
    for _ in range(n):
        day = on_or_before(day - timedelta(days=1))
    return day


def month_end(day: date) -> date:
    first_of_next = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return first_of_next - timedelta(days=1)


def moment(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def tell(spec, ledger_spec, number, today: date) -> Told:
    """The dated life of item ``number`` (1-based) of ``ledger_spec`` up to ``today``."""
    if spec.story not in STORIES:
        raise ValueError(f"unknown demo story {spec.story!r} for {spec.title}")
    rng = random.Random(f"{ledger_spec.prefix}-{number}")
    story = spec.story
    minute = number % 50
    if story == "pending":
        created = working_days_before(today, 1)
        return Told(None, PENDING_WORKING_DAYS, [],
                    [Step(moment(created, 9, minute), "create")])

    created = on_or_before(today - timedelta(days=spec.age or ledger_spec.age))
    assigned = add_working_days(created, 2).date
    steps = [Step(moment(created, 9, minute), "create"),
             Step(moment(assigned, 10, minute), "assign", {"note": ASSIGN_NOTE})]
    deadline, end = _deadline(story, today, rng), today
    evidence = spec.evidence or f"{spec.title}目标任务已全部完成，附相关佐证材料。"
    # Asking for close-out ends a day's work (17:30): that day's reports and milestones come
    # first, as the rules refuse them once the item waits for verification.
    if story in CLOSING:
        end = working_days_before(today, rng.randint(1, 3))
        if story == "closed":
            closed_on = on_or_before(today - timedelta(days=rng.randint(6, 60)))
            end = working_days_before(closed_on, rng.randint(2, 4))
            deadline = month_end(closed_on + timedelta(days=rng.randint(0, 25)))
            steps.append(Step(moment(closed_on, 16, minute), "close",
                              {"note": CLOSE_NOTE, "today": closed_on}))
        steps.append(Step(moment(end, 17, 30), "request_close", {"evidence": evidence}))

    final_deadline = deadline
    if story.startswith("extension_"):
        final_deadline = _extension_steps(story, deadline, today, rng, steps, minute)
    if story == "returned":
        asked = working_days_before(today, rng.randint(15, 25))
        returned = add_working_days(asked, 1).date
        steps += [Step(moment(asked, 17, 30), "request_close", {"evidence": evidence}),
                  Step(moment(returned, 11, minute), "return", {"reason": RETURN_REASON})]

    milestones = _milestones(spec, story, assigned, deadline)
    steps += _milestone_steps(milestones, story, assigned, end, today, rng, minute)
    steps += _report_steps(spec, ledger_spec, story, assigned, final_deadline, end, today, rng,
                           minute)
    steps.sort(key=lambda step: step.at)
    return Told(deadline, None, milestones, steps)


def _deadline(story, today, rng):
    if story in ("soon", "extension_pending"):
        return add_working_days(today, rng.randint(1, 3)).date
    if story == "overdue":
        return today - timedelta(days=rng.randint(4, 30))
    if story == "extension_approved":
        return today - timedelta(days=rng.randint(10, 25))
    if story == "extension_rejected":
        return today - timedelta(days=rng.randint(6, 15))
    if story in ("late_milestone", "no_report", "close_requested"):
        return month_end(today + timedelta(days=rng.randint(30, 75)))
    # Most of a year's plan is due by the end of the year (年底前), the rest by a month's end.
    year_end = date(today.year, 12, 31)
    if (year_end - today).days >= 25 and rng.random() < 0.5:
        return year_end
    return month_end(today + timedelta(days=rng.randint(25, 100)))


def _extension_steps(story, deadline, today, rng, steps, minute):
    """Add the request and (unless pending) the leader's decision; return the final deadline."""
    if story == "extension_pending":
        asked, new = working_days_before(today, 1), month_end(today + timedelta(days=40))
        steps.append(Step(moment(asked, 9, 30), "request_extension",
                          {"new_deadline": new, "reason": EXTENSION_REASONS[story]}))
        return deadline
    asked = working_days_before(deadline, rng.randint(5, 7))
    decided = add_working_days(asked, 2).date
    approve = story == "extension_approved"
    new = month_end(today + timedelta(days=rng.randint(35, 60))) if approve else (
        month_end(deadline + timedelta(days=60)))
    steps += [Step(moment(asked, 9, minute), "request_extension",
                   {"new_deadline": new, "reason": EXTENSION_REASONS[story]}),
              Step(moment(decided, 17, minute), "decide_extension",
                   {"approve": approve, "note": APPROVAL_NOTE if approve else REJECTION_NOTE})]
    return new if approve else deadline


def _milestones(spec, story, assigned, deadline):
    """Milestone dates spread evenly up to the deadline, the last one on it. An extended item
    keeps only the steps before its original deadline (extensions do not move milestones)."""
    titles = spec.milestones
    if story == "extension_approved":
        titles = titles[:-1]
    count, span = len(spec.milestones), (deadline - assigned).days
    return [(title, assigned + timedelta(days=span * (k + 1) // count))
            for k, title in enumerate(titles)]


def _milestone_steps(milestones, story, assigned, end, today, rng, minute):
    past_due = [k for k, (_, due) in enumerate(milestones) if due < today]
    if story == "late_milestone" and not past_due:
        raise ValueError("a late_milestone story needs a milestone due before today")
    steps = []
    for k, (_, due) in enumerate(milestones):
        reached = story in CLOSING or (due < today and due <= end)
        if story == "late_milestone" and k == past_due[-1]:
            reached = False
        if story in ("overdue", "extension_rejected") and k == len(milestones) - 1:
            reached = False
        if reached:
            done = min(max(due - timedelta(days=rng.randint(0, 6)), assigned), end)
            steps.append(Step(moment(done, 15, minute), "milestone",
                              {"index": k, "done_on": done}))
    return steps


def _report_steps(spec, ledger_spec, story, assigned, deadline, end, today, rng, minute):
    """Progress reports back from ``end`` at the item's frequency, each saying how far the work
    had come by then; an overdue item's last report says why it is late."""
    weekly = spec.frequency == Frequency.WEEKLY
    period = timedelta(days=7 if weekly else 30)
    if story == "no_report":
        last = today - timedelta(days=rng.randint(9, 12) if weekly else rng.randint(36, 45))
    else:
        last = end - timedelta(days=rng.randint(1, 4) if weekly else rng.randint(1, 12))
        limit = today - timedelta(days=7) if weekly else month_before(today)
        # Offices report on a working day, unless that would make the report late.
        if on_or_before(last) >= limit or story in CLOSING:
            last = on_or_before(last)
    days = []
    while last > assigned + timedelta(days=3):
        days.append(last)
        last = on_or_before(last - period)
    days.reverse()
    texts = spec.progress or ("按计划推进中。",)
    # Only an item that is being closed may say its last stage; the others stop short of it.
    top = len(texts) - 1 if story in CLOSING or not spec.milestones else max(len(texts) - 2, 0)
    span = max((deadline - assigned).days, 1)
    steps = []
    for i, day in enumerate(days):
        stage = min(top, len(texts) * (day - assigned).days // span)
        if story in CLOSING and i == len(days) - 1:
            stage = top
        text = texts[stage]
        if story in ("overdue", "extension_rejected") and i == len(days) - 1:
            text = f"{text}{ledger_spec.delay}"
        steps.append(Step(moment(day, 16, minute), "report", {"text": text, "today": day}))
    return steps
