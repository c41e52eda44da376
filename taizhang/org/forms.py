from django import forms
from django.utils.translation import gettext_lazy as _


class DeadlineForm(forms.Form):
    start = forms.DateField(label=_("起算日"), widget=forms.DateInput(attrs={"type": "date"}),
                            error_messages={"invalid": _("请输入有效日期，如 2026-09-28。")})
    working_days = forms.IntegerField(
        label=_("工作日数"), min_value=0, max_value=3650,
        error_messages={
            "min_value": _("工作日数不能为负数。"),
            "max_value": _("工作日数最多 3650 天。"),
        },
        help_text=_("0 表示即办（当日办结）。"),
    )
