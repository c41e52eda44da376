from django.core.exceptions import ValidationError
from django.db import connection, models, transaction

from ..constants import ALLOWED_CHILD_KINDS, POPULATED_KINDS, UnitKind


class UnitQuerySet(models.QuerySet):
    def subtree_of(self, *roots, include_self=True):
        """Units under any of ``roots`` (Unit instances or ids), via the closure table."""
        ids = [getattr(r, "pk", r) for r in roots]
        # One filter() call, so both conditions apply to the same closure row.
        conditions = {"ancestor_links__ancestor_id__in": ids}
        if not include_self:
            conditions["ancestor_links__depth__gt"] = 0
        qs = self.filter(**conditions)
        return qs.distinct() if len(ids) > 1 else qs


class UnitManager(models.Manager.from_queryset(UnitQuerySet)):
    def rebuild_closure(self):
        """Recompute the whole closure table from parent pointers, one tree level at a time.

        Used after bulk loads; ordinary saves keep the table up to date row by row.
        """
        # Table names come from model metadata, never from input (hence the S608 waivers).
        table = UnitClosure._meta.db_table
        unit_table = Unit._meta.db_table
        with transaction.atomic():
            UnitClosure.objects.all().delete()
            with connection.cursor() as cur:
                cur.execute(
                    f"INSERT INTO {table} (ancestor_id, descendant_id, depth) "  # noqa: S608
                    f"SELECT id, id, 0 FROM {unit_table}"
                )
                level = 0
                while True:
                    # Extend every path of length `level` by one step up the tree.
                    cur.execute(
                        f"INSERT INTO {table} (ancestor_id, descendant_id, depth) "  # noqa: S608
                        f"SELECT u.parent_id, c.descendant_id, c.depth + 1 "
                        f"FROM {table} c JOIN {unit_table} u ON u.id = c.ancestor_id "
                        f"WHERE c.depth = %s AND u.parent_id IS NOT NULL",
                        [level],
                    )
                    if cur.rowcount == 0:
                        break
                    level += 1
                cur.execute(
                    f"UPDATE {unit_table} SET depth = (SELECT MAX(depth) FROM {table} "  # noqa: S608
                    f"WHERE descendant_id = {unit_table}.id)"
                )


class Unit(models.Model):
    name = models.CharField("名称", max_length=100)
    short_name = models.CharField("简称", max_length=40, blank=True)
    kind = models.CharField("类型", max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name="上级单位", null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    division_code = models.CharField(
        "行政区划代码", max_length=12, blank=True, null=True, unique=True,
        help_text="12 位统计用区划代码；区直部门和网格没有。",
    )
    population = models.PositiveIntegerField("常住人口", null=True, blank=True)
    depth = models.PositiveSmallIntegerField("层级", default=0, editable=False)
    sort_order = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("在用", default=True)

    objects = UnitManager()

    class Meta:
        verbose_name = "单位"
        verbose_name_plural = "单位"
        ordering = ["depth", "sort_order", "id"]
        indexes = [models.Index(fields=["parent", "sort_order"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        with transaction.atomic():
            moved = False
            if self.pk:
                old_parent = Unit.objects.filter(pk=self.pk).values_list("parent_id", flat=True)
                moved = old_parent.first() != self.parent_id
            self.depth = self.parent.depth + 1 if self.parent_id else 0
            super().save(*args, **kwargs)
            if moved:
                self._move_subtree()
            elif not self.ancestor_links.exists():
                self._link_to_ancestors()

    def _link_to_ancestors(self):
        links = [UnitClosure(ancestor=self, descendant=self, depth=0)]
        if self.parent_id:
            links += [
                UnitClosure(ancestor_id=a, descendant=self, depth=d + 1)
                for a, d in UnitClosure.objects.filter(descendant_id=self.parent_id)
                .values_list("ancestor_id", "depth")
            ]
        UnitClosure.objects.bulk_create(links)

    def _move_subtree(self):
        subtree = list(
            UnitClosure.objects.filter(ancestor=self).values_list("descendant_id", "depth")
        )
        ids = [d for d, _ in subtree]
        # Cut the links from the old ancestors, then hang the subtree under the new ones.
        UnitClosure.objects.filter(descendant_id__in=ids).exclude(ancestor_id__in=ids).delete()
        if self.parent_id:
            above = list(
                UnitClosure.objects.filter(descendant_id=self.parent_id)
                .values_list("ancestor_id", "depth")
            )
            UnitClosure.objects.bulk_create(
                UnitClosure(ancestor_id=a, descendant_id=d, depth=ad + dd + 1)
                for a, ad in above for d, dd in subtree
            )
        for d, dd in subtree:
            Unit.objects.filter(pk=d).update(depth=self.depth + dd)

    def clean(self):
        if self.parent_id:
            if self.pk and self.parent.ancestor_links.filter(ancestor_id=self.pk).exists():
                raise ValidationError({"parent": "上级单位不能是本单位或其下级单位。"})
            if self.kind not in ALLOWED_CHILD_KINDS[self.parent.kind]:
                parent_kind, kind = self.parent.get_kind_display(), self.get_kind_display()
                raise ValidationError({"kind": f"“{parent_kind}”下不能设“{kind}”。"})
        elif self.kind != UnitKind.DISTRICT:
            raise ValidationError({"parent": "只有“区”可以没有上级单位。"})
        if self.population is not None and self.kind not in POPULATED_KINDS:
            raise ValidationError({"population": "只有村、社区和网格登记常住人口。"})

    def descendants(self, include_self=True):
        return Unit.objects.subtree_of(self, include_self=include_self)

    def ancestors(self, include_self=False):
        qs = Unit.objects.filter(descendant_links__descendant=self)
        if not include_self:
            qs = qs.exclude(pk=self.pk)
        return qs.order_by("depth")

    @property
    def path_names(self):
        return " / ".join(u.name for u in self.ancestors(include_self=True))


class UnitClosure(models.Model):
    """Every (ancestor, descendant) pair of the unit tree, so a subtree is one indexed lookup."""

    # No single-column indexes: the two composite indexes below serve both directions, and
    # (ancestor, descendant) lets a subtree be read from the index alone.
    ancestor = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="descendant_links",
                                 db_index=False)
    descendant = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="ancestor_links",
                                   db_index=False)
    depth = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = "单位层级关系"
        verbose_name_plural = "单位层级关系"
        constraints = [
            models.UniqueConstraint(fields=["ancestor", "descendant"], name="unit_closure_pair")
        ]
        indexes = [models.Index(fields=["descendant", "ancestor"], name="unit_closure_up")]

    def __str__(self):
        return f"{self.ancestor_id} → {self.descendant_id} ({self.depth})"
