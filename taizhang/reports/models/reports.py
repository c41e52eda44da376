from django.conf import settings
from django.db import models
from django.utils import timezone

from ..constants import ReportKind, ReportScope, ReportStatus


class Report(models.Model):
    """One version of a 周通报, 月考核 or 季讲评. ``content`` holds every figure as it was
    computed; once published it is never written again (a correction is a new version)."""

    kind = models.CharField("类型", max_length=10, choices=ReportKind.choices)
    scope = models.CharField("范围", max_length=10, choices=ReportScope.choices)
    start = models.DateField("统计起始日")
    end = models.DateField("统计截止日")
    version = models.PositiveSmallIntegerField("版本", default=1)
    corrects = models.ForeignKey("self", verbose_name="更正的通报", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="corrections")
    correction_note = models.TextField("更正说明", blank=True)
    status = models.CharField("状态", max_length=10, choices=ReportStatus.choices,
                              default=ReportStatus.DRAFT)
    title = models.CharField("标题", max_length=120)
    scheme = models.ForeignKey("reports.Scheme", verbose_name="考核办法", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="reports")
    content = models.JSONField("统计内容", default=dict)
    narrative = models.JSONField("文字部分", default=dict, blank=True)
    computed_at = models.DateTimeField("数据生成时间", default=timezone.now)
    year = models.PositiveSmallIntegerField("发文年度", null=True, blank=True)
    serial = models.PositiveIntegerField("发文序号", null=True, blank=True)
    number = models.CharField("发文字号", max_length=40, blank=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="发布人", null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="生成人", null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("生成时间", default=timezone.now)

    class Meta:
        verbose_name = "通报"
        verbose_name_plural = "通报"
        ordering = ["-end", "kind", "scope", "-version"]
        constraints = [
            # The schedule and the office may both ask for a period's report: one draft.
            models.UniqueConstraint(fields=["kind", "scope", "start", "end", "version"],
                                    name="report_one_per_period_version"),
            models.UniqueConstraint(fields=["kind", "year", "serial"],
                                    name="report_unique_number"),
        ]

    def __str__(self):
        return f"{self.title}（{self.number}）" if self.number else self.title

    @property
    def is_published(self):
        return self.status == ReportStatus.PUBLISHED
