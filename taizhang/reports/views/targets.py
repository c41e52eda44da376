"""Programme targets (目标): the year's list with progress counted from the records, and the
office's forms to set them. Progress is never typed in."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone

from ...org.events import record_event
from ..forms import TargetForm
from ..models import Target
from ..rules import may_manage
from ..targets import progress_of_year


def _manager(request):
    if not may_manage(request.user):
        raise PermissionDenied("只有督查室可以设定目标。")


@login_required
def target_list(request):
    today = timezone.localdate()
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else today.year
    years = sorted({*Target.objects.values_list("year", flat=True), today.year}, reverse=True)
    return render(request, "reports/target_list.html", {
        "year": year, "years": years, "progress": progress_of_year(year, today),
        "manage": may_manage(request.user)})


@login_required
def target_form(request, pk=None):
    _manager(request)
    target = get_object_or_404(Target, pk=pk) if pk else None
    form = TargetForm(request.POST or None, instance=target)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save()
            record_event(saved, "edited" if target else "created", actor=request.user,
                         data={"fields": form.changed_data})
        messages.success(request, f"已保存目标“{saved.name}”。")
        return redirect(f"{_list_url()}?year={saved.year}")
    return render(request, "reports/target_form.html", {"form": form, "target": target})


@login_required
def target_delete(request, pk):
    _manager(request)
    target = get_object_or_404(Target, pk=pk)
    if request.method == "POST":
        with transaction.atomic():
            record_event(target, "deleted", actor=request.user, note=str(target))
            target.delete()
        messages.success(request, f"已删除目标“{target.name}”。")
        return redirect(f"{_list_url()}?year={target.year}")
    return render(request, "reports/confirm_delete.html", {
        "what": f"目标“{target}”", "back": _list_url(),
        "consequence": "删除后，该目标不再出现在驾驶舱和季讲评中；已发布通报中的数据不受影响。"})


def _list_url():
    return reverse("reports:targets")


urlpatterns = [
    path("targets/", target_list, name="targets"),
    path("targets/new/", target_form, name="target-new"),
    path("targets/<int:pk>/edit/", target_form, name="target-edit"),
    path("targets/<int:pk>/delete/", target_delete, name="target-delete"),
]
