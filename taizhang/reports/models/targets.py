from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone


class Target(models.Model):
    """目标: a promise of the year, measured from the records by a registered metric. Its
    actual value and progress are never stored: ``targets.progress`` works them out."""

    name = models.CharField("目标名称", max_length=100)
    year = models.PositiveSmallIntegerField("年度")
    unit = models.ForeignKey("org.Unit", verbose_name="责任单位", on_delete=models.PROTECT,
                             related_name="+")
    metric = models.CharField("统计口径", max_length=60)
    option = models.CharField("统计范围", max_length=60, blank=True)
    target_value = models.PositiveIntegerField("目标值", validators=[MinValueValidator(1)])
    sort_order = models.PositiveIntegerField("排序", default=0)
    created_at = models.DateTimeField("创建时间", default=timezone.now)

    class Meta:
        verbose_name = "目标"
        verbose_name_plural = "目标"
        ordering = ["-year", "sort_order", "pk"]

    def __str__(self):
        return f"{self.year}年 {self.name}"
