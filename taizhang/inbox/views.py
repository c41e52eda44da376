"""The inbox page: my messages, unread first; mark one or all of them read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .models import Notification

PER_PAGE = 30


def mine(user):
    return Notification.objects.filter(recipient=user)


@login_required
def inbox(request):
    unread_first = Case(When(read_at__isnull=True, then=Value(0)), default=Value(1),
                        output_field=IntegerField())
    notifications = mine(request.user).order_by(unread_first, "-created_at", "-id")
    page = Paginator(notifications, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "inbox/inbox.html", {
        "page": page, "unread": mine(request.user).filter(read_at__isnull=True).count(),
    })


@login_required
@require_POST
def mark_read(request, pk):
    """Mark one message read; with ``open``, go on to the record it is about."""
    notification = get_object_or_404(mine(request.user), pk=pk)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    target = notification.link if "open" in request.POST else request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("inbox:list")


@login_required
@require_POST
def mark_all_read(request):
    count = mine(request.user).filter(read_at__isnull=True).update(read_at=timezone.now())
    messages.success(request, f"已将 {count} 条消息标为已读。" if count else "没有未读消息。")
    return redirect("inbox:list")
