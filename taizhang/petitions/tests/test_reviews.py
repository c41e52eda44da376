"""复查 and 复核: asked within 30 days of the answer contested, answered within 30 days, once
each, 复核 only on a 复查 answer."""

from datetime import date, timedelta

import pytest

from taizhang.org.events import timeline
from taizhang.petitions import reviews, rules
from taizhang.petitions.constants import Counting, LimitKind, ReviewKind, Status, Step
from taizhang.petitions.errors import Conflict, Invalid, NotAllowed
from taizhang.petitions.tests.factories import TODAY, PetitionFactory, configure

pytestmark = pytest.mark.django_db

REPLIED = date(2026, 8, 10)


@pytest.fixture
def replied(world):
    return PetitionFactory(status=Status.CLOSED, origin_unit=world.tree.west_village,
                           handling_unit=world.renshe, replied_on=REPLIED, due_on=None,
                           closed_on=REPLIED)


def ask(petition, world, kind=ReviewKind.REVIEW, **kwargs):
    kwargs.setdefault("today", kwargs.get("requested_on"))
    return reviews.request_review(petition, actor=world.officer, kind=kind,
                                  text="对处理意见不服", **kwargs)


def test_a_review_may_be_asked_until_the_30th_day_after_the_reply(world, replied):
    with pytest.raises(Invalid, match="最迟 2026年09月09日") as late:
        ask(replied, world, requested_on=REPLIED + timedelta(days=31))
    assert late.value.field == "requested_on"
    petition = ask(replied, world, requested_on=REPLIED + timedelta(days=30),
                   reviewing_unit=world.tree.district)
    review = petition.reviews.get()
    assert (petition.status, review.requested_on) == (Status.REVIEWING, date(2026, 9, 9))
    # Answered within 30 days of the request: the running limit is now the answer's.
    assert review.answer_due == petition.due_on == date(2026, 10, 9)
    assert review.reviewing_unit == world.tree.district


def test_a_request_received_earlier_may_be_entered_later(world, replied):
    petition = reviews.request_review(replied, actor=world.officer, kind=ReviewKind.REVIEW,
                                      text="不服", requested_on=date(2026, 8, 20),
                                      today=date(2026, 9, 1))
    assert petition.due_on == date(2026, 9, 19)
    with pytest.raises(Invalid, match="不能晚于今天"):
        reviews.request_review(replied, actor=world.officer, kind=ReviewKind.REVIEW,
                               text="不服", requested_on=TODAY + timedelta(days=1))


def test_a_request_dated_before_the_reply_is_refused(world, replied):
    with pytest.raises(Invalid, match="不能早于书面答复日期"):
        ask(replied, world, requested_on=REPLIED - timedelta(days=1), today=TODAY)


def test_review_answer_closes_again_and_opens_the_recheck_window(world, replied):
    petition = ask(replied, world, requested_on=date(2026, 8, 20))
    with pytest.raises(Invalid):
        reviews.answer_review(petition, actor=world.officer, kind=ReviewKind.REVIEW, text=" ")
    petition = reviews.answer_review(petition, actor=world.officer, kind=ReviewKind.REVIEW,
                                     text="维持原处理意见", today=date(2026, 9, 15))
    assert (petition.status, petition.due_on, petition.closed_on) == (
        Status.CLOSED, None, date(2026, 9, 15))
    assert timeline(petition).get(action=Step.ANSWER_REVIEW).data["on_time"] is True
    # 复核 runs from the 复查 answer, not from the first reply.
    with pytest.raises(Invalid, match="最迟 2026年10月15日"):
        ask(petition, world, ReviewKind.RECHECK, requested_on=date(2026, 10, 16))
    petition = ask(petition, world, ReviewKind.RECHECK, requested_on=date(2026, 10, 15))
    assert (petition.status, petition.due_on) == (Status.RECHECKING, date(2026, 11, 14))
    petition = reviews.answer_review(petition, actor=world.officer, kind=ReviewKind.RECHECK,
                                     text="维持复查意见", today=date(2026, 11, 20))
    assert petition.status == Status.CLOSED
    assert timeline(petition).get(action=Step.ANSWER_RECHECK).data["on_time"] is False


def test_each_round_happens_once(world, replied):
    petition = ask(replied, world, requested_on=date(2026, 8, 20))
    petition = reviews.answer_review(petition, actor=world.officer, kind=ReviewKind.REVIEW,
                                     text="维持", today=date(2026, 8, 25))
    with pytest.raises(Conflict, match="已经复查过"):
        ask(petition, world, requested_on=date(2026, 8, 26))
    petition = ask(petition, world, ReviewKind.RECHECK, requested_on=date(2026, 8, 26))
    petition = reviews.answer_review(petition, actor=world.officer, kind=ReviewKind.RECHECK,
                                     text="维持", today=date(2026, 8, 30))
    with pytest.raises(Conflict, match="已经复核过"):
        ask(petition, world, ReviewKind.RECHECK, requested_on=date(2026, 8, 31))
    assert rules.allowed_steps(world.officer, petition) == []


def test_no_recheck_without_a_review_answer(world, replied):
    with pytest.raises(Invalid, match="只有对复查意见不服"):
        ask(replied, world, ReviewKind.RECHECK, requested_on=date(2026, 8, 20))
    assert Step.REQUEST_RECHECK not in rules.allowed_steps(world.officer, replied)


def test_a_review_may_be_asked_before_the_petition_is_closed(world):
    petition = PetitionFactory(status=Status.REPLIED, origin_unit=world.tree.west_village,
                               handling_unit=world.renshe, replied_on=REPLIED, due_on=None)
    assert ask(petition, world, requested_on=date(2026, 8, 12)).status == Status.REVIEWING


def test_only_the_office_records_reviews(world, replied):
    with pytest.raises(NotAllowed):
        reviews.request_review(replied, actor=world.renshe_clerk, kind=ReviewKind.REVIEW,
                               text="不服", requested_on=date(2026, 8, 20))


def test_review_limits_counted_in_working_days_cross_the_national_day(world, replied):
    configure(LimitKind.REVIEW_ANSWER, counting=Counting.WORKING, days=10)
    replied.replied_on = date(2026, 9, 25)
    replied.save()
    petition = ask(replied, world, requested_on=date(2026, 9, 30), today=date(2026, 9, 30))
    # Oct 1-7 off; Oct 8, 9, 10 (make-up Saturday), 12-16, 19, 20 are the ten working days.
    assert petition.due_on == date(2026, 10, 20)
