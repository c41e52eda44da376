from django.core.exceptions import ValidationError
from django.db import models

from ..constants import Counting, LimitKind


class TimeLimit(models.Model):
    """One configurable time limit (期限设置), seeded with the regulation's defaults.

    ``legal_days`` is the regulation's figure and cannot be changed here: a district may
    shorten a statutory limit, never lengthen it.
    """

    kind = models.CharField("期限", max_length=20, choices=LimitKind.choices, unique=True)
    days = models.PositiveSmallIntegerField("天数")
    counting = models.CharField("计算方式", max_length=10, choices=Counting.choices,
                                default=Counting.CALENDAR,
                                help_text="条例规定的期限以“日”计；按工作日计算时实际期限会更长。")
    legal_days = models.PositiveSmallIntegerField("法定上限（天）", null=True, blank=True,
                                                  editable=False)
    basis = models.CharField("依据", max_length=200, blank=True)

    class Meta:
        verbose_name = "信访期限设置"
        verbose_name_plural = "信访期限设置"
        ordering = ["id"]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.days}{self.get_counting_display()}"

    def clean(self):
        if self.days < 1:
            raise ValidationError({"days": "天数至少为 1。"})
        if self.legal_days is not None and self.days > self.legal_days:
            raise ValidationError({"days": f"不能超过法定期限 {self.legal_days} 日。"})
        if self.kind == LimitKind.REPEAT_WINDOW and self.counting != Counting.CALENDAR:
            # It bounds an indexed date range at every registration: a plain subtraction.
            raise ValidationError({"counting": "重复信访认定期间按自然日计算。"})
