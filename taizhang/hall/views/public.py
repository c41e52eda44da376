"""Public pages of the service hall, for citizens without an account.

Only the catalogue is shown here: what a matter needs, how long it takes and where to go. Nothing
about applications or the people handling them, and nothing is written when a page is read.
"""

from itertools import groupby

from django import forms
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_safe

from ...org.models import Unit
from .. import catalogue as catalogue_rules
from ..constants import MaterialForm, Mode
from ..models import Centre, Matter


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label="事项名称、编码或拼音首字母", required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search",
                                                      "placeholder": "如：出生登记 或 csdj"}))
    centre = forms.ModelChoiceField(label="服务中心", required=False, empty_label="全部服务中心",
                                    queryset=Centre.objects.all())
    department = forms.ModelChoiceField(label="实施部门", required=False, empty_label="全部部门",
                                        queryset=Unit.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Unit.objects.filter(
            pk__in=published().values("current__department"))


def published():
    """The matters a citizen may see: active, with a current version."""
    return Matter.objects.filter(is_active=True, current__isnull=False)


def time_limit_text(days):
    return f"{days} 个工作日" if days else "即办"


def trips_text(trips):
    return {0: "零跑动", 1: "最多跑一次"}.get(trips, f"最多跑 {trips} 次")


def describe(matter):
    """Give the matter's current version the words the pages show."""
    version = matter.current
    version.time_limit_text = time_limit_text(version.time_limit)
    version.trips_text = trips_text(version.max_trips)
    version.mode_labels = [Mode(mode).label for mode in version.modes]
    return matter


@require_safe
def catalogue(request):
    form = CatalogueFilterForm(request.GET)
    # A stale centre or department in a shared link filters nothing rather than failing.
    chosen = form.cleaned_data if form.is_valid() else {}
    matters = published()
    if chosen.get("centre"):
        matters = matters.filter(centres=chosen["centre"])
    if chosen.get("department"):
        matters = matters.filter(current__department=chosen["department"])
    query = chosen.get("q", "")
    matters = catalogue_rules.search(query, matters).order_by("code")
    return render(request, "hall/public_catalogue.html", {
        "form": form,
        "matters": [describe(matter) for matter in matters],
        "filtered": any(chosen.get(name) for name in ("q", "centre", "department")),
        "query": query.strip(),
    })


@require_safe
def matter_detail(request, code):
    matter = (published().select_related("current__department")
              .prefetch_related("centres").filter(code=code).first())
    if matter is None:
        return render(request, "hall/public_not_found.html", {"code": code}, status=404)
    version = describe(matter).current
    materials = [{**material, "form_label": MaterialForm(material["form"]).label}
                 for material in version.materials]
    return render(request, "hall/public_matter.html", {
        "matter": matter, "version": version, "materials": materials,
        "centres": matter.centres.all(),
    })


@require_safe
def commitments(request):
    matters = [describe(matter) for matter in published().select_related("current__department")
               .order_by("current__department__depth", "current__department__sort_order",
                         "current__department_id", "code")]
    departments = [(department, list(group)) for department, group
                   in groupby(matters, key=lambda matter: matter.current.department)]
    return render(request, "hall/public_commitments.html", {
        "departments": departments, "centres": Centre.objects.all(),
    })


urlpatterns = [
    path("", catalogue, name="catalogue"),
    path("matters/<str:code>/", matter_detail, name="matter"),
    path("commitments/", commitments, name="commitments"),
]
