"""The main navigation: one list of entries, each saying who may see it.

Later features add their page here with the roles that use it; the layout only renders
what ``navigation`` hands it.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavEntry:
    label: str
    url_name: str
    roles: frozenset[str] | None = None  # None: every signed-in user
    staff_only: bool = False

    def allows(self, user) -> bool:
        if self.staff_only and not user.is_staff:
            return False
        return self.roles is None or user.is_superuser or bool(self.roles & user.roles)


NAV_ENTRIES = [
    NavEntry(_("工作台"), "workbench"),
    NavEntry(_("组织机构"), "org:tree"),
    NavEntry(_("工作日计算"), "org:deadline"),
    NavEntry(_("系统管理"), "admin:index", staff_only=True),
    NavEntry(_("接口文档"), "api:openapi-view"),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_entries": [], "current_person": None}
    entries = []
    for entry in NAV_ENTRIES:
        if not entry.allows(user):
            continue
        url = reverse(entry.url_name)
        # The workbench lives at "/", which every path starts with: it is current only there.
        current = request.path == url if url == "/" else request.path.startswith(url)
        entries.append({"label": entry.label, "url": url, "current": current})
    return {"nav_entries": entries, "current_person": getattr(user, "person", None)}
