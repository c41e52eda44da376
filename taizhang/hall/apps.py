from django.apps import AppConfig


class HallConfig(AppConfig):
    name = "taizhang.hall"
    verbose_name = "便民服务"
    default_auto_field = "django.db.models.BigAutoField"
