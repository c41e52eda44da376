"""Staff pages of the service hall: the applications one may see, counter intake, and one
application with the steps the user may take on it now.

Everything is read through ``visible_applications``; an application out of sight is a 404.
Personal data is shown masked only.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST

from ...org.events import timeline
from .. import applications
from ..constants import FINAL_STATUSES, STEPS, Mode, Status, Step
from ..forms import FilterForm, IntakeForm, clerk_centres, step_form
from ..queries import visible_applications, visible_centres

PAGE_SIZE = 30

DONE = {
    Step.ACCEPT: "已受理，承诺办结日期为 {a.deadline:%Y年%m月%d日}。",
    Step.REFUSE: "已不予受理，理由将书面告知申请人。",
    Step.ASSIGN: "已转办。",
    Step.REQUEST_SUPPLEMENT: "已一次性告知补正，办理时限暂停计算。",
    Step.SUPPLEMENTED: "补正材料已收，时限恢复计算，承诺办结日期为 {a.deadline:%Y年%m月%d日}。",
    Step.COMPLETE: "已办结。",
    Step.DENY: "已不予许可，理由和依据将书面告知申请人。",
    Step.WITHDRAW: "已撤回。",
}


@login_required
def application_list(request):
    today = timezone.localdate()
    form = FilterForm(request.GET or None, centres=visible_centres(request.user))
    rows = (form.apply(visible_applications(request.user))
            .select_related("version", "centre").order_by("-created_at", "-id"))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    for application in page.object_list:
        application.overdue = (application.status not in FINAL_STATUSES
                               and application.deadline is not None
                               and application.deadline < today)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "hall/staff_applications.html", {
        "page": page, "filter_form": form, "filtered": bool(query),
        "page_query": query.urlencode(),
        "may_accept": clerk_centres(request.user).exists(),
    })


@login_required
def accept(request):
    if request.method != "POST":
        initial = {name: request.GET[name] for name in ("centre", "matter") if name in request.GET}
        form = IntakeForm(initial=initial, user=request.user)
        centres = form.fields["centre"].queryset
        if "centre" not in initial and len(centres) == 1:
            form = IntakeForm(initial={**initial, "centre": centres[0].pk}, user=request.user)
        return _intake_page(request, form)

    form = IntakeForm(request.POST, user=request.user)
    if not form.is_valid():
        return _intake_page(request, form, status=400)
    data = form.cleaned_data
    try:
        application = applications.accept_at_counter(
            data["matter"].current, actor=request.user, centre=data["centre"],
            mode=data["mode"], applicant=form.applicant(), staff=data["staff"])
    except applications.HallError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return _intake_page(request, form, status=400)
    if application.mode == Mode.INSTANT:
        messages.success(request, f"已受理并当场办结，受理编号 {application.receipt_no}。")
    else:
        messages.success(request, f"已受理，受理编号 {application.receipt_no}，承诺办结日期为 "
                                  f"{application.deadline:%Y年%m月%d日}。")
    return redirect("hall:application", application.pk)


def _intake_page(request, form, status=200):
    return render(request, "hall/staff_accept.html", {
        "form": form, "has_centre": form.fields["centre"].queryset.exists(),
    }, status=status)


def _application(user, pk):
    return get_object_or_404(
        visible_applications(user).select_related(
            "version__matter", "centre", "department", "handler__person", "staff"), pk=pk)


def possible_steps(user, application):
    """The steps ``user`` may take on ``application`` now, in the order of ``STEPS``."""
    if not applications.may_handle(user, application):
        return []
    return [step for step, (sources, _) in STEPS.items() if application.status in sources]


@login_required
def application_detail(request, pk):
    application = _application(request.user, pk)
    return _detail_page(request, application)


def _detail_page(request, application, bound=None, status=200):
    forms = [bound if bound is not None and bound.step == step
             else step_form(step, application, request.user)
             for step in possible_steps(request.user, application)]
    today = timezone.localdate()
    return render(request, "hall/staff_application.html", {
        "application": application,
        "forms": forms,
        "may_handle": applications.may_handle(request.user, application),
        "overdue": (application.status not in FINAL_STATUSES and application.deadline
                    and application.deadline < today),
        "paused": application.status == Status.SUPPLEMENT,
        "final": application.status in FINAL_STATUSES,
        "events": _events(application),
    }, status=status)


EVENT_LABELS = {**dict(Step.choices), "submit": "网上申请"}
STATUS_LABELS = dict(Status.choices)


def _events(application):
    events = list(timeline(application).select_related("actor__person"))
    for event in events:
        event.label = EVENT_LABELS.get(event.action, event.action)
        event.who = (event.actor.person.name if event.actor and hasattr(event.actor, "person")
                     else event.actor.get_username() if event.actor else "申请人")
        event.change = (f"{STATUS_LABELS.get(event.from_status, event.from_status)} → "
                        f"{STATUS_LABELS.get(event.to_status, event.to_status)}"
                        if event.from_status else STATUS_LABELS.get(event.to_status, ""))
    return events


@login_required
@require_POST
def take_step(request, pk, step):
    if step not in Step.values:
        raise Http404("没有这项操作。")
    application = _application(request.user, pk)
    form = step_form(step, application, request.user, request.POST)
    if not form.is_valid():
        if "expected_status" in form.errors:
            messages.error(request, "页面已过期，请刷新后重试。")
            return redirect("hall:application", application.pk)
        return _detail_page(request, application, bound=form, status=400)
    data = form.cleaned_data
    try:
        application = applications.take_step(
            application, step, actor=request.user, reason=data.get("reason", ""),
            handler=data.get("handler"), staff=data.get("staff"),
            expected_status=data["expected_status"])
    except applications.HallError as error:
        if error.field in form.fields:
            form.add_error(error.field, error.message)
            return _detail_page(request, application, bound=form, status=400)
        messages.error(request, error.message)
        return redirect("hall:application", application.pk)
    messages.success(request, DONE[step].format(a=application))
    return redirect("hall:application", application.pk)


urlpatterns = [
    path("applications/", application_list, name="applications"),
    path("applications/new/", accept, name="accept"),
    path("applications/<int:pk>/", application_detail, name="application"),
    path("applications/<int:pk>/<slug:step>/", take_step, name="step"),
]
