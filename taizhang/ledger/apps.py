from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "taizhang.ledger"
    verbose_name = "督查台账"
    default_auto_field = "django.db.models.BigAutoField"
