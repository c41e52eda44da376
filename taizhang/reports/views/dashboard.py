"""The leader dashboard (驾驶舱): one page a leader opens every morning, in their own scope."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import path
from django.utils import timezone

from ..dashboard import figures


@login_required
def dashboard(request):
    # Without a person record the visibility rule shows nothing: say so instead of zeros.
    if not request.user.is_superuser and getattr(request.user, "person", None) is None:
        raise PermissionDenied("您的账号尚未关联人员信息，无法查看驾驶舱。请联系系统管理员。")
    today = timezone.localdate()
    return render(request, "reports/dashboard.html",
                  {"today": today, "dash": figures(request.user, today)})


urlpatterns = [
    path("dashboard/", dashboard, name="dashboard"),
]
