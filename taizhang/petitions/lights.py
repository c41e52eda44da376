"""The light (红黄绿灯) of the time limit a petition is running under, derived when asked.

- none: no limit runs (not accepted, answered, closed: ``due_on`` is empty);
- red: the limit has passed (逾期);
- yellow: it ends within the configured warning days (期限设置 › 黄灯提前);
- green: otherwise.

``annotate_light`` computes it in SQL (lists, counts); ``explain`` in Python for one
petition, with the reason. Tests hold the two to the same answer.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Case, CharField, Value, When

from .constants import RUNNING_LIMIT, Light, LimitKind
from .limits import days_left, limit, unit, warning_date


@dataclass(frozen=True)
class Thresholds:
    today: date
    soon: date


def thresholds(today: date) -> Thresholds:
    return Thresholds(today, warning_date(today))


def light_expression(th: Thresholds):
    return Case(
        When(due_on__isnull=True, then=Value(Light.NONE)),
        When(due_on__lt=th.today, then=Value(Light.RED)),
        When(due_on__lte=th.soon, then=Value(Light.YELLOW)),
        default=Value(Light.GREEN),
        output_field=CharField(),
    )


def annotate_light(petitions, today: date):
    return petitions.annotate(light=light_expression(thresholds(today)))


def explain(petition, today: date, th: Thresholds | None = None) -> tuple[str, str]:
    """The petition's light and, for red and yellow, why: which limit, by how much."""
    kind = RUNNING_LIMIT.get(petition.status)
    if petition.due_on is None or kind is None:
        return Light.NONE, ""
    th = th or thresholds(today)
    name, day = LimitKind(kind).label, f"{petition.due_on:%Y年%m月%d日}"
    guess = "" if petition.due_known else "；节假日安排未公布，按周一至周五推算"
    if petition.due_on < today:
        late = -days_left(today, petition.due_on, kind)
        by = f" {late} {unit(kind)}" if late else ""  # past it on a day off: 0 working days
        return Light.RED, f"已超过{name}期限{by}（期限 {day}{guess}）"
    if petition.due_on <= th.soon:
        left = days_left(today, petition.due_on, kind)
        warning = limit(LimitKind.WARNING)
        return Light.YELLOW, (f"距{name}期限还有 {left} {unit(kind)}，已进入提前"
                              f"{warning.days}{unit(LimitKind.WARNING)}预警（期限 {day}{guess}）")
    return Light.GREEN, ""
