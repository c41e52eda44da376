from django.contrib import admin
from django.db.models import Count
from django.forms.models import BaseInlineFormSet

from ..models import CalendarDay, CalendarYear


class CalendarDayFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        # The inline forms cannot see the year being entered above them; the formset can.
        year = self.instance.year
        if not isinstance(year, int):
            return
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue
            day = form.cleaned_data.get("date")
            if day is not None and day.year != year:
                form.add_error("date", f"日期 {day.isoformat()} 不在 {year} 年内。")


class CalendarDayInline(admin.TabularInline):
    model = CalendarDay
    formset = CalendarDayFormSet
    fields = ["date", "kind", "name"]
    extra = 3


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    """Each November the administrator enters next year's schedule from the State Council notice.

    A year entered here replaces the chinesecalendar package for that whole year: list every
    holiday (放假) and every make-up working day (调休上班); other days follow Monday to Friday.
    """

    list_display = ["year", "source", "published_on", "day_count"]
    search_fields = ["source"]
    inlines = [CalendarDayInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(day_count=Count("days"))

    @admin.display(description="已录入日期数", ordering="day_count")
    def day_count(self, obj):
        return obj.day_count
