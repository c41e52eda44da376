from django.conf import settings
from django.db import models
from django.utils import timezone

from ...org import pii
from ...org.fields import EncryptedTextField
from ..constants import Channel, Mode, Status


class Application(models.Model):
    """One application (办件): a citizen's request for one matter, under the version of the
    matter in force when it was made."""

    receipt_no = models.CharField("受理编号", max_length=20, unique=True)
    version = models.ForeignKey("hall.MatterVersion", verbose_name="事项（版本）",
                                on_delete=models.PROTECT, related_name="applications")
    centre = models.ForeignKey("hall.Centre", verbose_name="服务中心", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="applications")
    channel = models.CharField("申请渠道", max_length=10, choices=Channel.choices)
    mode = models.CharField("办理方式", max_length=10, choices=Mode.choices)
    applicant_name = models.CharField("申请人", max_length=60)
    id_number = EncryptedTextField("身份证号码")
    id_digest = models.CharField(max_length=64, db_index=True, editable=False)
    phone = EncryptedTextField("联系电话")
    phone_digest = models.CharField(max_length=64, db_index=True, editable=False)
    address = EncryptedTextField("上门地址", blank=True)
    appointment_at = models.DateTimeField("预约上门时间", null=True, blank=True)
    staff = models.ForeignKey("org.Person", verbose_name="代办/陪办人员", null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey("org.Unit", verbose_name="承办部门", on_delete=models.PROTECT,
                                   related_name="+")
    handler = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="承办人", null=True,
                                blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField("状态", max_length=15, choices=Status.choices)
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    deadline = models.DateField("承诺办结日期", null=True, blank=True)
    deadline_known = models.BooleanField("时限按法定日历计算", default=True)
    paused_on = models.DateField("补正起始日", null=True, blank=True)
    paused_from = models.CharField("补正前状态", max_length=15, blank=True)
    paused_days = models.PositiveSmallIntegerField("补正暂停工作日", default=0)
    completed_on = models.DateField("办结日期", null=True, blank=True)
    # Kept at the end so that figures average it in SQL rather than counting calendars per row.
    days_taken = models.PositiveSmallIntegerField(
        "办理用时（工作日）", null=True, blank=True,
        help_text="受理至办结的工作日数，不含补正等待。")
    reason = models.TextField("理由", blank=True)
    created_at = models.DateTimeField("提交时间", default=timezone.now)

    class Meta:
        verbose_name = "办件"
        verbose_name_plural = "办件"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["centre", "accepted_on"], name="application_centre_day"),
            models.Index(fields=["status", "deadline"], name="application_status_deadline"),
            # Covers the figures (hall.figures): a period's applications are read from the
            # index alone, without visiting the wide rows of encrypted personal data.
            models.Index(fields=["accepted_on", "status", "completed_on", "deadline",
                                 "days_taken", "centre", "department", "mode", "channel",
                                 "version"], name="application_figures"),
        ]

    def __str__(self):
        return f"{self.receipt_no} {self.version.name}"

    def save(self, *args, **kwargs):
        self.id_digest = pii.blind_index(pii.normalize_id_number(self.id_number))
        self.phone_digest = pii.blind_index(pii.normalize_phone(self.phone))
        super().save(*args, **kwargs)

    @property
    def id_number_masked(self):
        return pii.mask_id_number(self.id_number)

    @property
    def phone_masked(self):
        return pii.mask_phone(self.phone)
