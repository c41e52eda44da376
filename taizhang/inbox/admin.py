from django.contrib import admin

from .models import Delivery


class UnsentFilter(admin.SimpleListFilter):
    title = "发送情况"
    parameter_name = "sent"

    def lookups(self, request, model_admin):
        return [("yes", "已发送"), ("no", "未发送")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(sent_at__isnull=self.value() == "no")
        return queryset


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """Read-only: what was sent by email and to the robots, and what failed with which error."""

    list_display = ["attempted_at", "channel", "destination", "notification", "attempts",
                    "sent_at", "error"]
    list_filter = [UnsentFilter, "channel"]
    search_fields = ["error", "notification__title"]
    list_select_related = ["notification"]
    exclude = ["target"]
    readonly_fields = ["destination"]

    @admin.display(description="发送对象")
    def destination(self, delivery):
        # A robot's address carries its access token: show where, never the secret.
        return delivery.target.split("?", 1)[0]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
