from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "taizhang.petitions"
    verbose_name = "信访"
    default_auto_field = "django.db.models.BigAutoField"
