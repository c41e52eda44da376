from django.db import models

from ..constants import CalendarDayKind


class CalendarYear(models.Model):
    """A year's official holiday schedule as entered by the administrator.

    When a year is entered here it wins over the chinesecalendar package for that year:
    listed days are holidays or make-up working days, every other day follows Mon–Fri.
    """

    year = models.PositiveSmallIntegerField("年份", unique=True)
    source = models.CharField(
        "依据", max_length=200, blank=True,
        help_text="如：国务院办公厅关于2027年部分节假日安排的通知",
    )
    published_on = models.DateField("发布日期", null=True, blank=True)

    class Meta:
        verbose_name = "年度节假日安排"
        verbose_name_plural = "年度节假日安排"
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year}年节假日安排"


class CalendarDay(models.Model):
    year = models.ForeignKey(
        CalendarYear, verbose_name="年度", on_delete=models.CASCADE, related_name="days"
    )
    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=10, choices=CalendarDayKind.choices)
    name = models.CharField("节日", max_length=40, blank=True, help_text="如：春节、国庆节")

    class Meta:
        verbose_name = "节假日或调休日"
        verbose_name_plural = "节假日和调休日"
        ordering = ["date"]

    def __str__(self):
        return f"{self.date} {self.get_kind_display()} {self.name}".strip()
