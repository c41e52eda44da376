from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import F, Prefetch, Q
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from taizhang.ledger import people as ledger_people
from taizhang.ledger.constants import OPEN_STATUSES, ExtensionStatus, ItemStatus
from taizhang.ledger.lights import annotate_light
from taizhang.ledger.models import Extension
from taizhang.ledger.queries import by_urgency, overdue_by_unit, visible_items
from taizhang.org.constants import AuditAction
from taizhang.org.models import AuditEntry, Person, Unit
from taizhang.org.visibility import restrict, scope_for, visible_units

RECENT_LOGINS = 5
MY_ITEMS = 20


@never_cache
def healthz(request):
    """200 when the database answers and every migration is applied; 503 otherwise."""
    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:  # the database did not answer
        return JsonResponse({"status": "error", "reason": f"database: {exc}"}, status=503)
    if pending:
        return JsonResponse(
            {"status": "error", "reason": f"{len(pending)} migrations not applied"}, status=503
        )
    return JsonResponse({"status": "ok"})


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "用户名或密码不正确。同一账号连续输错 %(limit)s 次将被锁定 %(minutes)s 分钟。"
        ),
        "inactive": _("该账号已停用，请联系系统管理员。"),
    }

    def get_invalid_login_error(self):
        error = super().get_invalid_login_error()
        error.params = {
            "limit": settings.AXES_FAILURE_LIMIT,
            "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        }
        return error


login = auth_views.LoginView.as_view(
    form_class=LoginForm, redirect_authenticated_user=True
)
logout = auth_views.LogoutView.as_view()


def _recent_logins(user):
    """The user's latest sign-ins and failed attempts on their name, from the audit trail."""
    return (
        AuditEntry.objects.filter(
            Q(action=AuditAction.LOGIN, actor_id=user.pk)
            | Q(action=AuditAction.LOGIN_FAILED, detail__username=user.get_username())
        )
        .order_by("-seq")
        .only("at", "action", "ip")[:RECENT_LOGINS]
    )


def _ledger_work(user, person, today):
    """My items by urgency, what waits for my decision, and (督查室) overdue items by unit."""
    items = visible_items(user)
    context = {"supervision": ledger_people.is_supervision(user)}
    if person is not None:
        mine = items.filter(
            Q(leader_id=person.pk) | Q(lead_unit_id=person.unit_id)
            | Q(lead_unit_id__in=person.role_grants.values("unit_id")),
            status__in=OPEN_STATUSES,
        )
        mine = by_urgency(annotate_light(mine, today)).select_related("lead_unit", "leader")
        context["my_items"] = mine.order_by("urgency", F("deadline").asc(nulls_last=True),
                                            "code")[:MY_ITEMS]
        context["my_item_count"] = mine.count()
        context["extensions_to_decide"] = items.filter(
            leader_id=person.pk, status=ItemStatus.IN_PROGRESS,
            extensions__status=ExtensionStatus.REQUESTED,
        ).select_related("lead_unit").prefetch_related(Prefetch(
            "extensions", Extension.objects.filter(status=ExtensionStatus.REQUESTED),
            to_attr="pending_extensions"))
    if context["supervision"]:
        context["closeouts_to_verify"] = items.filter(
            status=ItemStatus.CLOSE_REQUESTED).exclude(close_requested_by=user).select_related(
            "lead_unit").order_by("updated_at")
        context["pending_count"] = items.filter(status=ItemStatus.PENDING).count()
        context["overdue_units"] = overdue_by_unit(items, today)
    return context


@login_required
def workbench(request):
    user = request.user
    person = getattr(user, "person", None)
    grants = person.role_grants.select_related("unit").order_by("role") if person else []
    scope = scope_for(user)
    return render(request, "web/workbench.html", {
        "person": person,
        "grants": grants,
        "sees_everything": scope.everything,
        "scope_units": Unit.objects.filter(pk__in=scope.root_unit_ids).order_by("depth", "id"),
        "unit_count": visible_units(user).filter(is_active=True).count(),
        "people_count": restrict(Person.objects.filter(is_active=True), user).count(),
        "recent_logins": _recent_logins(user),
        "failed_action": AuditAction.LOGIN_FAILED,
        **_ledger_work(user, person, timezone.localdate()),
    })
