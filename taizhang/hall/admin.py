"""Administration of the catalogue and the centres. Saving a matter publishes a new version
through ``catalogue.publish_matter``; versions themselves are never edited."""

import json

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from ..org.models import Unit
from .catalogue import VERSIONED_FIELDS, CatalogueError, check_particulars, publish_matter
from .constants import Category, Mode
from .models import Centre, Matter, MatterVersion, Window


class WindowInline(admin.TabularInline):
    model = Window
    extra = 0
    autocomplete_fields = ["staff"]


@admin.register(Centre)
class CentreAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "phone", "opening_hours"]
    search_fields = ["name", "address"]
    autocomplete_fields = ["unit"]
    inlines = [WindowInline]


class MatterForm(forms.ModelForm):
    """The matter's code and centres, plus the particulars of the version to publish."""

    name = forms.CharField(label="事项名称", max_length=100)
    department = forms.ModelChoiceField(label="实施部门", queryset=Unit.objects.all())
    category = forms.ChoiceField(label="事项类型", choices=Category.choices)
    legal_basis = forms.CharField(label="设定依据", widget=forms.Textarea(attrs={"rows": 3}))
    materials = forms.JSONField(
        label="申请材料", help_text='JSON 列表，如 [{"name": "居民户口簿", "form": "original", '
        '"copies": 1, "note": ""}]；form 取 original、copy、both。')
    steps = forms.JSONField(label="办理流程",
                            help_text='JSON 列表，如 ["窗口受理", "审核", "办结"]')
    time_limit = forms.IntegerField(label="承诺时限（工作日）", min_value=0, max_value=365)
    fee = forms.CharField(label="收费标准", max_length=200, initial="不收费")
    modes = forms.MultipleChoiceField(label="办理方式", choices=Mode.choices,
                                      widget=forms.CheckboxSelectMultiple)
    online = forms.BooleanField(label="可网上申请", required=False)
    max_trips = forms.IntegerField(label="最多跑动次数", min_value=0, max_value=9, initial=1)
    change_note = forms.CharField(label="修订说明", max_length=200, required=False)

    class Meta:
        model = Matter
        fields = ["code", "centres", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.current if self.instance.pk else None
        if current:
            for name in VERSIONED_FIELDS:
                value = getattr(current, name)
                self.initial[name] = json.dumps(value, ensure_ascii=False) if name in (
                    "materials", "steps") else value
            self.fields["code"].disabled = True

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            check_particulars({name: data[name] for name in VERSIONED_FIELDS})
        except CatalogueError as error:
            raise ValidationError({error.field: error.message}) from None
        return data


class VersionInline(admin.TabularInline):
    model = MatterVersion
    fk_name = "matter"
    fields = ["number", "name", "time_limit", "modes", "online", "change_note", "changed_by",
              "changed_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Matter)
class MatterAdmin(admin.ModelAdmin):
    form = MatterForm
    list_display = ["code", "current", "is_active"]
    list_filter = ["is_active", "current__category", "current__department"]
    search_fields = ["code", "current__name", "current__initials"]
    filter_horizontal = ["centres"]
    inlines = [VersionInline]

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        publish_matter(obj.code, actor=request.user, centres=data["centres"],
                       change_note=data["change_note"],
                       **{name: data[name] for name in VERSIONED_FIELDS})
        Matter.objects.filter(code=obj.code).update(is_active=obj.is_active)
        # The admin goes on with the row publish_matter wrote (for its log and redirect).
        saved = Matter.objects.get(code=obj.code)
        obj.pk, obj.current_id, obj._state.adding = saved.pk, saved.current_id, False
