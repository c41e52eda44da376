"""What each petition figure counts (统计口径), as conditions on petitions. The same definitions
serve every page, export and report; docs/petitions.md, "统计 (Figures)", explains them.

A period's figures are about the petitions **received** in it (by ``received_on``), in their
state now or, when the period has an ``as_of`` day, at the end of that day: every step has
its day (``decided_on``, ``replied_on``, ``evaluated_on``), so a step taken after ``as_of`` has
not happened yet. Time limits (``accept_due``, ``handling_due``, with approved extensions)
and repeat links are read as they stand now.

Every figure is one condition (``counted``) on the period's rows, counted in one query with
``COUNT(…) FILTER (WHERE …)``; three figures are sums or distinct counts (``volume``): 人次,
集体访人次 and 越级人次 add up head counts, 件 counts repeat chains. ``records`` gives the rows
behind any figure with the very same condition.
"""

from dataclasses import dataclass, fields

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce

from ...ratios import rate
from ..constants import GROUP_VISIT_MIN, Channel, Evaluation, Status

SATISFIED = (Evaluation.SATISFIED, Evaluation.BASIC)


def in_scope(period):
    """The petitions received in ``period`` (up to its ``as_of`` day)."""
    return Q(received_on__range=(period.start, period.last))


def counted(as_of, today):
    """The condition of each counted figure, for rows already ``in_scope``. ``today`` is the
    day an open time limit is compared with (the ``as_of`` day, if one is given)."""

    def done(day):
        return Q(**{f"{day}__isnull": False}) if as_of is None else Q(**{f"{day}__lte": as_of})

    def not_yet(day):
        never = Q(**{f"{day}__isnull": True})
        return never if as_of is None else never | Q(**{f"{day}__gt": as_of})

    decided = done("decided_on")
    not_accepted = decided & Q(status=Status.NOT_ACCEPTED)
    accepted = decided & ~Q(status__in=(Status.REGISTERED, Status.NOT_ACCEPTED))
    replied = done("replied_on")
    evaluated = done("evaluated_on")
    return {
        "petitions": Q(),
        "first_petitions": Q(repeat_of__isnull=True),
        "repeats": Q(repeat_of__isnull=False),
        "decided": decided,
        "accepted": accepted,
        "not_accepted": not_accepted,
        # 受理告知 is due within the limit whether the answer is 受理 or 不予受理.
        "decided_on_time": decided & Q(decided_on__lte=F("accept_due")),
        "decided_late": decided & Q(decided_on__gt=F("accept_due")),
        "undecided_overdue": not_yet("decided_on") & Q(accept_due__lt=today),
        "replied": replied,
        "replied_on_time": replied & Q(replied_on__lte=F("handling_due")),
        "replied_late": replied & Q(replied_on__gt=F("handling_due")),
        "unreplied_overdue": accepted & not_yet("replied_on") & Q(handling_due__lt=today),
        "evaluated": evaluated,
        "satisfied": evaluated & Q(evaluation__in=SATISFIED),
        "dissatisfied": evaluated & Q(evaluation=Evaluation.DISSATISFIED),
        "group_visits": Q(channel=Channel.VISIT, head_count__gte=GROUP_VISIT_MIN),
        "bypassed": Q(bypassed=True),
    }


def conditions(as_of, today):
    """``counted`` plus the figures that add two of them up (the denominators of the on-time
    rates), each as one condition."""
    each = counted(as_of, today)
    return {**each,
            "decision_due": each["decided"] | each["undecided_overdue"],
            "reply_due": each["replied"] | each["unreplied_overdue"]}


def aggregates(as_of, today):
    """{figure: aggregate} for every field of ``Figures``, for one query's ``aggregate`` or
    ``annotate``."""
    each = counted(as_of, today)
    found = {name: Count("pk", filter=condition) for name, condition in each.items()
             if name != "petitions"}
    return {
        "petitions": Count("pk"),
        **found,
        "visits": Sum("head_count"),
        "group_visit_people": Sum("head_count", filter=each["group_visits"]),
        "bypassed_people": Sum("head_count", filter=each["bypassed"]),
        "cases": CASES,
    }


# 件: a repeat chain once — ``repeat_of`` always names the chain's first petition.
CASES = Count(Coalesce("repeat_of_id", "pk"), distinct=True)

# The figures that are not a count of petitions, and the count whose records they are made of.
VOLUME = {"visits": "petitions", "cases": "petitions",
          "group_visit_people": "group_visits", "bypassed_people": "bypassed"}


# Backlog cases are counted by the day they were opened or closed out (化解销号), not by the
# day their petitions arrived: each through the first petition of its chain (the case's head),
# so a case is counted once, in the groups of that petition.
BACKLOG = {"backlog_opened": "backlog_case__opened_on",
           "backlog_resolved": "backlog_case__item__closed_on"}


def backlog_scope(figure, period):
    """The heads of the backlog cases that make ``figure`` in ``period``, or None when no case
    does. The cases are looked up first — a few dozen a year — so that the petitions are
    reached through their ``backlog_case`` index instead of by reading the year's petitions."""
    from ..models import BacklogCase

    day = BACKLOG[figure].removeprefix("backlog_case__")
    cases = list(BacklogCase.objects.filter(**{f"{day}__range": (period.start, period.last)})
                 .values_list("pk", flat=True))
    return Q(repeat_of__isnull=True, backlog_case__in=cases) if cases else None


@dataclass(frozen=True)
class Figures:
    """The figures of one row (or of the total); rates are worked out from them.

    Every field but ``cases`` adds up across rows. A repeat chain may reach into several
    groups or time buckets and is one case in each, but one in their total: the table's total
    counts its cases with a query of its own.
    """

    petitions: int = 0  # 件次
    visits: int = 0  # 人次
    cases: int = 0  # 件
    first_petitions: int = 0
    repeats: int = 0
    decided: int = 0
    accepted: int = 0
    not_accepted: int = 0
    decided_on_time: int = 0
    decided_late: int = 0
    undecided_overdue: int = 0
    replied: int = 0
    replied_on_time: int = 0
    replied_late: int = 0
    unreplied_overdue: int = 0
    evaluated: int = 0
    satisfied: int = 0
    dissatisfied: int = 0
    group_visits: int = 0
    group_visit_people: int = 0
    bypassed: int = 0
    bypassed_people: int = 0
    backlog_opened: int = 0
    backlog_resolved: int = 0

    @classmethod
    def of(cls, result):
        """From a query's result row (a SUM over no rows is NULL)."""
        return cls(**{name: result.get(name) or 0 for name in FIELDS})

    @classmethod
    def total(cls, rows, cases):
        """The sum of ``rows``, with ``cases`` counted apart (see above)."""
        summed = {name: sum(getattr(row, name) for row in rows) for name in FIELDS}
        return cls(**{**summed, "cases": cases})

    @property
    def decision_due(self):
        """应告知: decided, or undecided past the limit."""
        return self.decided + self.undecided_overdue

    @property
    def reply_due(self):
        """应答复: replied, or accepted and unreplied past the limit."""
        return self.replied + self.unreplied_overdue

    @property
    def on_time_acceptance_rate(self):
        return rate(self.decided_on_time, self.decision_due)

    @property
    def on_time_completion_rate(self):
        return rate(self.replied_on_time, self.reply_due)

    @property
    def satisfaction_rate(self):
        return rate(self.satisfied, self.evaluated)

    @property
    def repeat_rate(self):
        return rate(self.repeats, self.petitions)

    @property
    def empty(self):
        return not self.petitions


FIELDS = tuple(f.name for f in fields(Figures))

# Every figure with its label, in the order of the table.
LABELS = {
    "petitions": "信访件次",
    "visits": "信访人次",
    "cases": "信访件数（重复信访计一件）",
    "first_petitions": "初信初访",
    "repeats": "重复信访件次",
    "repeat_rate": "重复信访率",
    "decided": "已告知受理与否",
    "accepted": "受理",
    "not_accepted": "不予受理",
    "decision_due": "应告知",
    "decided_on_time": "按期告知",
    "decided_late": "逾期告知",
    "undecided_overdue": "逾期未告知",
    "on_time_acceptance_rate": "按期受理率",
    "reply_due": "应答复",
    "replied": "答复",
    "replied_on_time": "按期答复",
    "replied_late": "逾期答复",
    "unreplied_overdue": "逾期未答复",
    "on_time_completion_rate": "按期办结率",
    "evaluated": "参评",
    "satisfied": "满意（含基本满意）",
    "dissatisfied": "不满意",
    "satisfaction_rate": "满意率",
    "group_visits": "集体访（批次）",
    "group_visit_people": "集体访人次",
    "bypassed": "越级信访件次",
    "bypassed_people": "越级信访人次",
    "backlog_opened": "新列积案",
    "backlog_resolved": "积案化解销号",
}
# The counts each rate is worked out from (numerator, denominator): its records are theirs.
RATES = {
    "repeat_rate": ("repeats", "petitions"),
    "on_time_acceptance_rate": ("decided_on_time", "decision_due"),
    "on_time_completion_rate": ("replied_on_time", "reply_due"),
    "satisfaction_rate": ("satisfied", "evaluated"),
}
# The figures that have records: every one but the rates.
COUNTS = tuple(name for name in LABELS if name not in RATES)
