from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from ...org import pii
from ...org.fields import EncryptedTextField
from ..constants import GROUP_VISIT_MIN, Channel, Evaluation, Status


class Category(models.Model):
    """征地拆迁, 劳动社保 …: seeded by a migration, extended by administrators."""

    code = models.SlugField("代码", max_length=30, unique=True)
    name = models.CharField("名称", max_length=40, unique=True)
    sort_order = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("在用", default=True)

    class Meta:
        verbose_name = "信访事项类别"
        verbose_name_plural = "信访事项类别"
        ordering = ["sort_order", "id"]

    def __str__(self):
        return self.name


class Petition(models.Model):
    """One petition (信访件) as registered: who came, about what, where it arose, and every
    time limit it runs under. Read it only through ``queries.visible_petitions``."""

    registration_no = models.CharField("登记编号", max_length=20, unique=True)
    channel = models.CharField("信访渠道", max_length=20, choices=Channel.choices)
    received_on = models.DateField("收到日期")
    content = models.TextField("信访内容")
    category = models.ForeignKey(Category, verbose_name="事项类别", on_delete=models.PROTECT,
                                 related_name="petitions")
    origin_unit = models.ForeignKey("org.Unit", verbose_name="问题属地",
                                    on_delete=models.PROTECT, related_name="+")
    bypassed = models.BooleanField("越级信访", default=False)
    head_count = models.PositiveSmallIntegerField("信访人数", default=1)
    is_accusation = models.BooleanField("检举揭发", default=False)
    accused_unit = models.ForeignKey("org.Unit", verbose_name="被检举单位", null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")
    accused_person = models.ForeignKey("org.Person", verbose_name="被检举人", null=True,
                                       blank=True, on_delete=models.PROTECT, related_name="+")
    accused_name = models.CharField("被检举人姓名", max_length=60, blank=True,
                                    help_text="被检举人不在本系统人员名录中时填写。")
    handling_unit = models.ForeignKey("org.Unit", verbose_name="承办单位", null=True,
                                      blank=True, on_delete=models.PROTECT, related_name="+")
    handler = models.ForeignKey("org.Person", verbose_name="承办人", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    status = models.CharField("状态", max_length=15, choices=Status.choices,
                              default=Status.REGISTERED)
    # Every time limit, computed when its clock starts (see limits.py); ``due_on`` is the one
    # running now, the one the light is made from.
    accept_due = models.DateField("受理告知期限")
    assign_due = models.DateField("转送交办期限")
    handling_due = models.DateField("办理期限", null=True, blank=True)
    due_on = models.DateField("当前期限", null=True, blank=True)
    due_known = models.BooleanField(
        "期限按法定日历计算", default=True,
        help_text="为否时，期限跨越了尚未公布放假安排的年份，暂按周一至周五计算。")
    decided_on = models.DateField("受理决定日期", null=True, blank=True)
    refusal_notice = models.TextField("不予受理告知", blank=True)
    assigned_on = models.DateField("交办日期", null=True, blank=True)
    started_on = models.DateField("签收日期", null=True, blank=True)
    reply_text = models.TextField("答复意见", blank=True)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    replied_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="答复人", null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    evaluation = models.CharField("信访人评价", max_length=15, choices=Evaluation.choices,
                                  blank=True)
    evaluated_on = models.DateField("评价日期", null=True, blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    # 重复信访: always the first petition of its case, so that a case is one key.
    repeat_of = models.ForeignKey("self", verbose_name="重复信访（首件）", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="repeats")
    repeat_linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="关联人", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", help_text="为空表示登记时自动关联。")
    repeat_linked_at = models.DateTimeField("关联时间", null=True, blank=True)
    backlog_case = models.ForeignKey("petitions.BacklogCase", verbose_name="积案", null=True,
                                     blank=True, on_delete=models.PROTECT,
                                     related_name="petitions")
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人",
                                      null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("登记时间", default=timezone.now)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "信访件"
        verbose_name_plural = "信访件"
        ordering = ["-received_on", "-id"]
        indexes = [
            # Repeat detection narrows by matter, then by date.
            models.Index(fields=["category", "origin_unit", "received_on"],
                         name="petition_matter_day"),
            models.Index(fields=["status", "due_on"], name="petition_status_due"),
            models.Index(fields=["handling_unit", "status"], name="petition_unit_status"),
            models.Index(fields=["received_on"], name="petition_received"),
            models.Index(fields=["accused_unit"], condition=Q(is_accusation=True),
                         name="petition_accused_unit"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(head_count__gte=1), name="petition_head_count"),
            # Only an accusation names anyone accused: the confidentiality rule keys on it.
            models.CheckConstraint(
                condition=Q(is_accusation=True) | Q(accused_unit__isnull=True,
                                                    accused_person__isnull=True,
                                                    accused_name=""),
                name="petition_accused_only_in_accusation"),
        ]

    def __str__(self):
        return self.registration_no

    @property
    def is_group_visit(self):
        return self.channel == Channel.VISIT and self.head_count >= GROUP_VISIT_MIN

    @property
    def case_id(self):
        """The case (件) this petition belongs to: its first petition's id."""
        return self.repeat_of_id or self.pk


def name_phone_key(name: str, phone: str) -> str:
    return f"{''.join(name.split())}|{pii.normalize_phone(phone)}"


class Petitioner(models.Model):
    """A person who brought the petition; all of it encrypted at rest. Two keyed hashes find
    the same person again without decrypting anything: the ID number, and name with phone."""

    petition = models.ForeignKey(Petition, verbose_name="信访件", on_delete=models.CASCADE,
                                 related_name="petitioners")
    name = EncryptedTextField("姓名")
    id_number = EncryptedTextField("身份证号码", blank=True)
    phone = EncryptedTextField("联系电话", blank=True)
    address = EncryptedTextField("住址", blank=True)
    id_digest = models.CharField(max_length=64, null=True, blank=True, editable=False)
    name_phone_digest = models.CharField(max_length=64, null=True, blank=True, editable=False)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "信访人"
        verbose_name_plural = "信访人"
        ordering = ["petition_id", "sort_order", "id"]
        indexes = [
            models.Index(fields=["id_digest"], name="petitioner_id_digest"),
            models.Index(fields=["name_phone_digest"], name="petitioner_name_phone"),
        ]

    def __str__(self):
        return f"信访人 {self.pk}"

    def save(self, *args, **kwargs):
        # Null, not "", when absent: an empty digest must never match another empty one.
        self.id_digest = (pii.blind_index(pii.normalize_id_number(self.id_number))
                          if self.id_number else None)
        self.name_phone_digest = (pii.blind_index(name_phone_key(self.name, self.phone))
                                  if self.name and self.phone else None)
        super().save(*args, **kwargs)
