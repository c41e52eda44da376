from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class ReportsConfig(AppConfig):
    name = "taizhang.reports"
    verbose_name = "通报考核"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Each app registers the metrics targets can be measured by in its own metrics.py.
        autodiscover_modules("metrics")
