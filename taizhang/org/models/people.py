from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone

from .. import pii
from ..constants import Rank, Role
from ..fields import EncryptedTextField


class User(AbstractUser):
    """A login. What it may see comes from the person it belongs to (``user.person``)."""

    class Meta(AbstractUser.Meta):
        verbose_name = "用户账号"
        verbose_name_plural = "用户账号"
        swappable = "AUTH_USER_MODEL"

    @property
    def roles(self) -> frozenset[str]:
        person = getattr(self, "person", None)
        return person.roles if person else frozenset()


class PersonQuerySet(models.QuerySet):
    def with_phone(self, phone):
        return self.filter(phone_digest=pii.blind_index(pii.normalize_phone(phone)))


class Person(models.Model):
    name = models.CharField("姓名", max_length=40)
    unit = models.ForeignKey(
        "org.Unit", verbose_name="所在单位", on_delete=models.PROTECT, related_name="people"
    )
    rank = models.CharField("职级", max_length=20, choices=Rank.choices, default=Rank.STAFF)
    title = models.CharField("职务", max_length=60, blank=True)
    duties = models.TextField("工作职责", blank=True,
                              help_text="分管或联系的工作、包联的村（社区），印在干部连心卡上。")
    phone = EncryptedTextField("手机号码", blank=True)
    phone_digest = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="登录账号", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="person",
    )
    sort_order = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("在职", default=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = "人员"
        verbose_name_plural = "人员"
        ordering = ["unit_id", "sort_order", "id"]
        indexes = [models.Index(fields=["unit", "sort_order"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.phone_digest = pii.blind_index(pii.normalize_phone(self.phone)) if self.phone else ""
        super().save(*args, **kwargs)

    def clean(self):
        if self.phone:
            self.phone = pii.validate_mobile(self.phone)

    @property
    def phone_masked(self):
        return pii.mask_phone(self.phone) if self.phone else ""

    @property
    def roles(self) -> frozenset[str]:
        # Cached on the instance: visibility asks for it on every query of a request.
        if not hasattr(self, "_roles"):
            self._roles = frozenset(self.role_grants.values_list("role", flat=True))
        return self._roles


class RoleGrant(models.Model):
    """A role held by a person in a unit (their own, or one they are in charge of)."""

    person = models.ForeignKey(
        Person, verbose_name="人员", on_delete=models.CASCADE, related_name="role_grants"
    )
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        "org.Unit", verbose_name="适用单位", on_delete=models.PROTECT, related_name="role_grants",
        help_text="角色作用的单位，通常是本人所在单位；分管领导可为其分管单位。",
    )
    granted_at = models.DateTimeField("授予时间", default=timezone.now)

    class Meta:
        verbose_name = "角色授权"
        verbose_name_plural = "角色授权"
        constraints = [
            models.UniqueConstraint(fields=["person", "role", "unit"], name="role_grant_once")
        ]

    def __str__(self):
        return f"{self.person} · {self.get_role_display()} · {self.unit}"
