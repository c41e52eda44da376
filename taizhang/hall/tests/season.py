"""A few weeks at the small hall (conftest's ``hall``), for the figures pages and API: five
applications with every kind of outcome, counted by hand in the docstring of ``a_season``."""

from datetime import date

from taizhang.hall import applications as apps
from taizhang.hall import feedback
from taizhang.hall.constants import Grade, Mode, Step
from taizhang.hall.tests.test_applications import accept

# The figures are asked for on Monday 12 October 2026, after the National Day holiday.
TODAY = date(2026, 10, 12)


def a_season(hall):
    """September: 3 accepted (one 即办), 2 completed on time and rated (very satisfied, and
    satisfied), 1 still open past its deadline (29 Sep). October: 2 accepted, 1 withdrawn and
    1 not permitted (不予许可)."""
    clerk = hall["clerk"]
    done = accept(hall)
    apps.take_step(done, Step.COMPLETE, actor=clerk, today=date(2026, 9, 24))
    feedback.rate_application(done, grade=Grade.VERY_SATISFIED, today=date(2026, 9, 24))
    instant = accept(hall, version="certificate", mode=Mode.INSTANT)
    feedback.rate_application(instant, grade=Grade.SATISFIED, today=date(2026, 9, 21))
    late = accept(hall)
    withdrawn = accept(hall, today=date(2026, 10, 9))
    apps.take_step(withdrawn, Step.WITHDRAW, actor=clerk, today=date(2026, 10, 9),
                   reason="申请人撤回")
    denied = accept(hall, today=date(2026, 10, 9))
    apps.take_step(denied, Step.DENY, actor=clerk, today=date(2026, 10, 12),
                   reason="不符合申领条件")
    return {"done": done, "instant": instant, "late": late, "withdrawn": withdrawn,
            "denied": denied}
