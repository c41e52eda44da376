from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

POINTS = {"max_digits": 6, "decimal_places": 2, "validators": [MinValueValidator(Decimal(0))]}


class Scheme(models.Model):
    """考核办法: how the monthly assessment scores a unit.

    score = base − min(deductions, deduction cap) + Σ weight × rate + min(bonus, bonus cap).
    A rate a unit has nothing to be measured by (no application completed, no petition due)
    earns the whole weight: no business, nothing lost.
    """

    name = models.CharField("名称", max_length=60, unique=True)
    base = models.DecimalField("基础分", default=Decimal(70), **POINTS)
    per_overdue = models.DecimalField("每件逾期未销号事项扣分", default=Decimal(2), **POINTS)
    per_late_close = models.DecimalField("每件逾期销号事项扣分", default=Decimal(1), **POINTS)
    per_overdue_petition = models.DecimalField("每件信访逾期未答复扣分", default=Decimal(1),
                                               **POINTS)
    deduction_cap = models.DecimalField("扣分上限", default=Decimal(30), **POINTS)
    on_time_weight = models.DecimalField("按时办结率权重分", default=Decimal(15), **POINTS)
    satisfaction_weight = models.DecimalField("满意率权重分", default=Decimal(15), **POINTS)
    bonus_cap = models.DecimalField("加分上限", default=Decimal(5), **POINTS)
    is_active = models.BooleanField("在用", default=True)
    created_at = models.DateTimeField("创建时间", default=timezone.now)

    class Meta:
        verbose_name = "考核办法"
        verbose_name_plural = "考核办法"
        ordering = ["-is_active", "name"]

    def __str__(self):
        return self.name

    @property
    def full_marks(self):
        return self.base + self.on_time_weight + self.satisfaction_weight + self.bonus_cap


class Bonus(models.Model):
    """加分项: points the office awards a unit for a month, with the reason on record."""

    unit = models.ForeignKey("org.Unit", verbose_name="单位", on_delete=models.PROTECT,
                             related_name="+")
    month = models.DateField("考核月份", help_text="该月的第一天")
    points = models.DecimalField("加分", **POINTS)
    reason = models.CharField("加分事由", max_length=200)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True,
                                 on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField("登记时间", default=timezone.now)

    class Meta:
        verbose_name = "加分项"
        verbose_name_plural = "加分项"
        ordering = ["month", "unit", "pk"]

    def __str__(self):
        return f"{self.unit} {self.month:%Y年%m月} +{self.points}：{self.reason}"
