"""The petitions one may see, and one petition with its timeline and the steps one may take.

Everything is read through ``queries.visible_petitions``: a petition out of sight is a 404,
exactly like one that does not exist, and an accusation never shows to its accused — not in
the list, a count or a page number. Petitioners only through ``queries.petitioner_views``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from .. import lights, queries, rules
from ..constants import Light
from ..errors import Conflict, Invalid, NotAllowed
from ..forms_detail import CONFIRM_FIRST, OFFICE_FORMS, STEP_FORMS, FilterForm
from ..history import EVENT_LABELS, events
from ..people import office_roots

PAGE_SIZE = 30
SORTS = {"received": ("-received_on", "-id"), "due": ("due_on", "id")}


@login_required
def petition_list(request):
    today = timezone.localdate()
    form = FilterForm(request.GET or None)
    visible = lights.annotate_light(queries.visible_petitions(request.user), today)
    rows = form.apply(visible)
    counts = dict(rows.order_by().values_list("light").annotate(n=Count("pk")))
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else "received"
    page = Paginator(rows.select_related("category", "origin_unit", "handling_unit")
                     .order_by(*SORTS[sort]), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "petitions/petition_list.html", {
        "page": page, "filter_form": form, "filtered": bool(query), "sort": sort,
        "page_query": query.urlencode(),
        "light_counts": [(light, Light(light).label, counts.get(light, 0))
                         for light in (Light.RED, Light.YELLOW, Light.GREEN)],
        "may_register": bool(office_roots(request.user)),
    })


def _visible(user, pk):
    return get_object_or_404(queries.visible_petitions(user).select_related(
        "category", "origin_unit", "handling_unit", "handler", "accused_unit", "accused_person",
        "backlog_case__item"), pk=pk)


def _forms(user, petition, bound=None):
    """A form for each step ``user`` may take now (and the office's acts on the record);
    ``bound`` replaces the one that was just sent back with its errors."""
    steps = [STEP_FORMS[step] for step in rules.allowed_steps(user, petition)]
    if queries.is_office_for(user, petition):
        steps += [form for name, form in OFFICE_FORMS.items()
                  if name != "repeat_unlink" or petition.repeat_of_id]
        if petition.repeat_of_id:
            steps = [form for form in steps if form.step != "repeat_link"]
    return [bound if bound is not None and bound.step == form.step
            else form(petition=petition, user=user) for form in steps]


def _detail(request, petition, bound=None, status=200):
    today = timezone.localdate()
    light, reason = lights.explain(petition, today)
    first = petition.repeat_of_id or petition.pk
    chain = (queries.visible_petitions(request.user).filter(pk=first)
             | queries.visible_petitions(request.user).filter(repeat_of_id=first))
    timeline = [{"at": e.at, "label": EVENT_LABELS.get(e.action, e.action), "note": e.note,
                 "who": e.actor.person.name if e.actor and hasattr(e.actor, "person")
                 else (e.actor.get_username() if e.actor else "系统")}
                for e in events(petition)]
    return render(request, "petitions/petition_detail.html", {
        "petition": petition, "light": light, "light_label": Light(light).label,
        "light_reason": reason, "petitioners": queries.petitioner_views(request.user, petition),
        "chain": chain.order_by("received_on", "pk") if petition.repeat_of_id or
        petition.repeats.exists() else [],
        "reviews": petition.reviews.select_related("reviewing_unit"),
        "extensions": petition.extensions.select_related("requested_by__person"),
        "events": timeline, "forms": _forms(request.user, petition, bound),
        "office": queries.is_office_for(request.user, petition),
    }, status=status)


@login_required
def petition_detail(request, pk):
    return _detail(request, _visible(request.user, pk))


@login_required
@require_POST
def take_step(request, pk, step):
    petition = _visible(request.user, pk)
    form_class = STEP_FORMS.get(step) or OFFICE_FORMS.get(step)
    if form_class is None:
        raise PermissionDenied("没有这项操作。")
    form = form_class(request.POST, petition=petition, user=request.user)
    if not form.is_valid():
        return _detail(request, petition, bound=form, status=400)
    if step in CONFIRM_FIRST and request.POST.get("confirmed") != "1":
        return render(request, "petitions/petition_confirm.html",
                      {"petition": petition, "form": form})
    try:
        form.run()
    except Invalid as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return _detail(request, petition, bound=form, status=400)
    except NotAllowed as error:
        raise PermissionDenied(error.message) from error
    except Conflict as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"已{form.label}。")
    return redirect(reverse("petitions:detail", args=[petition.pk]))


urlpatterns = [
    path("", petition_list, name="list"),
    path("<int:pk>/", petition_detail, name="detail"),
    path("<int:pk>/<slug:step>/", take_step, name="step"),
]
