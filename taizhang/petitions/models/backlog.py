from django.conf import settings
from django.db import models


class BacklogCase(models.Model):
    """积案: a petition, or a chain of linked ones, given to one county-level leader (包案领导)
    with a team and a plan, followed to the end and closed within a time limit.

    The promise itself is an item of the backlog ledger (信访积案台账): its leader is the 包案领导,
    its milestones the plan (方案), its reports the monthly progress, its close-out (化解销号)
    verified by the petition office — the ledger's workflow, not a copy of it. This row ties
    that item to the petitions and names the team (班子).
    """

    item = models.OneToOneField("ledger.Item", verbose_name="积案台账事项",
                                on_delete=models.PROTECT, related_name="backlog_case")
    opened_on = models.DateField("列为积案日期")
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="列案人", null=True,
                                  on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "信访积案"
        verbose_name_plural = "信访积案"
        ordering = ["-opened_on", "-id"]

    def __str__(self):
        return self.item.code


class TeamMember(models.Model):
    """One member of a backlog case's team (班子), with their part in it."""

    case = models.ForeignKey(BacklogCase, verbose_name="积案", on_delete=models.CASCADE,
                             related_name="team")
    person = models.ForeignKey("org.Person", verbose_name="成员", on_delete=models.PROTECT,
                               related_name="+")
    duty = models.CharField("分工", max_length=100)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "包案班子成员"
        verbose_name_plural = "包案班子成员"
        ordering = ["sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "person"], name="team_member_once"),
        ]

    def __str__(self):
        return f"{self.person}（{self.duty}）"
