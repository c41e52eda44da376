"""The organisation browser: the unit tree, a unit with its people, and search.

Every query goes through the visibility rule; a unit or person outside the user's scope is
answered with 404, exactly as if it did not exist.
"""

from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .constants import POPULATED_KINDS
from .disclosure import may_reveal, reveal
from .forms import DeadlineForm
from .models import Person, UnitClosure
from .visibility import restrict, visible_units
from .workdays import add_working_days

SEARCH_LIMIT = 50


def _counted(units):
    """Each unit with how many sub-units and people in service it has."""
    return units.annotate(
        child_count=Count("children", filter=Q(children__is_active=True), distinct=True),
        people_count=Count("people", filter=Q(people__is_active=True), distinct=True),
    ).order_by("depth", "sort_order", "id")


def _units(user):
    """Visible units still in use: what the tree, lists and search show."""
    return _counted(visible_units(user).filter(is_active=True))


def _people(user):
    return (
        restrict(Person.objects.filter(is_active=True), user)
        .select_related("unit").prefetch_related("role_grants")
        .order_by("unit__depth", "unit_id", "sort_order", "id")
    )


def _people_context(user, people):
    """People for the people table: role labels, and whether this user may unmask each phone."""
    people = list(people)
    for person in people:
        person.role_labels = sorted({g.get_role_display() for g in person.role_grants.all()})
        person.can_reveal = bool(person.phone) and may_reveal(user, owner_person=person)
    return {"people": people, "reveal_note": any(p.can_reveal for p in people)}


def _visible_ancestors(user, unit_ids):
    """Each unit's ancestors that the user may see, top first; the others stay unnamed."""
    links = UnitClosure.objects.filter(
        descendant_id__in=unit_ids, depth__gt=0, ancestor__in=visible_units(user)
    ).select_related("ancestor").order_by("-depth")
    paths = defaultdict(list)
    for link in links:
        paths[link.descendant_id].append(link.ancestor)
    return paths


@login_required
def tree(request):
    units = _units(request.user)
    # The top of each visible subtree: a visible unit whose parent the user cannot see.
    roots = list(units.exclude(parent_id__in=visible_units(request.user).values("pk")))
    for root in roots:
        root.child_nodes = list(units.filter(parent=root))
    return render(request, "org/tree.html", {"roots": roots})


@login_required
def children(request, pk):
    unit = get_object_or_404(visible_units(request.user), pk=pk)
    return render(request, "org/_nodes.html", {"nodes": _units(request.user).filter(parent=unit)})


@login_required
def unit_detail(request, pk):
    # A unit taken out of use keeps its page (it is marked so), but leaves the tree.
    unit = get_object_or_404(_counted(visible_units(request.user)), pk=pk)
    return render(request, "org/unit.html", {
        "unit": unit,
        "populated": unit.kind in POPULATED_KINDS,
        "ancestors": _visible_ancestors(request.user, [unit.pk])[unit.pk],
        "child_units": _units(request.user).filter(parent=unit),
        **_people_context(request.user, _people(request.user).filter(unit=unit)),
    })


@login_required
def search(request):
    query = request.GET.get("q", "").strip()
    context = {"query": query, "limit": SEARCH_LIMIT, "units": [], "people": []}
    if query:
        units = list(_units(request.user).filter(
            Q(name__icontains=query) | Q(short_name__icontains=query)
            | Q(division_code__startswith=query)
        )[:SEARCH_LIMIT])
        paths = _visible_ancestors(request.user, [u.pk for u in units])
        for unit in units:
            unit.path = paths[unit.pk]
        context["units"] = units
        context.update(_people_context(
            request.user, _people(request.user).filter(name__icontains=query)[:SEARCH_LIMIT]
        ))
    return render(request, "org/search.html", context)


@never_cache
@require_POST
@login_required
def reveal_phone(request, pk):
    person = get_object_or_404(restrict(Person.objects.filter(is_active=True), request.user), pk=pk)
    phone = reveal(request.user, person, "phone", owner_person=person, request=request)
    return render(request, "org/_phone.html", {"phone": phone})


@login_required
def deadline(request):
    """A deadline N working days from a date, as staff count them for time limits."""
    form = DeadlineForm(request.GET or None)
    result = None
    if form.is_valid():
        result = add_working_days(form.cleaned_data["start"], form.cleaned_data["working_days"])
    return render(request, "org/deadline.html", {"form": form, "deadline": result})
