"""The main navigation: one list of entries, each saying who may see it.

Later features add their page here with the roles that use it; the layout only renders
what ``navigation`` hands it.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from ..org.constants import Role


@dataclass(frozen=True)
class NavEntry:
    label: str
    url_name: str
    roles: frozenset[str] | None = None  # None: every signed-in user
    staff_only: bool = False
    # Dotted path of a function of the user giving a count to show beside the label.
    badge: str | None = None

    def allows(self, user) -> bool:
        if self.staff_only and not user.is_staff:
            return False
        return self.roles is None or user.is_superuser or bool(self.roles & user.roles)


NAV_ENTRIES = [
    NavEntry(_("工作台"), "workbench"),
    NavEntry(_("消息"), "inbox:list", badge="taizhang.inbox.services.unread_count"),
    NavEntry(_("台账"), "ledger:ledgers"),
    NavEntry(_("台账事项"), "ledger:items"),
    NavEntry(_("办件"), "hall:applications", roles=frozenset({Role.CLERK, Role.UNIT_STAFF})),
    NavEntry(_("办件统计"), "hall:figures",
             roles=frozenset({Role.CLERK, Role.UNIT_STAFF, Role.SUPERVISION, Role.LEADER})),
    NavEntry(_("信访"), "petitions:list",
             roles=frozenset({Role.PETITION_OFFICER, Role.SUPERVISION, Role.LEADER,
                              Role.UNIT_STAFF})),
    NavEntry(_("驾驶舱"), "reports:dashboard",
             roles=frozenset({Role.LEADER, Role.SUPERVISION})),
    NavEntry(_("通报考核"), "reports:list",
             roles=frozenset({Role.SUPERVISION, Role.LEADER, Role.UNIT_STAFF,
                              Role.PETITION_OFFICER})),
    NavEntry(_("组织机构"), "org:tree"),
    NavEntry(_("工作日计算"), "org:deadline"),
    NavEntry(_("系统管理"), "admin:index", staff_only=True),
    NavEntry(_("接口文档"), "api:openapi-view"),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_entries": [], "current_person": None}
    entries = [{"label": e.label, "url": reverse(e.url_name), "current": False,
                "badge": import_string(e.badge)(user) if e.badge else 0}
               for e in NAV_ENTRIES if e.allows(user)]
    # The current entry is the one whose address is the longest start of this page's path
    # ("/org/deadline/" is 工作日计算, not 组织机构; "/" only for the workbench itself).
    path = request.path
    matches = [e for e in entries
               if path == e["url"] or (e["url"] != "/" and path.startswith(e["url"]))]
    if matches:
        max(matches, key=lambda e: len(e["url"]))["current"] = True
    return {"nav_entries": entries, "current_person": getattr(user, "person", None)}
