"""The leader dashboard (驾驶舱): the morning's figures of items, applications, petitions and
targets, each with the address of the records it counts. Everything a user sees here is read
through the visibility rule of its app, and a count is always a count of those records.

``figures(user, today)`` returns plain JSON-able data; the page and the bench read the same.
"""

from collections import Counter
from datetime import date
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from ..hall.figures import Figures as HallFigures
from ..hall.figures import Period
from ..hall.figures.months import months_of_year
from ..hall.views.figures import chart, percent, records_url
from ..ledger.constants import OPEN_STATUSES, Light
from ..ledger.queries import open_light_counts_by_unit, overdue, visible_items
from ..petitions.constants import Light as PetitionLight
from ..petitions.queries import visible_petitions
from . import targets
from .units import ranked_units, rollup, top_units

LIGHTS = (Light.RED, Light.YELLOW, Light.GREEN)
OVERDUE_SHOWN = 10


def figures(user, today: date) -> dict:
    items = visible_items(user)
    return {
        "today": today.isoformat(),
        "lights": light_tile(items, today),
        "overdue": overdue_tile(items, today),
        "hall": hall_tile(user, today),
        "petitions": petition_tile(user, items, today),
        "targets": target_tile(today),
    }


def _url(name, args=(), **params):
    address = reverse(name, args=args)
    return f"{address}?{urlencode(params)}" if params else address


def _lights(counts, **params):
    return [{"light": light, "label": Light(light).label, "count": counts[light],
             "url": _url("ledger:items", light=light, **params) if counts[light] else None}
            for light in LIGHTS]


def light_tile(items, today):
    """Open items per ranked unit and light, in one grouped query; a unit's count opens the
    item list of that unit (with the units under it) and that light."""
    per_unit = open_light_counts_by_unit(items, today)
    total = sum(per_unit.values(), Counter())
    summed = rollup(per_unit, top_units(), lambda a, b: a + b)
    units = [{"id": unit.id, "name": unit.name, "lights": _lights(summed[unit.id], unit=unit.id),
              "red": summed[unit.id][Light.RED], "yellow": summed[unit.id][Light.YELLOW]}
             for unit in ranked_units() if unit.id in summed]
    units.sort(key=lambda row: (-row["red"], -row["yellow"]))
    # Items the district leads itself belong to no township or department: in the total only.
    outside = total - sum(summed.values(), Counter())
    return {"units": units, "total": _lights(total), "open": sum(total.values()),
            "outside": sum(outside.values())}


def overdue_tile(items, today):
    late = overdue(items, today)
    shown = late.select_related("lead_unit", "leader").order_by("deadline", "pk")[:OVERDUE_SHOWN]
    return {
        "count": late.count(),
        "url": _url("ledger:items", overdue="1", sort="deadline"),
        "items": [{"code": item.code, "title": item.title, "unit": item.lead_unit.name,
                   "leader": item.leader.name, "deadline": item.deadline.isoformat(),
                   "days": (today - item.deadline).days,
                   "url": reverse("ledger:item", args=[item.pk])} for item in shown],
    }


def _count(name, figures, period):
    value = getattr(figures, name)
    return {"count": value, "url": records_url(name, period, {}) if value else None}


def hall_tile(user, today):
    """This year's applications month by month: finished months from the night's summary, this
    month counted live (``hall.figures.months``); the year's headline is their sum."""
    months = months_of_year(user, today)
    total = sum((month.figures for month in months), HallFigures())
    year = Period(date(today.year, 1, 1), today)
    summarised = [month.summarised_at for month in months if month.summarised_at]
    return {
        "empty": total.empty, "year": today.year,
        "headline": [{"label": "受理", **_count("accepted", total, year)},
                     {"label": "办结", **_count("completed", total, year)}],
        "rate": percent(total.completion_rate),
        "summarised_at": (timezone.localtime(min(summarised)).strftime("%Y-%m-%d %H:%M")
                          if summarised else None),
        "months": [{"label": f"{month.start.year}年{month.start.month}月",
                    "accepted": _count("accepted", month.figures, month.period),
                    "completed": _count("completed", month.figures, month.period),
                    "rate": percent(month.figures.completion_rate)} for month in months],
        "chart": chart(months, [f"{month.start.month}月" for month in months]),
    }


def petition_tile(user, items, today):
    petitions = visible_petitions(user)
    month = today.replace(day=1)
    backlog = items.filter(backlog_case__isnull=False, status__in=OPEN_STATUSES)
    return [
        _stat("month", "本月信访（件次）",
              petitions.filter(received_on__range=(month, today)).count(),
              "petitions:list", received_from=month.isoformat(), received_to=today.isoformat()),
        # Red on the petition list: a time limit (受理告知、交办、答复、复查复核) has passed.
        _stat("overdue", "超期未办", petitions.filter(due_on__lt=today).count(),
              "petitions:list", light=PetitionLight.RED),
        _stat("backlog", "在办积案", backlog.count(), "petitions:backlog"),
        _stat("backlog_overdue", "逾期积案", overdue(backlog, today).count(),
              "petitions:backlog", light=Light.RED),
    ]


def _stat(key, label, count, name, **params):
    return {"key": key, "label": label, "count": count,
            "url": _url(name, **params) if count else None}


def target_tile(today):
    rows = []
    for progress in targets.progress_of_year(today.year, today):
        target = progress.target
        rows.append({
            "name": target.name, "unit": target.unit.name, "target": target.target_value,
            "measure": progress.metric.measure if progress.metric else "",
            "actual": progress.actual,
            "percent": None if progress.percent is None else float(progress.percent),
            "met": progress.met,
            "url": reverse("reports:target-records", kwargs={"pk": target.pk}),
        })
    return {"year": today.year, "rows": rows}
