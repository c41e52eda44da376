from django.db import models


class AuditEntry(models.Model):
    """One line of the append-only audit trail, chained to the line before it by an SM3 hash.

    The actor is kept as plain values, not a foreign key: nothing may ever rewrite an entry.
    """

    seq = models.PositiveBigIntegerField("序号", unique=True)
    at = models.DateTimeField("时间")
    actor_id = models.PositiveBigIntegerField("操作人编号", null=True, blank=True)
    actor_name = models.CharField("操作人", max_length=150, blank=True)
    action = models.CharField("类别", max_length=30)
    object_type = models.CharField("对象类型", max_length=60, blank=True)
    object_id = models.CharField("对象编号", max_length=40, blank=True)
    detail = models.JSONField("内容", default=dict, blank=True)
    ip = models.GenericIPAddressField("IP 地址", null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = "审计日志"
        verbose_name_plural = "审计日志"
        ordering = ["-seq"]
        indexes = [models.Index(fields=["action", "at"]), models.Index(fields=["actor_id", "at"])]

    def __str__(self):
        return f"#{self.seq} {self.action} {self.actor_name}"


class AuditHead(models.Model):
    """The single row that points at the newest entry; appenders lock it to stay in order."""

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = "审计链头"
        verbose_name_plural = "审计链头"

    def __str__(self):
        return f"#{self.seq}"
