"""Backlog cases (积案) on the page: the backlog ledger, a leader's own cases, and the form that
makes a petition a backlog case. Acting on a case — monthly progress, plan steps done, 申请销号,
化解销号 — happens on its ledger item's page, with the ledger's own forms."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone

from ...ledger.constants import ItemStatus, Light
from ...ledger.queries import visible_items
from .. import backlog
from ..backlog import case_rows
from ..errors import Conflict, Invalid, NotAllowed
from ..forms_backlog import CaseForm, MilestoneFormSet, TeamFormSet, plan_steps, team_members
from ..queries import is_office_for, visible_petitions


def _light_counts(rows):
    counts = dict.fromkeys((Light.RED, Light.YELLOW, Light.GREEN), 0)
    for row in rows:
        if row["item"].light in counts:
            counts[row["item"].light] += 1
    return [{"value": light, "label": Light(light).label, "count": n}
            for light, n in counts.items()]


@login_required
def backlog_ledger(request):
    today = timezone.localdate()
    rows = case_rows(request.user, visible_items(request.user), today)
    lights = _light_counts(rows)
    chosen = request.GET.get("light", "")
    if chosen in Light.values:
        rows = [row for row in rows if row["item"].light == chosen]
    return render(request, "petitions/backlog.html", {
        "rows": rows, "lights": lights, "chosen": chosen, "mine": False,
        "resolved": sum(row["item"].status == ItemStatus.CLOSED for row in rows),
    })


@login_required
def my_cases(request):
    today = timezone.localdate()
    cases = backlog.leader_cases(request.user)
    rows = case_rows(request.user, visible_items(request.user).filter(
        backlog_case__in=cases), today)
    return render(request, "petitions/backlog.html", {
        "rows": rows, "lights": _light_counts(rows), "chosen": "", "mine": True,
        "resolved": sum(row["item"].status == ItemStatus.CLOSED for row in rows),
    })


@login_required
def open_case(request, pk):
    petition = get_object_or_404(
        visible_petitions(request.user).select_related("category", "origin_unit",
                                                       "backlog_case__item"), pk=pk)
    if not is_office_for(request.user, petition):
        raise PermissionDenied("只有负责该信访件的信访工作机构可以将其列为积案。")
    if petition.backlog_case_id:
        messages.info(request, f"该信访件已列入信访积案 {petition.backlog_case}。")
        return redirect("ledger:item", petition.backlog_case.item.pk)
    data = request.POST if request.method == "POST" else None
    form = CaseForm(data, user=request.user, petition=petition)
    plan = MilestoneFormSet(data, prefix="plan")
    team = TeamFormSet(data, prefix="team", form_kwargs={"user": request.user})
    problem = None
    if data is not None and all([form.is_valid(), plan.is_valid(), team.is_valid()]):
        try:
            case = backlog.open_backlog_case(
                petition, actor=request.user, plan=plan_steps(plan), team=team_members(team),
                **form.cleaned_data)
        except Invalid as error:
            if error.field in form.fields:
                form.add_error(error.field, error.message)
            else:
                problem = error.message
        except NotAllowed as error:
            raise PermissionDenied(error.message) from error
        except Conflict as error:
            messages.error(request, error.message)
            return redirect(reverse("petitions:backlog"))
        else:
            messages.success(request,
                             f"已列为信访积案 {case.item.code}，并交办包案领导和责任单位。")
            return redirect("ledger:item", case.item.pk)
    return render(request, "petitions/backlog_open.html", {
        "petition": petition, "form": form, "plan": plan, "team": team, "problem": problem,
    }, status=400 if data is not None else 200)


urlpatterns = [
    path("backlog/", backlog_ledger, name="backlog"),
    path("backlog/mine/", my_cases, name="backlog-mine"),
    path("<int:pk>/backlog/", open_case, name="backlog-open"),
]
