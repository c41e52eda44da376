from django.db import models
from django.utils import timezone


class MonthFigures(models.Model):
    """A finished month's figures (the applications accepted in it, as they stood when the
    night's summary ran) for one centre and department: what the leaders' dashboard reads
    instead of counting a year of applications on every visit. Rebuilt every night."""

    month = models.DateField("月份", help_text="该月的第一天")
    centre = models.ForeignKey("hall.Centre", verbose_name="服务中心", null=True,
                               on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey("org.Unit", verbose_name="承办部门", on_delete=models.CASCADE,
                                   related_name="+")
    figures = models.JSONField("统计数")

    class Meta:
        verbose_name = "月度办件汇总"
        verbose_name_plural = "月度办件汇总"
        indexes = [models.Index(fields=["month"], name="month_figures_month")]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.department_id}/{self.centre_id}"


class SummarisedMonth(models.Model):
    """A month whose ``MonthFigures`` are complete, and when they were counted."""

    month = models.DateField("月份", primary_key=True)
    computed_at = models.DateTimeField("汇总时间", default=timezone.now)

    class Meta:
        verbose_name = "已汇总月份"
        verbose_name_plural = "已汇总月份"

    def __str__(self):
        return f"{self.month:%Y-%m}"
