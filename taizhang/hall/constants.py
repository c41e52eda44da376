"""Categories and handling modes of the service catalogue (事项清单)."""

from django.db import models


class Category(models.TextChoices):
    LICENCE = "licence", "行政许可"
    CONFIRMATION = "confirmation", "行政确认"
    PAYMENT = "payment", "行政给付"
    PUBLIC_SERVICE = "public_service", "公共服务"
    OTHER_POWER = "other_power", "其他行政权力"


class Mode(models.TextChoices):
    """The four kinds of service the article's centres offer."""

    INSTANT = "instant", "即办"
    PROXY = "proxy", "代办"
    ACCOMPANY = "accompany", "陪办"
    DOORSTEP = "doorstep", "上门办理"


class MaterialForm(models.TextChoices):
    ORIGINAL = "original", "原件"
    COPY = "copy", "复印件"
    ORIGINAL_AND_COPY = "both", "原件及复印件"


class Channel(models.TextChoices):
    COUNTER = "counter", "窗口受理"
    ONLINE = "online", "网上申请"


class Status(models.TextChoices):
    SUBMITTED = "submitted", "待受理"
    ACCEPTED = "accepted", "已受理"
    IN_PROGRESS = "in_progress", "办理中"
    SUPPLEMENT = "supplement", "补正中"
    COMPLETED = "completed", "办结"
    NOT_ACCEPTED = "not_accepted", "不予受理"
    DENIED = "denied", "不予许可"
    WITHDRAWN = "withdrawn", "撤回"


FINAL_STATUSES = (Status.COMPLETED, Status.NOT_ACCEPTED, Status.DENIED, Status.WITHDRAWN)


class Step(models.TextChoices):
    ACCEPT = "accept", "受理"
    REFUSE = "refuse", "不予受理"
    ASSIGN = "assign", "转办"
    REQUEST_SUPPLEMENT = "request_supplement", "一次性告知补正"
    SUPPLEMENTED = "supplemented", "补正材料已收"
    COMPLETE = "complete", "办结"
    DENY = "deny", "不予许可"
    WITHDRAW = "withdraw", "撤回"


# The one table of an application's steps: from which statuses each may be taken, and where it
# leads (None: back to the status the application was in before it was paused).
STEPS = {
    Step.ACCEPT: ((Status.SUBMITTED,), Status.ACCEPTED),
    Step.REFUSE: ((Status.SUBMITTED,), Status.NOT_ACCEPTED),
    Step.ASSIGN: ((Status.ACCEPTED,), Status.IN_PROGRESS),
    Step.REQUEST_SUPPLEMENT: ((Status.ACCEPTED, Status.IN_PROGRESS), Status.SUPPLEMENT),
    Step.SUPPLEMENTED: ((Status.SUPPLEMENT,), None),
    Step.COMPLETE: ((Status.ACCEPTED, Status.IN_PROGRESS), Status.COMPLETED),
    Step.DENY: ((Status.ACCEPTED, Status.IN_PROGRESS), Status.DENIED),
    Step.WITHDRAW: ((Status.SUBMITTED, Status.ACCEPTED, Status.IN_PROGRESS, Status.SUPPLEMENT),
                    Status.WITHDRAWN),
}


class Grade(models.IntegerChoices):
    """The five levels of the government-service rating (政务服务好差评)."""

    VERY_SATISFIED = 5, "非常满意"
    SATISFIED = 4, "满意"
    BASIC = 3, "基本满意"
    DISSATISFIED = 2, "不满意"
    VERY_DISSATISFIED = 1, "非常不满意"


# 差评: each opens a rectification item (整改事项) in the centre's ledger.
BAD_GRADES = (Grade.DISSATISFIED, Grade.VERY_DISSATISFIED)
# Counted as satisfied in the satisfaction rate (满意率).
GOOD_GRADES = (Grade.VERY_SATISFIED, Grade.SATISFIED, Grade.BASIC)
# A citizen may rate once the application has an outcome, refused ones included.
RATEABLE_STATUSES = (Status.COMPLETED, Status.NOT_ACCEPTED, Status.DENIED)
