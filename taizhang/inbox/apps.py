from django.apps import AppConfig


class InboxConfig(AppConfig):
    name = "taizhang.inbox"
    verbose_name = "消息提醒"
    default_auto_field = "django.db.models.BigAutoField"
