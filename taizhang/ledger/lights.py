"""The traffic light (红黄绿灯) of an item, derived at the moment of asking.

- red: open and past its deadline (逾期);
- yellow: due within ``TAIZHANG_WARNING_WORKING_DAYS`` working days, or a milestone is late,
  or the periodic progress report is missing (weekly: none for 7 days; monthly: none for a
  calendar month);
- green: otherwise; closed items have no light.

``annotate_light`` computes it in SQL (lists, counts, the daily scan); ``explain`` computes it
for one item in Python, with the reasons. Tests hold the two to the same answer.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Case, CharField, Q, Value, When

from ..org.workdays import add_working_days
from .constants import Frequency, ItemStatus, Light
from .models import Milestone


@dataclass(frozen=True)
class Thresholds:
    today: date
    soon: date  # deadline on or before this day: yellow
    weekly_since: date  # a weekly item last reported before this day: report missing
    monthly_since: date
    warning_days: int


def month_before(day: date) -> date:
    year, month = (day.year, day.month - 1) if day.month > 1 else (day.year - 1, 12)
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def thresholds(today: date) -> Thresholds:
    days = settings.TAIZHANG_WARNING_WORKING_DAYS
    return Thresholds(today, add_working_days(today, days).date, today - timedelta(days=7),
                      month_before(today), days)


def _late_milestone(today):
    # The late milestones are read once (the partial index holds only the open ones) and each
    # item looked up in them: a correlated EXISTS probes the index once per item, which on
    # SQLite costs more than the rest of a count of 60,000 open items together (270 vs 40 ms).
    return Q(pk__in=Milestone.objects.filter(done_on__isnull=True, due__lt=today)
             .values("item_id"))


def _report_missing(th):
    return Q(status=ItemStatus.IN_PROGRESS) & (
        Q(frequency=Frequency.WEEKLY, last_reported_on__lt=th.weekly_since)
        | Q(frequency=Frequency.MONTHLY, last_reported_on__lt=th.monthly_since)
    )


def light_expression(th: Thresholds):
    return Case(
        When(status=ItemStatus.CLOSED, then=Value(Light.NONE)),
        When(deadline__lt=th.today, then=Value(Light.RED)),
        When(Q(deadline__lte=th.soon) | _report_missing(th) | _late_milestone(th.today),
             then=Value(Light.YELLOW)),
        default=Value(Light.GREEN),
        output_field=CharField(),
    )


def annotate_light(queryset, today: date):
    return queryset.annotate(light=light_expression(thresholds(today)))


def explain(item, today: date, *, th=None, milestones=None) -> tuple[str, list[str]]:
    """The item's light and, for red and yellow, every reason for it.

    ``item`` may be any object with the item's fields as attributes (the daily scan passes
    rows, not models, along with ``th`` and the item's ``milestones`` it read in bulk).
    """
    if item.status == ItemStatus.CLOSED:
        return Light.NONE, []
    th = th or thresholds(today)
    if item.deadline and item.deadline < today:
        overdue = (today - item.deadline).days
        return Light.RED, [f"已超过完成时限 {overdue} 天（时限 {item.deadline:%Y年%m月%d日}）"]
    reasons = []
    if item.deadline and item.deadline <= th.soon:
        reasons.append(f"距完成时限不足 {th.warning_days} 个工作日"
                       f"（时限 {item.deadline:%Y年%m月%d日}）")
    for milestone in item.milestones.all() if milestones is None else milestones:
        if milestone.done_on is None and milestone.due < today:
            reasons.append(f"节点“{milestone.title}”已超过 {milestone.due:%m月%d日} 的时限")
    if item.status == ItemStatus.IN_PROGRESS and item.last_reported_on:
        since = th.weekly_since if item.frequency == Frequency.WEEKLY else th.monthly_since
        if item.last_reported_on < since:
            period = "本周" if item.frequency == Frequency.WEEKLY else "本月"
            reasons.append(f"{period}进展情况未报送（上次报送 {item.last_reported_on:%m月%d日}）")
    return (Light.YELLOW if reasons else Light.GREEN), reasons
