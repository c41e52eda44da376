from django.db import models
from django.utils import timezone

from ..constants import Grade


def material_path(instance, filename):
    # A random name on disk: the citizen's file name is kept in the row, never used as a path.
    return f"hall/{timezone.now():%Y%m}/{instance.token}"


class ApplicationFile(models.Model):
    """A material uploaded with an online application (申请材料电子件)."""

    application = models.ForeignKey("hall.Application", verbose_name="办件",
                                    on_delete=models.CASCADE, related_name="files")
    material = models.CharField("对应材料", max_length=200, blank=True)
    token = models.CharField(max_length=32, unique=True, editable=False)
    file = models.FileField("文件", upload_to=material_path, max_length=200)
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveBigIntegerField("大小（字节）")
    content_type = models.CharField("类型", max_length=100)
    uploaded_at = models.DateTimeField("上传时间", default=timezone.now)

    class Meta:
        verbose_name = "申请材料"
        verbose_name_plural = "申请材料"
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.name


class Rating(models.Model):
    """The applicant's rating of one application (好差评), given once."""

    application = models.OneToOneField("hall.Application", verbose_name="办件",
                                       on_delete=models.CASCADE, related_name="rating")
    grade = models.PositiveSmallIntegerField("评价", choices=Grade.choices)
    comment = models.TextField("评价内容", blank=True)
    rated_at = models.DateTimeField("评价时间", default=timezone.now)
    # The rectification item a bad rating opened in the centre's ledger (整改事项).
    rectification = models.OneToOneField("ledger.Item", verbose_name="整改事项", null=True,
                                         blank=True, on_delete=models.SET_NULL,
                                         related_name="hall_rating")

    class Meta:
        verbose_name = "好差评"
        verbose_name_plural = "好差评"
        ordering = ["-rated_at", "-id"]
        indexes = [models.Index(fields=["grade", "rated_at"], name="rating_grade_day")]

    def __str__(self):
        return f"{self.application.receipt_no} {self.get_grade_display()}"
