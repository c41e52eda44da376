from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from ..models import ApiToken, Person, RoleGrant, User


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "rank", "title", "masked_phone", "user", "is_active"]
    list_filter = ["rank", "is_active", "role_grants__role"]
    search_fields = ["name", "title", "unit__name"]
    autocomplete_fields = ["unit", "user"]
    inlines = [RoleGrantInline]

    @admin.display(description="手机号码")
    def masked_phone(self, obj):
        return obj.phone_masked

    def get_fields(self, request, obj=None):
        # The phone is entered in full but never displayed here: its field is write-only.
        return ["name", "unit", "rank", "title", "phone", "user", "sort_order", "is_active"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None and "phone" in form.base_fields:
            current = obj.phone_masked or "未填"
            form.base_fields["phone"].help_text = f"当前：{current}；留空则不修改。"
            form.base_fields["phone"].required = False
        return form

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and request.method == "GET":
            obj._stored_phone, obj.phone = obj.phone, ""
        return obj

    def save_model(self, request, obj, form, change):
        if change and not form.cleaned_data.get("phone"):
            obj.phone = Person.objects.get(pk=obj.pk).phone
        super().save_model(request, obj, form, change)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "person", "is_active", "is_staff", "is_superuser", "last_login"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["prefix", "user", "name", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "created_at", "last_used_at"]
    search_fields = ["user__username", "prefix", "name"]

    def has_add_permission(self, request):
        return False  # tokens are made with `taizhang token`, which shows the token once
