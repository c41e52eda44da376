"""Channels, statuses, the one transition table and the time limits of petitions (信访件)."""

from dataclasses import dataclass

from django.db import models


class Channel(models.TextChoices):
    LETTER = "letter", "来信"
    VISIT = "visit", "来访"
    PHONE = "phone", "电话"
    ONLINE = "online", "网上"
    LEADER_MAILBOX = "leader_mailbox", "领导信箱"


class Status(models.TextChoices):
    REGISTERED = "registered", "已登记"
    NOT_ACCEPTED = "not_accepted", "不予受理"
    ACCEPTED = "accepted", "已受理"
    ASSIGNED = "assigned", "已交办"
    HANDLING = "handling", "办理中"
    REPLIED = "replied", "已答复"
    EVALUATED = "evaluated", "已评价"
    CLOSED = "closed", "办结"
    REVIEWING = "reviewing", "复查中"
    RECHECKING = "rechecking", "复核中"


class Evaluation(models.TextChoices):
    """The petitioner's view of the reply (信访人评价)."""

    SATISFIED = "satisfied", "满意"
    BASIC = "basic", "基本满意"
    DISSATISFIED = "dissatisfied", "不满意"


class ReviewKind(models.TextChoices):
    REVIEW = "review", "复查"
    RECHECK = "recheck", "复核"


class ExtensionStatus(models.TextChoices):
    REQUESTED = "requested", "待审批"
    APPROVED = "approved", "已批准"
    REJECTED = "rejected", "未批准"


class Light(models.TextChoices):
    """The traffic light of the time limit now running; none when no limit runs."""

    RED = "red", "红灯"
    YELLOW = "yellow", "黄灯"
    GREEN = "green", "绿灯"
    NONE = "none", "无时限"


class Step(models.TextChoices):
    ACCEPT = "accept", "受理"
    REFUSE = "refuse", "不予受理"
    ASSIGN = "assign", "交办"
    START = "start", "签收办理"
    REPLY = "reply", "答复"
    EVALUATE = "evaluate", "评价"
    CLOSE = "close", "办结"
    REQUEST_REVIEW = "request_review", "申请复查"
    ANSWER_REVIEW = "answer_review", "复查答复"
    REQUEST_RECHECK = "request_recheck", "申请复核"
    ANSWER_RECHECK = "answer_recheck", "复核答复"
    REQUEST_EXTENSION = "request_extension", "申请延期"
    APPROVE_EXTENSION = "approve_extension", "批准延期"
    REJECT_EXTENSION = "reject_extension", "不批准延期"


class Actor(models.TextChoices):
    """Who may take a step, relative to the petition."""

    OFFICE = "office", "信访工作机构"
    HANDLING_UNIT = "handling_unit", "承办单位"
    UNIT_HEAD = "unit_head", "承办单位负责人"


@dataclass(frozen=True)
class Transition:
    step: str
    actor: str
    sources: tuple[str, ...]
    target: str | None  # None: the status stays as it is


# The one transition table. rules.py checks every step against it; conditions on dates and
# on earlier steps (the review windows, one review of each kind) are checked in the step.
TRANSITIONS = {
    t.step: t
    for t in [
        Transition(Step.ACCEPT, Actor.OFFICE, (Status.REGISTERED,), Status.ACCEPTED),
        Transition(Step.REFUSE, Actor.OFFICE, (Status.REGISTERED,), Status.NOT_ACCEPTED),
        Transition(Step.ASSIGN, Actor.OFFICE, (Status.ACCEPTED,), Status.ASSIGNED),
        Transition(Step.START, Actor.HANDLING_UNIT, (Status.ASSIGNED,), Status.HANDLING),
        Transition(Step.REPLY, Actor.HANDLING_UNIT, (Status.HANDLING,), Status.REPLIED),
        Transition(Step.EVALUATE, Actor.OFFICE, (Status.REPLIED,), Status.EVALUATED),
        Transition(Step.CLOSE, Actor.OFFICE, (Status.REPLIED, Status.EVALUATED), Status.CLOSED),
        Transition(Step.REQUEST_REVIEW, Actor.OFFICE,
                   (Status.REPLIED, Status.EVALUATED, Status.CLOSED), Status.REVIEWING),
        Transition(Step.ANSWER_REVIEW, Actor.OFFICE, (Status.REVIEWING,), Status.CLOSED),
        Transition(Step.REQUEST_RECHECK, Actor.OFFICE, (Status.CLOSED,), Status.RECHECKING),
        Transition(Step.ANSWER_RECHECK, Actor.OFFICE, (Status.RECHECKING,), Status.CLOSED),
        Transition(Step.REQUEST_EXTENSION, Actor.HANDLING_UNIT,
                   (Status.ASSIGNED, Status.HANDLING), None),
        Transition(Step.APPROVE_EXTENSION, Actor.UNIT_HEAD,
                   (Status.ASSIGNED, Status.HANDLING), None),
        Transition(Step.REJECT_EXTENSION, Actor.UNIT_HEAD,
                   (Status.ASSIGNED, Status.HANDLING), None),
    ]
}


class Counting(models.TextChoices):
    CALENDAR = "calendar", "自然日"
    WORKING = "working", "工作日"


class LimitKind(models.TextChoices):
    ACCEPT = "accept", "受理告知"
    ASSIGN = "assign", "转送交办"
    HANDLING = "handling", "办理"
    EXTENSION = "extension", "延期上限"
    REVIEW_REQUEST = "review_request", "申请复查"
    REVIEW_ANSWER = "review_answer", "复查答复"
    RECHECK_REQUEST = "recheck_request", "申请复核"
    RECHECK_ANSWER = "recheck_answer", "复核答复"
    WARNING = "warning", "黄灯提前"
    REPEAT_WINDOW = "repeat_window", "重复信访认定期间"


# The time limit running in each status; ``Petition.due_on`` is its last day. Other statuses
# (不予受理, 已答复, 已评价, 办结) run none.
RUNNING_LIMIT = {
    Status.REGISTERED: LimitKind.ACCEPT,
    Status.ACCEPTED: LimitKind.ASSIGN,
    Status.ASSIGNED: LimitKind.HANDLING,
    Status.HANDLING: LimitKind.HANDLING,
    Status.REVIEWING: LimitKind.REVIEW_ANSWER,
    Status.RECHECKING: LimitKind.RECHECK_ANSWER,
}


@dataclass(frozen=True)
class LimitDefault:
    days: int
    counting: str
    legal_days: int | None  # the regulation's figure: a configured limit may not exceed it
    basis: str


# Defaults, seeded into petitions.TimeLimit by the first migration and used when a row is
# missing. Articles of the 信访工作条例 (2022): see docs/petitions.md, "Time limits".
LIMIT_DEFAULTS = {
    LimitKind.ACCEPT: LimitDefault(
        15, Counting.CALENDAR, 15,
        "《信访工作条例》第二十三条：不能当场告知的，自收到信访事项之日起15日内书面告知信访人"),
    LimitKind.ASSIGN: LimitDefault(
        15, Counting.CALENDAR, 15,
        "《信访工作条例》第二十二条：信访部门收到信访事项登记后，15日内转送、交办"),
    LimitKind.HANDLING: LimitDefault(
        60, Counting.CALENDAR, 60,
        "《信访工作条例》第三十二条第二款：自受理之日起60日内办结"),
    LimitKind.EXTENSION: LimitDefault(
        30, Counting.CALENDAR, 30,
        "《信访工作条例》第三十二条第二款：情况复杂的，经本机关、单位负责人批准可以延长，"
        "延长期限不得超过30日，并告知信访人延期理由"),
    LimitKind.REVIEW_REQUEST: LimitDefault(
        30, Counting.CALENDAR, 30,
        "《信访工作条例》第三十三条：自收到书面答复之日起30日内请求上一级机关、单位复查"),
    LimitKind.REVIEW_ANSWER: LimitDefault(
        30, Counting.CALENDAR, 30,
        "《信访工作条例》第三十三条：自收到复查请求之日起30日内提出复查意见，并书面答复"),
    LimitKind.RECHECK_REQUEST: LimitDefault(
        30, Counting.CALENDAR, 30,
        "《信访工作条例》第三十四条：自收到复查意见之日起30日内请求上一级机关、单位复核"),
    LimitKind.RECHECK_ANSWER: LimitDefault(
        30, Counting.CALENDAR, 30,
        "《信访工作条例》第三十四条：自收到复核请求之日起30日内提出复核意见"),
    LimitKind.WARNING: LimitDefault(3, Counting.WORKING, None, "本区规定：期限届满前亮黄灯"),
    LimitKind.REPEAT_WINDOW: LimitDefault(
        180, Counting.CALENDAR, None,
        "本区规定：同一信访人同一事项在此期间内再次信访，认定为重复信访"),
}

# A visit by five or more people with a common petition is a group visit (集体访): the
# statistical convention of petition work (the regulation asks such visitors to choose at most
# five representatives). A letter signed by many is a 联名信, not a group visit.
GROUP_VISIT_MIN = 5


class AttachmentPurpose(models.TextChoices):
    REGISTRATION = "registration", "信访材料"
    REPLY = "reply", "答复意见书"
    REFUSAL = "refusal", "不予受理告知书"
    REVIEW = "review", "复查（复核）材料"

# What everyone but the petition office and the assigned handler sees instead of a petitioner.
IDENTITY_HIDDEN = "信访人信息已保密"
