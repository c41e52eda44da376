from django.conf import settings
from django.db import models
from django.utils import timezone


class ImportBatch(models.Model):
    """An uploaded sheet between its preview and its commit, bound to the person who sent it.

    The confirm button carries only the random ``token``; the file itself stays here, so what
    is committed is exactly what was previewed. The content is emptied once committed.
    """

    token = models.CharField("令牌", max_length=64, unique=True, editable=False)
    ledger = models.ForeignKey("ledger.Ledger", verbose_name="台账", on_delete=models.CASCADE,
                               related_name="import_batches")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="上传人",
                                   on_delete=models.CASCADE, related_name="+")
    file_name = models.CharField("文件名", max_length=200)
    size = models.PositiveBigIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    content = models.BinaryField("文件内容", blank=True)
    created_at = models.DateTimeField("上传时间", default=timezone.now)
    committed_at = models.DateTimeField("导入时间", null=True, blank=True)
    result = models.JSONField("导入结果", default=dict, blank=True)

    class Meta:
        verbose_name = "台账导入"
        verbose_name_plural = "台账导入"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.file_name}（{self.created_at:%Y-%m-%d %H:%M}）"
