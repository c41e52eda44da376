from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "taizhang.org"
    label = "org"
    verbose_name = "组织与人员"

    def ready(self):
        from . import (
            signals,  # noqa: F401  (audit of logins and permission changes)
            workdays,  # noqa: F401  (clears its cache when the schedule is edited)
        )
