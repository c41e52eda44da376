from django.contrib import admin

from ..models import AuditEntry, Event


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the trail is append-only, and the admin must not be a way around that."""

    list_display = ["seq", "at", "actor_name", "action", "object_type", "object_id", "ip"]
    list_filter = ["action"]
    search_fields = ["actor_name", "object_id"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(AuditEntryAdmin):
    list_display = ["at", "content_type", "object_id", "action", "from_status", "to_status",
                    "actor"]
    list_filter = ["action", "content_type"]
    search_fields = ["note"]
