"""The centre dashboard (办件统计): the figures of a period for the applications one may see,
grouped as asked, with charts; and the applications behind any count on it.

Every count on the page links to the records it counts (``records``), so a figure in a
report can always be traced back to the applications that make it.
"""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone

from ..figures import COUNTS, GROUPS, LABELS, RATES, PeriodError, asked_period, figures, records
from ..figures.grouping import describe
from ..forms_figures import FiguresForm
from ..queries import visible_applications

# The table's columns, in order: a count (linked to its records), a rate, or days.
COLUMNS = ("accepted", "completed", "completion_rate", "on_time_rate", "in_progress", "overdue",
           "refused", "withdrawn", "average_days", "rated", "satisfaction_rate", "bad_ratings")
HEADLINE = ("accepted", "completed", "completion_rate", "on_time_rate", "in_progress",
            "overdue", "average_days", "satisfaction_rate")
RECORDS_PAGE_SIZE = 50
NONE_KEY = "none"  # a group with no key: an online application has no centre


def show(name, figures):
    value = getattr(figures, name)
    if value is None:
        return "—"
    if name == "average_days":
        return f"{value}"
    if name in RATES:
        return f"{value * 100:.2f}%"
    return f"{value:,}"


def records_url(name, period, group):
    """The address of the applications behind count ``name`` of ``group`` in ``period``."""
    query = QueryDict(mutable=True)
    query["figure"] = name
    query["start"] = period.start.isoformat()
    query["end"] = period.end.isoformat()
    if period.as_of:
        query["as_of"] = period.as_of.isoformat()
    for grouping, key in group.items():
        query[grouping] = NONE_KEY if key is None else str(key)
    return f"{reverse('hall:figure-records')}?{query.urlencode()}"


def present(label, figures, period, group):
    """One line of a table: each column's text, and for a count that is not 0 its records."""
    return {"label": label,
            "cells": [{"name": name, "text": show(name, figures),
                       "url": (records_url(name, period, group)
                               if name not in RATES and getattr(figures, name) else None)}
                      for name in COLUMNS]}


def percent(value):
    return None if value is None else float(round(value * 100, 2))


def chart(rows, labels):
    """The numbers the page's charts draw, handed to figures.js as JSON."""
    return {"labels": labels,
            "accepted": [row.figures.accepted for row in rows],
            "completed": [row.figures.completed for row in rows],
            "completion_rate": [percent(row.figures.completion_rate) for row in rows],
            "satisfaction_rate": [percent(row.figures.satisfaction_rate) for row in rows]}


@login_required
def dashboard(request):
    today = timezone.localdate()
    form = FiguresForm(request.GET, today)
    context = {"form": form, "columns": [LABELS[name] for name in COLUMNS]}
    if form.is_valid():
        asked = form.cleaned_data
        table = figures(request.user, asked["asked"], by=asked["by"], bucket=asked["bucket"])
        groups = table.by_group()
        buckets = table.by_bucket() if asked["bucket"] else []
        context.update({
            "table": table,
            "grouping": GROUPS[asked["by"]].label,
            "headline": [{"label": LABELS[name], "text": show(name, table.total), "name": name}
                         for name in HEADLINE],
            "groups": [present(row.label, row.figures, row.period, row.group) for row in groups],
            "buckets": [present(row.bucket_label, row.figures, row.period, {})
                        for row in buckets],
            "total": present("合计", table.total, table.period, {}),
            "group_chart": chart(groups, [row.label for row in groups]),
            "trend_chart": chart(buckets, [row.bucket_label for row in buckets]),
        })
    return render(request, "hall/figures.html", context, status=200 if form.is_valid() else 400)


def _group(request):
    """The group of the records asked for, as ``records`` takes it; ValueError if malformed."""
    group = {}
    for name in GROUPS:
        if name in request.GET:
            value = request.GET[name]
            if value == NONE_KEY:
                group[name] = None
            elif name in ("centre", "department", "matter"):
                group[name] = int(value)
            else:
                group[name] = value
    return group


@login_required
def figure_records(request):
    today = timezone.localdate()
    figure = request.GET.get("figure", "")
    problem = None
    if figure not in COUNTS:
        problem = "请从统计表中的数字进入：没有这一统计项。"
    else:
        try:
            period = asked_period(today, None, *(_day(request.GET.get(name))
                                                 for name in ("start", "end", "as_of")))
            group = _group(request)
        except (PeriodError, ValueError) as error:
            problem = str(error) if isinstance(error, PeriodError) else "统计条件有误。"
    if problem:
        return render(request, "hall/figure_records.html", {"problem": problem}, status=400)

    rows = (records(visible_applications(request.user), figure, period, group)
            .select_related("version", "centre").order_by("accepted_on", "id"))
    page = Paginator(rows, RECORDS_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "hall/figure_records.html", {
        "figure": LABELS[figure], "period": period, "page": page,
        "page_query": query.urlencode(),
        "group": [(GROUPS[name].label, describe(name, {key}).get(key, (None, "（已删除）"))[1])
                  for name, key in group.items()],
    })


def _day(text):
    return date.fromisoformat(text) if text else None


urlpatterns = [
    path("figures/", dashboard, name="figures"),
    path("figures/records/", figure_records, name="figure-records"),
]
