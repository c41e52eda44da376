from django.conf import settings
from django.db import models
from django.utils import timezone

from ..constants import ExtensionStatus, Frequency, ItemStatus, WarningLevel


class Item(models.Model):
    """One promise in a ledger (台账事项): who, what, by when, and whether it is really done."""

    ledger = models.ForeignKey("ledger.Ledger", verbose_name="台账", on_delete=models.PROTECT,
                               related_name="items")
    code = models.CharField("编号", max_length=30)
    title = models.CharField("事项名称", max_length=200)
    leader = models.ForeignKey("org.Person", verbose_name="责任领导", on_delete=models.PROTECT,
                               related_name="led_items")
    lead_unit = models.ForeignKey("org.Unit", verbose_name="责任单位", on_delete=models.PROTECT,
                                  related_name="lead_items")
    cooperating_units = models.ManyToManyField(
        "org.Unit", verbose_name="配合单位", blank=True, related_name="cooperating_items"
    )
    goal = models.TextField("目标任务", blank=True)
    measures = models.TextField("工作措施", blank=True)
    deadline = models.DateField("完成时限", null=True, blank=True)
    working_days = models.PositiveSmallIntegerField(
        "办理时限（工作日）", null=True, blank=True,
        help_text="填写后，完成时限按交办之日起的工作日计算。",
    )
    deadline_known = models.BooleanField(
        "时限按法定日历计算", default=True,
        help_text="为否时，时限跨越了尚未公布放假安排的年份，暂按周一至周五计算。",
    )
    frequency = models.CharField("报送频次", max_length=10, choices=Frequency.choices,
                                 default=Frequency.MONTHLY)
    status = models.CharField("状态", max_length=20, choices=ItemStatus.choices,
                              default=ItemStatus.PENDING, db_index=True)
    assigned_on = models.DateField("交办日期", null=True, blank=True)
    last_reported_on = models.DateField("最近报送日期", null=True, blank=True)
    close_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="申请销号人", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    close_evidence = models.TextField("销号依据", blank=True)
    closed_on = models.DateField("销号日期", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="销号审核人", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "台账事项"
        verbose_name_plural = "台账事项"
        ordering = ["ledger_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["ledger", "code"], name="item_code_once"),
        ]
        indexes = [
            # The warning scan and overdue lists: open items by deadline, per lead unit.
            models.Index(fields=["status", "deadline"], name="item_status_deadline"),
            # The same, and with what else a light is made of, so that counting the lights of
            # a unit's (or every unit's) open items reads the index alone (340 → 60 ms over
            # 60,000 open items on SQLite).
            models.Index(fields=["lead_unit", "status", "deadline", "frequency",
                                 "last_reported_on"], name="item_unit_lights"),
            models.Index(fields=["leader", "status"], name="item_leader_status"),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    @property
    def is_open(self):
        return self.status != ItemStatus.CLOSED


class Milestone(models.Model):
    item = models.ForeignKey(Item, verbose_name="事项", on_delete=models.CASCADE,
                             related_name="milestones")
    title = models.CharField("节点内容", max_length=200)
    due = models.DateField("节点时限")
    done_on = models.DateField("完成日期", null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "节点"
        verbose_name_plural = "节点"
        ordering = ["due", "sort_order", "id"]
        indexes = [
            models.Index(fields=["item", "done_on", "due"]),
            # "Is a milestone late?" is asked of every item on every list: open ones by due.
            models.Index(fields=["due", "item"], condition=models.Q(done_on__isnull=True),
                         name="milestone_open_due"),
        ]

    def __str__(self):
        return self.title


class ProgressReport(models.Model):
    item = models.ForeignKey(Item, verbose_name="事项", on_delete=models.CASCADE,
                             related_name="reports")
    text = models.TextField("进展情况")
    reported_on = models.DateField("报送日期")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="报送人", null=True,
                               on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField("报送时间", default=timezone.now)

    class Meta:
        verbose_name = "进展情况"
        verbose_name_plural = "进展情况"
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.reported_on} {self.text[:20]}"


def attachment_path(instance, filename):
    # A random name on disk: the original name is kept in the row, never trusted as a path.
    return f"ledger/{instance.item_id}/{timezone.now():%Y%m}/{instance.token}"


class Attachment(models.Model):
    item = models.ForeignKey(Item, verbose_name="事项", on_delete=models.CASCADE,
                             related_name="attachments")
    report = models.ForeignKey(ProgressReport, verbose_name="所附进展", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="attachments")
    token = models.CharField(max_length=32, unique=True, editable=False)
    file = models.FileField("文件", upload_to=attachment_path, max_length=200)
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveBigIntegerField("大小（字节）")
    content_type = models.CharField("类型", max_length=100)
    purpose = models.CharField("用途", max_length=20, blank=True,
                               help_text="progress：进展材料；evidence：销号依据。")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="上传人", null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField("上传时间", default=timezone.now)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.name


class Extension(models.Model):
    """延期: asked for by the lead unit, decided by the responsible leader; both dates kept."""

    item = models.ForeignKey(Item, verbose_name="事项", on_delete=models.CASCADE,
                             related_name="extensions")
    reason = models.TextField("延期理由")
    old_deadline = models.DateField("原完成时限", null=True)
    new_deadline = models.DateField("申请完成时限")
    status = models.CharField("审批状态", max_length=12, choices=ExtensionStatus.choices,
                              default=ExtensionStatus.REQUESTED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="申请人",
                                     null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField("申请时间", default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审批人", null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    decision_note = models.TextField("审批意见", blank=True)

    class Meta:
        verbose_name = "延期申请"
        verbose_name_plural = "延期申请"
        ordering = ["-requested_at", "-id"]
        constraints = [
            # At most one undecided request per item.
            models.UniqueConstraint(fields=["item"], condition=models.Q(status="requested"),
                                    name="one_open_extension"),
        ]

    def __str__(self):
        return f"{self.item.code} 延期至 {self.new_deadline}"


class Warning(models.Model):
    """A 催办 or 督办 that was sent: one per item, level and deadline, claimed atomically.

    The unique constraint is what makes the scan safe to rerun and to run twice at once; an
    approved extension moves the deadline and so opens a new stage.
    """

    item = models.ForeignKey(Item, verbose_name="事项", on_delete=models.CASCADE,
                             related_name="warnings")
    level = models.CharField("类别", max_length=12, choices=WarningLevel.choices)
    stage = models.CharField(
        "阶段", max_length=10, help_text="发出时的完成时限（YYYY-MM-DD），无时限为 none。"
    )
    reason = models.CharField("原因", max_length=200)
    claimed_by = models.CharField("扫描批次", max_length=32, db_index=True)
    created_at = models.DateTimeField("发出时间", default=timezone.now)

    class Meta:
        verbose_name = "催办督办记录"
        verbose_name_plural = "催办督办记录"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["item", "level", "stage"],
                                    name="warning_once_per_stage"),
        ]

    def __str__(self):
        return f"{self.get_level_display()} {self.item_id}"
