from django.conf import settings
from django.db import models
from django.utils import timezone

from ..constants import Category


class Matter(models.Model):
    """A matter of the catalogue (事项). Its particulars live in versions: every change makes a
    new ``MatterVersion``, and an application keeps the version it was made under."""

    code = models.CharField("事项编码", max_length=30, unique=True)
    current = models.OneToOneField(
        "hall.MatterVersion", verbose_name="现行版本", null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    centres = models.ManyToManyField("hall.Centre", verbose_name="可办理的服务中心", blank=True,
                                     related_name="matters")
    is_active = models.BooleanField("在用", default=True)

    class Meta:
        verbose_name = "服务事项"
        verbose_name_plural = "服务事项"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.current.name if self.current_id else ''}".strip()


class MatterVersion(models.Model):
    matter = models.ForeignKey(Matter, verbose_name="事项", on_delete=models.CASCADE,
                               related_name="versions")
    number = models.PositiveIntegerField("版本号")
    name = models.CharField("事项名称", max_length=100)
    initials = models.CharField("拼音首字母", max_length=100, db_index=True, editable=False)
    department = models.ForeignKey("org.Unit", verbose_name="实施部门", on_delete=models.PROTECT,
                                   related_name="+")
    category = models.CharField("事项类型", max_length=20, choices=Category.choices)
    legal_basis = models.TextField("设定依据")
    # [{"name": …, "form": MaterialForm, "copies": n, "note": …}, …]
    materials = models.JSONField("申请材料", default=list)
    # ["受理", "审核", …]: the process, drawn as a flow chart on the public page.
    steps = models.JSONField("办理流程", default=list)
    time_limit = models.PositiveSmallIntegerField("承诺时限（工作日）",
                                                  help_text="0 表示即来即办、当场办结。")
    fee = models.CharField("收费标准", max_length=200, default="不收费")
    modes = models.JSONField("办理方式", default=list,
                             help_text="即办、代办、陪办、上门办理中的若干项。")
    online = models.BooleanField("可网上申请", default=False)
    max_trips = models.PositiveSmallIntegerField("最多跑动次数", default=1)
    change_note = models.CharField("修订说明", max_length=200, blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="修订人", null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    changed_at = models.DateTimeField("修订时间", default=timezone.now)

    class Meta:
        verbose_name = "事项版本"
        verbose_name_plural = "事项版本"
        ordering = ["matter_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["matter", "number"], name="matter_version_once"),
        ]

    def __str__(self):
        return f"{self.name}（第 {self.number} 版）"
