from django.db import models

from ...org.constants import Role


class LedgerKind(models.Model):
    """民生问题, 重点工作 …: seeded by a migration, extended by administrators."""

    code = models.SlugField("代码", max_length=30, unique=True)
    name = models.CharField("名称", max_length=40, unique=True)
    sort_order = models.PositiveIntegerField("排序", default=0)
    # Who assigns, verifies and closes out (销号) the items of this kind: 督查室 for most; a
    # kind run by another office (信访积案: the petition office) names that office's role.
    supervised_by = models.CharField(
        "交办和销号部门", max_length=20, choices=Role.choices, default=Role.SUPERVISION,
        help_text="督查室之外的部门只督办、销号本单位的台账。")

    class Meta:
        verbose_name = "台账类型"
        verbose_name_plural = "台账类型"
        ordering = ["sort_order", "id"]

    def __str__(self):
        return self.name


class Ledger(models.Model):
    kind = models.ForeignKey(LedgerKind, verbose_name="类型", on_delete=models.PROTECT,
                             related_name="ledgers")
    name = models.CharField("台账名称", max_length=100)
    unit = models.ForeignKey("org.Unit", verbose_name="所属单位", on_delete=models.PROTECT,
                             related_name="ledgers")
    year = models.PositiveSmallIntegerField("年度")
    code_prefix = models.CharField(
        "编号前缀", max_length=20, help_text="事项编号为 前缀-序号，如 MS2026-001。"
    )
    description = models.TextField("说明", blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "台账"
        verbose_name_plural = "台账"
        ordering = ["-year", "kind__sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "name"], name="ledger_name_once"),
        ]

    def __str__(self):
        return f"{self.year}年{self.name}"

    def next_code(self):
        """The next free item code; call inside the transaction that creates the item."""
        taken = self.items.filter(code__startswith=f"{self.code_prefix}-").count()
        number = taken + 1
        while self.items.filter(code=f"{self.code_prefix}-{number:03d}").exists():
            number += 1
        return f"{self.code_prefix}-{number:03d}"
