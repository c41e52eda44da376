from django.conf import settings
from django.db import models
from django.utils import timezone


class Kind(models.TextChoices):
    REMINDER = "reminder", "催办"
    ESCALATION = "escalation", "督办"
    WORKFLOW = "workflow", "办理通知"


class Notification(models.Model):
    """One message to one person's in-app inbox; email and webhook copies are sent from it."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="接收人",
                                  on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField("类别", max_length=12, choices=Kind.choices)
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    link = models.CharField("链接", max_length=300, blank=True)
    created_at = models.DateTimeField("时间", default=timezone.now)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)

    class Meta:
        verbose_name = "消息"
        verbose_name_plural = "消息"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at", "created_at"])]

    def __str__(self):
        return self.title


class Channel(models.TextChoices):
    EMAIL = "email", "电子邮件"
    WEBHOOK = "webhook", "群机器人"


class Delivery(models.Model):
    """A copy of notifications sent outside the system; claimed once, so never sent twice."""

    channel = models.CharField("渠道", max_length=10, choices=Channel.choices)
    target = models.CharField("发送对象", max_length=300)
    notification = models.ForeignKey(Notification, verbose_name="消息", on_delete=models.CASCADE,
                                     related_name="deliveries")
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    attempted_at = models.DateTimeField("最近尝试时间", default=timezone.now)
    error = models.TextField("错误", blank=True)

    class Meta:
        verbose_name = "外发记录"
        verbose_name_plural = "外发记录"
        constraints = [
            models.UniqueConstraint(fields=["notification", "channel", "target"],
                                    name="delivery_once"),
        ]

    def __str__(self):
        return f"{self.get_channel_display()} → {self.target}"
