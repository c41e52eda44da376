from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from ..constants import AttachmentPurpose, ExtensionStatus, ReviewKind


class Review(models.Model):
    """A 复查 or 复核: asked for on a written answer, answered in writing by a set date."""

    petition = models.ForeignKey("petitions.Petition", verbose_name="信访件",
                                 on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField("类别", max_length=10, choices=ReviewKind.choices)
    requested_on = models.DateField("请求日期")
    request_text = models.TextField("请求事项和理由")
    reviewing_unit = models.ForeignKey("org.Unit", verbose_name="复查（复核）机关", null=True,
                                       blank=True, on_delete=models.PROTECT, related_name="+")
    answer_due = models.DateField("答复期限")
    answer_text = models.TextField("复查（复核）意见", blank=True)
    answered_on = models.DateField("答复日期", null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="答复登记人",
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        verbose_name = "复查复核"
        verbose_name_plural = "复查复核"
        ordering = ["requested_on", "id"]
        constraints = [
            # 复查 once, then 复核 once: the regulation gives no third round.
            models.UniqueConstraint(fields=["petition", "kind"], name="one_review_each_kind"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.requested_on}"


class Extension(models.Model):
    """延期 of the handling time limit: asked for by the handling unit, decided by its head."""

    petition = models.ForeignKey("petitions.Petition", verbose_name="信访件",
                                 on_delete=models.CASCADE, related_name="extensions")
    days = models.PositiveSmallIntegerField("延长天数")
    reason = models.TextField("延期理由")
    old_due = models.DateField("原办理期限")
    new_due = models.DateField("延长后期限")
    status = models.CharField("审批状态", max_length=12, choices=ExtensionStatus.choices,
                              default=ExtensionStatus.REQUESTED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="申请人", null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField("申请时间", default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审批人", null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    decision_note = models.TextField("审批意见", blank=True)

    class Meta:
        verbose_name = "延期申请"
        verbose_name_plural = "延期申请"
        ordering = ["requested_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["petition"], condition=Q(status="requested"),
                                    name="one_open_petition_extension"),
        ]

    def __str__(self):
        return f"延期 {self.days} 天"


def attachment_path(instance, filename):
    # A random name on disk: the uploaded name is kept in the row, never used as a path.
    return f"petitions/{timezone.now():%Y%m}/{instance.token}"


class Attachment(models.Model):
    """A file of a petition (the letter, a photo, the written reply): as confidential as the
    petition itself, so it is only ever served through ``visible_petitions``."""

    petition = models.ForeignKey("petitions.Petition", verbose_name="信访件",
                                 on_delete=models.CASCADE, related_name="attachments")
    token = models.CharField(max_length=32, unique=True, editable=False)
    file = models.FileField("文件", upload_to=attachment_path, max_length=200)
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveBigIntegerField("大小（字节）")
    content_type = models.CharField("类型", max_length=100)
    purpose = models.CharField("用途", max_length=20, choices=AttachmentPurpose.choices)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="上传人", null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField("上传时间", default=timezone.now)

    class Meta:
        verbose_name = "信访附件"
        verbose_name_plural = "信访附件"
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.name
