"""The dashboard's question: which period, grouped how, over which time buckets."""

from django import forms

from .figures import BUCKETS, GROUPS, NAMED_PERIODS, PeriodError, asked_period

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CUSTOM = "custom"


class FiguresForm(forms.Form):
    period = forms.ChoiceField(label="统计期间", required=False,
                               choices=[*NAMED_PERIODS.items(), (CUSTOM, "自定义")])
    start = forms.DateField(label="起始日期", required=False, widget=DATE)
    end = forms.DateField(label="截止日期", required=False, widget=DATE)
    as_of = forms.DateField(label="统计截止日", required=False, widget=DATE,
                            help_text="留空按当前状态统计；填写则按该日的状态统计。")
    by = forms.ChoiceField(label="分组", required=False,
                           choices=[(g.name, f"按{g.label}") for g in GROUPS.values()])
    bucket = forms.ChoiceField(label="时间粒度", required=False,
                               choices=[("", "不分时段"), *BUCKETS.items()])

    DEFAULTS = {"period": "this_year", "by": "centre", "bucket": "month"}

    def __init__(self, data, today):
        # An empty question is the default one: this year, by centre and month.
        super().__init__(data if data else self.DEFAULTS)
        self.today = today

    def clean(self):
        data = super().clean()
        name = data.get("period") or ""
        if name == CUSTOM:
            if not data.get("start"):
                self.add_error("start", "请填写起始日期。")
            if not data.get("end"):
                self.add_error("end", "请填写截止日期。")
            name = None
        if self.errors:
            return data
        try:
            data["asked"] = asked_period(self.today, name or None, data.get("start"),
                                         data.get("end"), data.get("as_of"))
        except PeriodError as error:
            self.add_error(error.field, str(error))
        data["by"] = data.get("by") or "centre"
        data["bucket"] = data.get("bucket") or None
        return data
