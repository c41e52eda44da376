"""Statuses, actions and the transition table of ledger items (台账事项)."""

from dataclasses import dataclass

from django.db import models


class ItemStatus(models.TextChoices):
    PENDING = "pending", "待交办"
    IN_PROGRESS = "in_progress", "办理中"
    CLOSE_REQUESTED = "close_requested", "申请销号"
    CLOSED = "closed", "已销号"


OPEN_STATUSES = (ItemStatus.PENDING, ItemStatus.IN_PROGRESS, ItemStatus.CLOSE_REQUESTED)


class Light(models.TextChoices):
    """The traffic light (预警): derived from deadlines and reports, never stored by hand."""

    RED = "red", "红灯"
    YELLOW = "yellow", "黄灯"
    GREEN = "green", "绿灯"
    NONE = "none", "已销号"


class Frequency(models.TextChoices):
    WEEKLY = "weekly", "每周"
    MONTHLY = "monthly", "每月"


class ExtensionStatus(models.TextChoices):
    REQUESTED = "requested", "待审批"
    APPROVED = "approved", "已批准"
    REJECTED = "rejected", "未批准"


class WarningLevel(models.TextChoices):
    REMINDER = "reminder", "催办"
    ESCALATION = "escalation", "督办"


class Action(models.TextChoices):
    ASSIGN = "assign", "交办"
    REPORT = "report", "报送进展"
    REQUEST_CLOSE = "request_close", "申请销号"
    CLOSE_OUT = "close_out", "销号"
    RETURN = "return", "退回"
    REQUEST_EXTENSION = "request_extension", "申请延期"
    APPROVE_EXTENSION = "approve_extension", "批准延期"
    REJECT_EXTENSION = "reject_extension", "不批准延期"


class Actor(models.TextChoices):
    """Who may take an action, relative to the item."""

    SUPERVISION = "supervision", "督查室"
    LEAD_UNIT = "lead_unit", "责任单位"
    LEADER = "leader", "责任领导"


@dataclass(frozen=True)
class Transition:
    action: str
    actor: str
    sources: tuple[str, ...]
    target: str | None  # None: the status stays as it is


# The one transition table. rules.py checks every action against it, and nothing else
# decides who may do what to an item.
TRANSITIONS = {
    t.action: t
    for t in [
        Transition(Action.ASSIGN, Actor.SUPERVISION, (ItemStatus.PENDING,),
                   ItemStatus.IN_PROGRESS),
        Transition(Action.REPORT, Actor.LEAD_UNIT, (ItemStatus.IN_PROGRESS,), None),
        Transition(Action.REQUEST_CLOSE, Actor.LEAD_UNIT, (ItemStatus.IN_PROGRESS,),
                   ItemStatus.CLOSE_REQUESTED),
        Transition(Action.CLOSE_OUT, Actor.SUPERVISION, (ItemStatus.CLOSE_REQUESTED,),
                   ItemStatus.CLOSED),
        Transition(Action.RETURN, Actor.SUPERVISION, (ItemStatus.CLOSE_REQUESTED,),
                   ItemStatus.IN_PROGRESS),
        Transition(Action.REQUEST_EXTENSION, Actor.LEAD_UNIT, (ItemStatus.IN_PROGRESS,), None),
        Transition(Action.APPROVE_EXTENSION, Actor.LEADER, (ItemStatus.IN_PROGRESS,), None),
        Transition(Action.REJECT_EXTENSION, Actor.LEADER, (ItemStatus.IN_PROGRESS,), None),
    ]
}
