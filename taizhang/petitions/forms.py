"""The reception desk's registration form: the petition, one to five petitioners, the
accusation and the files. It checks the shape of the input; ``registration.register_petition``
decides, and its refusals are put back next to the field they name."""

from django import forms
from django.utils import timezone

from ..ledger.forms import DATE, DATE_ERRORS, MultipleFileField
from ..org.constants import UnitKind
from ..org.models import Person, Unit
from .constants import Channel
from .forms_backlog import office_reach
from .models import Category

MAX_PETITIONERS = 5


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit):
        # Villages of different townships can share a name: say whose they are.
        return f"{unit.parent.name} › {unit.name}" if unit.depth > 1 and unit.parent else unit.name


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person):
        return f"{person.name}（{person.unit.name}）"


class RegisterForm(forms.Form):
    channel = forms.ChoiceField(label="信访渠道", choices=Channel.choices, initial=Channel.VISIT,
                                error_messages={"required": "请选择信访渠道。"})
    received_on = forms.DateField(label="收到日期", widget=DATE, error_messages={
        **DATE_ERRORS, "required": "请填写收到日期。"})
    head_count = forms.IntegerField(
        label="信访人数", required=False, min_value=1,
        widget=forms.NumberInput(attrs={"placeholder": "默认为登记的信访人数"}),
        help_text="来访五人及以上为集体访；信访人推选代表登记即可。")
    bypassed = forms.BooleanField(label="越级信访", required=False)
    category = forms.ModelChoiceField(label="事项类别", queryset=Category.objects.none(),
                                      empty_label="请选择",
                                      error_messages={"required": "请选择事项类别。"})
    origin_unit = UnitChoiceField(label="问题属地", queryset=Unit.objects.none(),
                                  empty_label="请选择问题发生地单位",
                                  error_messages={"required": "请选择问题属地。"})
    content = forms.CharField(label="信访内容", max_length=10000, widget=forms.Textarea(
        attrs={"rows": 5, "placeholder": "信访人反映的问题和诉求"}),
        error_messages={"required": "请填写信访内容。"})
    is_accusation = forms.BooleanField(label="检举揭发", required=False)
    accused_unit = UnitChoiceField(label="被检举单位", queryset=Unit.objects.none(),
                                   required=False, empty_label="——")
    accused_person = PersonChoiceField(label="被检举人", queryset=Person.objects.none(),
                                       required=False, empty_label="——")
    accused_name = forms.CharField(label="被检举人姓名（名录中没有时）", max_length=60,
                                   required=False)
    files = MultipleFileField(label="信访材料（来信、照片等，可多选）")
    # The duplicate warning's "checked" and "confirmed" are not fields here: the warning
    # (register_duplicates.html) carries them, and the view compares them with what it finds.

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("received_on", timezone.localdate())
        self.fields["received_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        self.fields["category"].queryset = Category.objects.filter(is_active=True)
        units = Unit.objects.filter(is_active=True).exclude(kind=UnitKind.GRID).select_related(
            "parent").order_by("depth", "sort_order", "id")
        self.fields["origin_unit"].queryset = units.filter(pk__in=office_reach(user))
        self.fields["accused_unit"].queryset = units
        self.fields["accused_person"].queryset = (
            Person.objects.filter(is_active=True).select_related("unit")
            .order_by("unit__depth", "unit_id", "sort_order", "id"))
        self.fields["channel"].widget.attrs["autofocus"] = True


class PetitionerForm(forms.Form):
    """One petitioner; a row left blank is no petitioner. The ID number and phone are checked
    by the registration itself (and by register.js as they are typed)."""

    name = forms.CharField(label="姓名", max_length=60, required=False,
                           widget=forms.TextInput(attrs={"autocomplete": "off"}))
    id_number = forms.CharField(
        label="身份证号码", max_length=20, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text",
                                      "spellcheck": "false", "data-id-number": "",
                                      "maxlength": "18"}))
    phone = forms.CharField(label="联系电话", max_length=20, required=False,
                            widget=forms.TextInput(attrs={"autocomplete": "off",
                                                          "inputmode": "tel"}))
    address = forms.CharField(label="住址", max_length=200, required=False,
                              widget=forms.TextInput(attrs={"autocomplete": "off"}))

    def is_blank(self):
        data = getattr(self, "cleaned_data", {})
        return not any((data.get(field) or "").strip() for field in self.fields)

    def petitioner(self):
        return {field: (self.cleaned_data.get(field) or "").strip() for field in self.fields}


# Always five rows: without JavaScript they all show; register.js folds the empty ones away
# behind "添加信访人".
PetitionerFormSet = forms.formset_factory(PetitionerForm, extra=MAX_PETITIONERS,
                                          max_num=MAX_PETITIONERS,
                                          absolute_max=MAX_PETITIONERS, validate_max=True)


def petitioner_rows(formset):
    """The filled rows, in order, as (form, petitioner dict) for ``register_petition``."""
    return [(row, row.petitioner()) for row in formset if not row.is_blank()]
