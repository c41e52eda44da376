"""Reading pages: the ledgers, the item list with its filters, and one item in full.

Everything is read through ``visible_items``/``visible_ledgers``; an item out of sight is a
404, exactly as if it did not exist.
"""

from collections import defaultdict
from dataclasses import replace
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, F
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone

from ...org.events import timeline
from ...org.visibility import visible_units
from .. import lights, people
from ..constants import ExtensionStatus, ItemStatus, Light
from ..filters import ItemFilter
from ..forms import ItemFilterForm, LedgerForm, action_form
from ..lights import annotate_light
from ..queries import by_urgency, light_counts, visible_items, visible_ledgers
from ..rules import allowed_actions

PAGE_SIZE = 50
LIGHT_ORDER = (Light.RED, Light.YELLOW, Light.GREEN, Light.NONE)

SORTS = {
    "": ("编号", ("ledger_id", "code")),
    "deadline": ("完成时限", (F("deadline").asc(nulls_last=True), "code")),
    "urgency": ("紧急程度", ("urgency", F("deadline").asc(nulls_last=True), "code")),
}


@login_required
def ledger_list(request):
    today = timezone.localdate()
    ledgers = list(visible_ledgers(request.user).select_related("kind", "unit"))
    # Counted over the items this user may see, which for a township is not the whole ledger.
    counts = defaultdict(lambda: dict.fromkeys(Light.values, 0))
    rows = (annotate_light(visible_items(request.user).filter(ledger__in=[x.pk for x in ledgers])
                           .order_by(), today)
            .values("ledger_id", "light").annotate(n=Count("pk")))
    for row in rows:
        counts[row["ledger_id"]][row["light"]] = row["n"]
    years = defaultdict(list)
    for ledger in ledgers:
        ledger.lights = [(light, Light(light).label, counts[ledger.pk][light])
                         for light in LIGHT_ORDER]
        ledger.item_count = sum(counts[ledger.pk].values())
        years[ledger.year].append(ledger)
    supervision = people.is_supervision(request.user)
    return render(request, "ledger/ledgers.html", {
        "years": sorted(years.items(), reverse=True),
        "supervision": supervision,
        "form": LedgerForm(user=request.user, initial={"year": today.year}) if supervision
        else None,
    })


def _query(params, **changes):
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v})


@login_required
def item_list(request):
    today = timezone.localdate()
    item_filter = ItemFilter.from_params(request.GET)
    sort = request.GET.get("sort", "")
    sort = sort if sort in SORTS else ""
    base = visible_items(request.user)
    items = item_filter.apply(base, today)
    if "light" not in items.query.annotations:
        items = annotate_light(items, today)
    items = by_urgency(items).order_by(*SORTS[sort][1]).select_related(
        "ledger__kind", "leader", "lead_unit")
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))

    params = item_filter.as_params()
    # The light counts are for the filter without its light, so each one can be clicked.
    counts = light_counts(replace(item_filter, light=None).apply(base, today), today)
    light_links = [
        {"value": light, "label": Light(light).label, "count": counts[light],
         "active": item_filter.light == light,
         "query": _query(params, light=None if item_filter.light == light else light, sort=sort)}
        for light in LIGHT_ORDER
    ]
    supervision = people.is_supervision(request.user)
    return render(request, "ledger/items.html", {
        "page": page,
        "today": today,
        "filter_form": ItemFilterForm(request.GET, user=request.user),
        "filtered": bool(params),
        "query": _query(params),
        "page_query": _query(params, sort=sort),
        "sorts": [{"key": key, "label": label, "active": key == sort,
                   "query": _query(params, sort=key)} for key, (label, _) in SORTS.items()],
        "light_links": light_links,
        "total": sum(counts.values()),
        "supervision": supervision,
        "pending": ItemStatus.PENDING,
        "has_ledgers": supervision and visible_ledgers(request.user).exists(),
        # The workbench links to one lead unit exactly; the filter bar has no field for it.
        "lead_unit": item_filter.lead_unit and visible_units(request.user).filter(
            pk=item_filter.lead_unit).first(),
        "without_lead_unit": _query(params, lead_unit=None, sort=sort),
    })


@login_required
def item_detail(request, pk):
    item = get_object_or_404(
        visible_items(request.user)
        .select_related("ledger__kind", "leader__unit", "lead_unit", "close_requested_by__person",
                        "closed_by__person")
        .prefetch_related("cooperating_units", "milestones"), pk=pk
    )
    today = timezone.localdate()
    light, reasons = lights.explain(item, today)
    milestones = list(item.milestones.all())
    for milestone in milestones:
        milestone.late = (milestone.done_on or today) > milestone.due
    actions = allowed_actions(request.user, item)
    return render(request, "ledger/item_detail.html", {
        "item": item,
        "light": light,
        "reasons": reasons,
        "milestones": milestones,
        "reports": item.reports.select_related("author__person").prefetch_related("attachments"),
        "evidence_files": item.attachments.filter(purpose="evidence"),
        "extensions": item.extensions.select_related("requested_by__person",
                                                     "decided_by__person"),
        "pending_extension": item.extensions.filter(
            status=ExtensionStatus.REQUESTED).first(),
        "events": timeline(item).select_related("actor__person"),
        "forms": [action_form(action, item) for action in actions],
    })


urlpatterns = [
    path("", ledger_list, name="ledgers"),
    path("items/", item_list, name="items"),
    path("items/<int:pk>/", item_detail, name="item"),
]
