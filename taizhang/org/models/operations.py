from django.conf import settings
from django.db import models
from django.utils import timezone


class IdempotencyKey(models.Model):
    """A write request's Idempotency-Key and the answer it got, so that a retry gets the same
    answer instead of a second record."""

    # None for the public routes citizens call without an account.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE,
                             related_name="+")
    key = models.CharField("幂等键", max_length=100)
    fingerprint = models.CharField("请求摘要", max_length=64)
    status = models.PositiveSmallIntegerField("响应状态", null=True)
    response = models.JSONField("响应内容", null=True)
    created_at = models.DateTimeField("时间", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "幂等键"
        verbose_name_plural = "幂等键"
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_once"),
            models.UniqueConstraint(fields=["key"], condition=models.Q(user__isnull=True),
                                    name="public_idempotency_once"),
        ]

    def __str__(self):
        return self.key


class ScheduledRun(models.Model):
    """One period of one schedule, claimed by the scheduler that enqueued it (never two)."""

    name = models.CharField("计划任务", max_length=60)
    period = models.CharField("周期", max_length=20)
    enqueued_at = models.DateTimeField("入队时间", default=timezone.now)
    task_id = models.CharField("任务编号", max_length=64, blank=True)

    class Meta:
        verbose_name = "计划任务记录"
        verbose_name_plural = "计划任务记录"
        constraints = [models.UniqueConstraint(fields=["name", "period"], name="run_once")]

    def __str__(self):
        return f"{self.name} {self.period}"


class ThrottleWindow(models.Model):
    """How often one client (by keyed hash) used one limited action in one fixed time window."""

    action = models.CharField("操作", max_length=40)
    client = models.CharField("客户端摘要", max_length=64)
    window_start = models.DateTimeField("时段开始", db_index=True)
    hits = models.PositiveIntegerField("次数", default=0)

    class Meta:
        verbose_name = "限流计数"
        verbose_name_plural = "限流计数"
        constraints = [models.UniqueConstraint(fields=["action", "client", "window_start"],
                                               name="throttle_window_once")]

    def __str__(self):
        return f"{self.action} {self.window_start:%Y-%m-%d %H:%M} {self.hits}"
