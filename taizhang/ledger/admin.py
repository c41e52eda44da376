"""System administration of ledgers: kinds and ledgers are maintained here.

Items are only looked at here. They are created, assigned, reported on and closed out in the
ledger pages, where each act is checked against the transition table and recorded on the
item's timeline; an edit in the admin would bypass both.
"""

from django.contrib import admin

from .models import Attachment, Extension, Item, Ledger, LedgerKind, Milestone, ProgressReport


@admin.register(LedgerKind)
class LedgerKindAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "supervised_by", "sort_order", "ledger_count"]
    list_editable = ["sort_order"]
    search_fields = ["name", "code"]

    @admin.display(description="台账数")
    def ledger_count(self, obj):
        return obj.ledgers.count()


@admin.register(Ledger)
class LedgerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "unit", "year", "code_prefix", "item_count"]
    list_filter = ["year", "kind"]
    search_fields = ["name", "code_prefix", "unit__name"]
    autocomplete_fields = ["unit"]

    @admin.display(description="事项数")
    def item_count(self, obj):
        return obj.items.count()


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class MilestoneInline(ReadOnlyInline):
    model = Milestone
    fields = ["title", "due", "done_on"]


class ProgressReportInline(ReadOnlyInline):
    model = ProgressReport
    fields = ["reported_on", "text", "author"]


class AttachmentInline(ReadOnlyInline):
    model = Attachment
    fields = ["name", "purpose", "size", "uploaded_by", "uploaded_at"]


class ExtensionInline(ReadOnlyInline):
    model = Extension
    fields = ["old_deadline", "new_deadline", "reason", "status", "requested_by", "decided_by",
              "decision_note"]


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "ledger", "lead_unit", "leader", "deadline", "status"]
    list_filter = ["status", "ledger__year", "ledger__kind", "frequency"]
    search_fields = ["code", "title", "lead_unit__name", "leader__name"]
    list_select_related = ["ledger", "lead_unit", "leader"]
    inlines = [MilestoneInline, ProgressReportInline, AttachmentInline, ExtensionInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
