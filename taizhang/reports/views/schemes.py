"""The assessment scheme (考核办法) and the month's bonus points (加分项), set by 督查室."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse

from ...org.events import record_event
from ..forms import BonusForm, SchemeForm
from ..models import Bonus, Scheme
from ..rules import may_manage


def _manager(request):
    if not may_manage(request.user):
        raise PermissionDenied("只有督查室可以设定考核办法和加分项。")


@login_required
def schemes(request):
    _manager(request)
    return render(request, "reports/schemes.html", {
        "schemes": Scheme.objects.all(),
        "bonuses": (Bonus.objects.select_related("unit", "added_by")
                    .order_by("-month", "unit")[:200]),
    })


@login_required
def scheme_form(request, pk=None):
    _manager(request)
    scheme = get_object_or_404(Scheme, pk=pk) if pk else None
    form = SchemeForm(request.POST or None, instance=scheme)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save()
            if saved.is_active:
                # One scheme scores a month: choosing this one retires the others.
                Scheme.objects.exclude(pk=saved.pk).update(is_active=False)
            record_event(saved, "edited" if scheme else "created", actor=request.user,
                         data={"fields": form.changed_data})
        messages.success(request, f"已保存考核办法“{saved.name}”；已发布的考核结果不受影响。")
        return redirect("reports:schemes")
    return render(request, "reports/scheme_form.html", {"form": form, "scheme": scheme})


@login_required
def bonus_new(request):
    _manager(request)
    form = BonusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            bonus = form.save(commit=False)
            bonus.added_by = request.user
            bonus.save()
            record_event(bonus, "created", actor=request.user, note=bonus.reason)
        messages.success(request, "已登记加分项；重新统计或生成该月考核后计入。")
        return redirect("reports:schemes")
    return render(request, "reports/bonus_form.html", {"form": form})


@login_required
def bonus_delete(request, pk):
    _manager(request)
    bonus = get_object_or_404(Bonus.objects.select_related("unit"), pk=pk)
    if request.method == "POST":
        with transaction.atomic():
            record_event(bonus, "deleted", actor=request.user, note=str(bonus))
            bonus.delete()
        messages.success(request, "已删除加分项。")
        return redirect("reports:schemes")
    return render(request, "reports/confirm_delete.html", {
        "what": f"加分项“{bonus}”", "back": reverse("reports:schemes"),
        "consequence": "删除后，重新统计或生成该月考核时不再计入；已发布的考核结果不受影响。"})


urlpatterns = [
    path("schemes/", schemes, name="schemes"),
    path("schemes/new/", scheme_form, name="scheme-new"),
    path("schemes/<int:pk>/edit/", scheme_form, name="scheme-edit"),
    path("bonuses/new/", bonus_new, name="bonus-new"),
    path("bonuses/<int:pk>/delete/", bonus_delete, name="bonus-delete"),
]
