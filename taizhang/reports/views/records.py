"""The records behind a figure of a report, or behind a target's progress: asked again from
the figure's trace, shown as far as the reader may see them."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone

from ..models import Target
from ..targets import is_district, window
from ..trace import UnknownFigure, records_for
from .reports import readable

PAGE_SIZE = 50


def _page(request, trace):
    try:
        rows, describe, everything = records_for(request.user, trace)
    except UnknownFigure as error:
        raise Http404("该统计口径已不再使用。") from error
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return page, [describe(row) for row in page.object_list], everything


@login_required
def figure_records(request, pk, key):
    report = readable(request, pk)
    figure = report.content.get("figures", {}).get(key)
    if figure is None:
        raise Http404("该通报中没有这一统计数。")
    page, rows, everything = _page(request, figure["trace"])
    return render(request, "reports/records.html", {
        "report": report, "label": figure["label"] or key, "value": figure["value"],
        "page": page, "rows": rows, "everything": everything,
        "hidden": everything - page.paginator.count,
        "changed": everything != figure["value"]})


@login_required
def target_records(request, pk):
    target = get_object_or_404(Target.objects.select_related("unit"), pk=pk)
    start, end = window(target.year, timezone.localdate())
    trace = {"source": "metric", "figure": target.metric, "option": target.option,
             "unit": None if is_district(target.unit) else target.unit_id,
             "start": start.isoformat(), "end": end.isoformat(), "as_of": end.isoformat()}
    page, rows, everything = _page(request, trace)
    return render(request, "reports/records.html", {
        "target": target, "label": target.name, "value": everything, "page": page,
        "rows": rows, "everything": everything, "hidden": everything - page.paginator.count,
        "changed": False, "start": start, "end": end})


urlpatterns = [
    path("<int:pk>/figures/<str:key>/", figure_records, name="figure"),
    path("targets/<int:pk>/records/", target_records, name="target-records"),
]
