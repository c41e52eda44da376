from datetime import date

from django import forms

from ..org.models import Unit
from . import metrics
from .constants import ReportKind, ReportScope
from .models import Bonus, Scheme, Target
from .units import ranked_units

DATE = forms.DateInput(attrs={"type": "date"})


class GenerateForm(forms.Form):
    kind = forms.ChoiceField(label="通报类型", choices=ReportKind.choices)
    scope = forms.ChoiceField(label="统计范围", choices=ReportScope.choices,
                              initial=ReportScope.ALL)
    day = forms.DateField(label="所属期间内的任一日期", widget=DATE,
                          help_text="例如生成 11 月的月考核，填 11 月内的任一天。")

    def __init__(self, *args, scopes=None, **kwargs):
        super().__init__(*args, **kwargs)
        if scopes is not None:  # the petition office: its own reports only
            self.fields["scope"].choices = [(value, label) for value, label
                                            in ReportScope.choices if value in scopes]


class NarrativeForm(forms.Form):
    """One text box per paragraph the office may rewrite, pre-filled with what it says now."""

    LABELS = {"summary": "总体情况", "scheme": "考核办法说明", "next_steps": "下步工作"}

    def __init__(self, *args, blocks, narrative, **kwargs):
        super().__init__(*args, **kwargs)
        for block in blocks:
            key = block.get("key")
            if block["type"] == "paragraph" and key:
                self.fields[key] = forms.CharField(
                    label=self.LABELS.get(key, key), required=False, max_length=5000,
                    initial=narrative.get(key, block["text"]),
                    widget=forms.Textarea(attrs={"rows": 5}))


class CorrectForm(forms.Form):
    note = forms.CharField(label="更正内容和原因", max_length=500,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text="将印在更正版正文之前，例如“第三部分表4中城关镇的逾期件数有误”。")


class TargetForm(forms.ModelForm):
    metric = forms.ChoiceField(label="统计口径")
    option = forms.ChoiceField(label="统计范围", required=False,
                               help_text="部分统计口径可限定范围，例如“台账事项销号”可限定为某本台账；"
                                         "不限则选“不限”。")

    class Meta:
        model = Target
        fields = ["name", "year", "unit", "metric", "option", "target_value", "sort_order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["metric"].choices = metrics.choices()
        self.fields["option"].choices = [("", "不限"), *(
            (metric.label, metric.options()) for metric in metrics.with_options())]
        self.fields["unit"].queryset = Unit.objects.filter(is_active=True).order_by(
            "depth", "sort_order", "pk")
        self.fields["year"].initial = date.today().year

    def clean(self):
        cleaned = super().clean()
        metric = metrics.get(cleaned.get("metric") or "")
        option = cleaned.get("option") or ""
        if metric and option:
            if metric.options is None:
                self.add_error("option", f"“{metric.label}”不需要参数，请留空。")
            elif option not in dict(metric.options()):
                self.add_error("option", f"所选参数不属于“{metric.label}”，请在"
                                         f"“{metric.label}”之下选择{metric.option_label}。")
        return cleaned


class SchemeForm(forms.ModelForm):
    class Meta:
        model = Scheme
        fields = ["name", "base", "per_overdue", "per_late_close", "per_overdue_petition",
                  "deduction_cap", "on_time_weight", "satisfaction_weight", "bonus_cap",
                  "is_active"]


class BonusForm(forms.ModelForm):
    month = forms.DateField(label="考核月份（该月内任一日）", widget=DATE)

    class Meta:
        model = Bonus
        fields = ["unit", "month", "points", "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ids = [unit.id for unit in ranked_units()]
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=ids).order_by(
            "sort_order", "pk")

    def clean_month(self):
        return self.cleaned_data["month"].replace(day=1)

    def clean_points(self):
        points = self.cleaned_data["points"]
        if points <= 0:
            raise forms.ValidationError("加分应大于 0。")
        return points
