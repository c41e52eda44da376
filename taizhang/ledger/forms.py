"""Forms of the ledger pages. They check the shape of the input; the rules decide the rest."""

from django import forms
from django.db.models import Case, IntegerField, Value, When
from django.urls import reverse

from ..org.constants import Rank, UnitKind
from ..org.models import Person
from ..org.visibility import restrict, visible_units
from .constants import Action, Frequency, ItemStatus, Light
from .models import Ledger, LedgerKind
from .queries import visible_items, visible_ledgers

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": "请输入有效日期，如 2026-06-30。"}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; the rules check each file's kind and size."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


def units_for(user):
    """Units an item can be given to: those in use that the user may see, grids excluded."""
    return (visible_units(user).filter(is_active=True).exclude(kind=UnitKind.GRID)
            .order_by("depth", "sort_order", "id"))


def leaders_for(user):
    """People who can be responsible leaders, those of county rank (县级领导) first."""
    county_first = Case(When(rank=Rank.COUNTY, then=Value(0)), default=Value(1),
                        output_field=IntegerField())
    return (restrict(Person.objects.filter(is_active=True), user).select_related("unit")
            .order_by(county_first, "unit__depth", "unit_id", "sort_order", "id"))


class LeaderChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person):
        title = person.title or person.get_rank_display()
        return f"{person.name}（{person.unit.name} · {title}）"


class LedgerForm(forms.ModelForm):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)

    class Meta:
        model = Ledger
        fields = ["kind", "name", "unit", "year", "code_prefix", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = LedgerKind.objects.all()
        self.fields["kind"].help_text = (
            "没有合适的类型时，请系统管理员在“系统管理 › 台账类型”中添加。")
        self.fields["unit"].queryset = units_for(user)
        self.fields["code_prefix"].widget.attrs["placeholder"] = "如 MS2026"

    def clean(self):
        # Said the way a clerk would say it; a field with an error skips Django's own check.
        data = super().clean()
        if {"unit", "year", "name"} <= data.keys() and Ledger.objects.filter(
            unit=data["unit"], year=data["year"], name=data["name"]
        ).exists():
            self.add_error("name", f"{data['unit'].name}{data['year']}年已有名为"
                                   f"“{data['name']}”的台账。")
        return data


class MilestoneForm(forms.Form):
    title = forms.CharField(label="节点内容", max_length=200, required=False)
    due = forms.DateField(label="节点时限", required=False, widget=DATE,
                          error_messages=DATE_ERRORS)

    def clean(self):
        data = super().clean()
        if data.get("title") and not data.get("due"):
            self.add_error("due", "请填写该节点的时限。")
        if data.get("due") and not data.get("title"):
            self.add_error("title", "请填写节点内容。")
        return data


MilestoneFormSet = forms.formset_factory(MilestoneForm, extra=3, max_num=20)


class ItemForm(forms.Form):
    ledger = forms.ModelChoiceField(label="所属台账", queryset=Ledger.objects.none())
    title = forms.CharField(label="事项名称", max_length=200)
    leader = LeaderChoiceField(label="责任领导", queryset=Person.objects.none())
    lead_unit = forms.ModelChoiceField(label="责任单位", queryset=None)
    cooperating_units = forms.ModelMultipleChoiceField(
        label="配合单位", queryset=None, required=False,
        help_text="可多选（按住 Ctrl 键点选）。",
    )
    goal = forms.CharField(label="目标任务", required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))
    measures = forms.CharField(label="工作措施", required=False,
                               widget=forms.Textarea(attrs={"rows": 3}))
    deadline = forms.DateField(label="完成时限", required=False, widget=DATE,
                               error_messages=DATE_ERRORS)
    working_days = forms.IntegerField(
        label="或：交办后工作日数", required=False, min_value=1, max_value=3650,
        help_text="不填完成时限时，按交办之日起的工作日数计算（节假日不计）。",
        error_messages={"min_value": "工作日数至少为 1。", "max_value": "工作日数最多 3650 天。"},
    )
    frequency = forms.ChoiceField(label="报送频次", choices=Frequency.choices,
                                  initial=Frequency.MONTHLY)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ledger"].queryset = visible_ledgers(user).select_related("kind")
        self.fields["leader"].queryset = leaders_for(user)
        self.fields["lead_unit"].queryset = units_for(user)
        self.fields["cooperating_units"].queryset = units_for(user)
        self.fields["working_days"].widget.attrs.update({
            "hx-get": reverse("ledger:deadline_preview"), "hx-trigger": "input changed delay:400ms",
            "hx-target": "#deadline-preview",
        })

    def clean(self):
        data = super().clean()
        deadline, days = data.get("deadline"), data.get("working_days")
        if deadline and days:
            self.add_error("working_days", "已填写完成时限，请不要再填写工作日数。")
        elif not deadline and days is None and "deadline" not in self.errors:
            self.add_error("deadline", "请填写完成时限，或交办后的工作日数。")
        lead, cooperating = data.get("lead_unit"), data.get("cooperating_units") or []
        if lead and lead in cooperating:
            self.add_error("cooperating_units", f"{lead.name}已是责任单位，不必再列为配合单位。")
        return data


# Transition forms. Each carries the status the person saw, so acting on a stale page is
# refused with a conflict instead of happening twice.


class ActionForm(forms.Form):
    expected_status = forms.ChoiceField(choices=ItemStatus.choices, widget=forms.HiddenInput)


class AssignForm(ActionForm):
    note = forms.CharField(label="交办意见", required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class ReportForm(ActionForm):
    text = forms.CharField(label="进展情况", widget=forms.Textarea(attrs={"rows": 4}),
                           error_messages={"required": "请填写进展情况。"})
    files = MultipleFileField(label="附件")
    milestones = forms.MultipleChoiceField(label="本次完成的节点", required=False,
                                           widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        open_ones = [m for m in item.milestones.all() if m.done_on is None]
        self.fields["milestones"].choices = [
            (str(m.pk), f"{m.title}（时限 {m.due:%Y年%m月%d日}）") for m in open_ones
        ]
        if not open_ones:
            del self.fields["milestones"]


class RequestCloseForm(ActionForm):
    evidence = forms.CharField(label="完成情况说明", required=False,
                               widget=forms.Textarea(attrs={"rows": 4}),
                               help_text="说明和佐证材料至少提供一项。")
    files = MultipleFileField(label="佐证材料")


class CloseOutForm(ActionForm):
    note = forms.CharField(label="审核意见", required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class ReturnForm(ActionForm):
    reason = forms.CharField(label="退回理由", widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "请填写退回理由。"})


class RequestExtensionForm(ActionForm):
    new_deadline = forms.DateField(
        label="申请延至", widget=DATE,
        error_messages={**DATE_ERRORS, "required": "请填写新的完成时限。"},
    )
    reason = forms.CharField(label="延期理由", widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "请填写延期理由。"})


class DecideExtensionForm(ActionForm):
    note = forms.CharField(label="审批意见", required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


ACTION_FORMS = {
    Action.ASSIGN: AssignForm,
    Action.REPORT: ReportForm,
    Action.REQUEST_CLOSE: RequestCloseForm,
    Action.CLOSE_OUT: CloseOutForm,
    Action.RETURN: ReturnForm,
    Action.REQUEST_EXTENSION: RequestExtensionForm,
    Action.APPROVE_EXTENSION: DecideExtensionForm,
    Action.REJECT_EXTENSION: DecideExtensionForm,
}


def action_form(action, item, data=None, files=None):
    """The form for ``action`` on ``item``; unbound forms start from the item's status."""
    form_class = ACTION_FORMS[action]
    kwargs = {"item": item} if form_class is ReportForm else {}
    form = form_class(data, files, initial={"expected_status": item.status},
                      prefix=action, **kwargs)
    form.action, form.action_label = action, Action(action).label
    return form


class ItemFilterForm(forms.Form):
    """The filter bar of the item list; ``filters.ItemFilter`` reads the same parameters."""

    q = forms.CharField(label="关键词", required=False,
                        widget=forms.TextInput(attrs={"type": "search",
                                                      "placeholder": "事项名称、编号、目标或措施"}))
    ledger = forms.ChoiceField(label="台账", required=False)
    kind = forms.ChoiceField(label="类型", required=False)
    status = forms.ChoiceField(label="状态", required=False,
                               choices=[("", "全部"), *ItemStatus.choices])
    light = forms.ChoiceField(label="预警", required=False, choices=[("", "全部"), *Light.choices])
    unit = forms.ChoiceField(label="责任单位", required=False)
    leader = forms.ChoiceField(label="责任领导", required=False)
    overdue = forms.BooleanField(label="只看逾期", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", "全部")]
        self.fields["ledger"].choices = everything + [
            (str(ledger.pk), str(ledger)) for ledger in visible_ledgers(user)]
        self.fields["kind"].choices = everything + list(
            LedgerKind.objects.values_list("code", "name"))
        self.fields["unit"].choices = everything + [
            (str(unit.pk), unit.name) for unit in units_for(user)]
        leaders = Person.objects.filter(pk__in=visible_items(user).values("leader_id"))
        self.fields["leader"].choices = everything + [
            (str(person.pk), person.name) for person in leaders.order_by("name")]
