from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone

from ...org.events import timeline
from .. import lights
from ..queries import visible_items
from ..rules import allowed_actions


@login_required
def item_detail(request, pk):
    item = get_object_or_404(
        visible_items(request.user).select_related("ledger", "leader", "lead_unit"), pk=pk
    )
    light, reasons = lights.explain(item, timezone.localdate())
    return render(request, "ledger/item_detail.html", {
        "item": item, "light": light, "reasons": reasons,
        "events": timeline(item), "actions": allowed_actions(request.user, item),
    })


urlpatterns = [
    path("items/<int:pk>/", item_detail, name="item"),
]
