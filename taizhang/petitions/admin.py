"""System administration of petition work: the categories and the time limits.

Petitions themselves are deliberately not here: the admin would show petitioners and
accusations to anyone with admin access, past the confidentiality rule (queries.py).
"""

from django.contrib import admin

from .models import Category, TimeLimit


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "sort_order", "is_active"]
    list_editable = ["sort_order", "is_active"]
    search_fields = ["name", "code"]

    def has_delete_permission(self, request, obj=None):
        # A category in use stays (PROTECT); one no longer wanted is set 停用.
        return False


@admin.register(TimeLimit)
class TimeLimitAdmin(admin.ModelAdmin):
    list_display = ["kind", "days", "counting", "legal_days", "basis"]
    fields = ["kind", "days", "counting", "legal_days", "basis"]
    readonly_fields = ["kind", "legal_days"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
