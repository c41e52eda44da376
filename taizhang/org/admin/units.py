from django.contrib import admin

from ..models import Unit


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "division_code", "population", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "division_code"]
    autocomplete_fields = ["parent"]
    readonly_fields = ["depth"]
