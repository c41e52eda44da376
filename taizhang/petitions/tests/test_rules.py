"""Every step against every status and every kind of actor: the transition table decides.
Then the whole road from 受理 to 办结 with its time limits, and the refusals on the way."""

from datetime import date, timedelta

import pytest

from taizhang.org.events import timeline
from taizhang.petitions import extensions, reviews, rules
from taizhang.petitions.constants import (
    TRANSITIONS,
    Actor,
    Evaluation,
    ExtensionStatus,
    ReviewKind,
    Status,
    Step,
)
from taizhang.petitions.errors import Conflict, Invalid, NotAllowed
from taizhang.petitions.models import Extension, Review
from taizhang.petitions.tests.factories import TODAY, PetitionFactory, register

pytestmark = pytest.mark.django_db


def act(step, petition, user, world):
    """Take ``step`` on ``petition`` as ``user`` with well-formed input."""
    calls = {
        Step.ACCEPT: lambda: rules.accept_petition(petition, actor=user),
        Step.REFUSE: lambda: rules.refuse_petition(petition, actor=user,
                                                   notice="属于诉讼程序解决的事项"),
        Step.ASSIGN: lambda: rules.assign_petition(petition, actor=user, unit=world.renshe),
        Step.START: lambda: rules.start_handling(petition, actor=user,
                                                 handler=world.renshe_handler.person),
        Step.REPLY: lambda: rules.reply_petition(petition, actor=user, text="已督促补发工资"),
        Step.EVALUATE: lambda: rules.evaluate_petition(petition, actor=user,
                                                       evaluation=Evaluation.SATISFIED),
        Step.CLOSE: lambda: rules.close_petition(petition, actor=user),
        Step.REQUEST_REVIEW: lambda: reviews.request_review(
            petition, actor=user, kind=ReviewKind.REVIEW, text="对答复不服"),
        Step.ANSWER_REVIEW: lambda: reviews.answer_review(
            petition, actor=user, kind=ReviewKind.REVIEW, text="维持原处理意见"),
        Step.REQUEST_RECHECK: lambda: reviews.request_review(
            petition, actor=user, kind=ReviewKind.RECHECK, text="对复查意见不服"),
        Step.ANSWER_RECHECK: lambda: reviews.answer_review(
            petition, actor=user, kind=ReviewKind.RECHECK, text="维持复查意见"),
        Step.REQUEST_EXTENSION: lambda: extensions.request_extension(
            petition, actor=user, days=10, reason="涉及多家用工单位，需调取账目"),
        Step.APPROVE_EXTENSION: lambda: extensions.decide_extension(petition, actor=user,
                                                                    approve=True),
        Step.REJECT_EXTENSION: lambda: extensions.decide_extension(petition, actor=user,
                                                                   approve=False),
    }
    return calls[step]()


def prepare(world, step, status):
    """A petition in ``status`` with whatever the step needs to be well-formed."""
    petition = PetitionFactory(
        status=status, origin_unit=world.tree.west_village, handling_unit=world.renshe,
        decided_on=TODAY - timedelta(days=20), handling_due=date(2026, 10, 12),
        replied_on=TODAY - timedelta(days=5), due_on=date(2026, 10, 12))
    if step in (Step.ANSWER_REVIEW, Step.REQUEST_RECHECK, Step.ANSWER_RECHECK):
        Review.objects.create(petition=petition, kind=ReviewKind.REVIEW, requested_on=TODAY,
                              request_text="不服", answer_due=TODAY,
                              answered_on=None if step == Step.ANSWER_REVIEW else TODAY)
    if step == Step.ANSWER_RECHECK:
        Review.objects.create(petition=petition, kind=ReviewKind.RECHECK, requested_on=TODAY,
                              request_text="不服", answer_due=TODAY)
    if step in (Step.APPROVE_EXTENSION, Step.REJECT_EXTENSION):
        Extension.objects.create(petition=petition, days=10, reason="需调取账目",
                                 old_due=date(2026, 10, 12), new_due=date(2026, 10, 22),
                                 requested_by=world.renshe_clerk)
    return petition


ACTORS = {
    "officer": {Actor.OFFICE},
    "renshe_clerk": {Actor.HANDLING_UNIT},
    "renshe_head": {Actor.HANDLING_UNIT, Actor.UNIT_HEAD},
    "east_staff": set(),
}


@pytest.mark.parametrize("status", Status.values)
@pytest.mark.parametrize("step", list(TRANSITIONS))
def test_every_step_in_every_status_by_every_actor(world, step, status):
    transition = TRANSITIONS[step]
    for name, relations in ACTORS.items():
        user = getattr(world, name)
        petition = prepare(world, step, status)
        may = transition.actor in relations
        assert rules.relations(user, petition) == relations
        assert (step in rules.allowed_steps(user, petition)) == (
            may and status in transition.sources), name
        if not may:
            with pytest.raises(NotAllowed):
                act(step, petition, user, world)
        elif status not in transition.sources:
            with pytest.raises(Conflict):
                act(step, petition, user, world)
        else:
            done = act(step, petition, user, world)
            assert done.status == (transition.target or status)
            assert timeline(petition).filter(action=step).count() == 1


def test_the_whole_road_with_its_time_limits(world):
    petition = register(world)  # received Tue 1 Sep 2026
    assert petition.due_on == date(2026, 9, 16)

    petition = rules.accept_petition(petition, actor=world.officer, today=date(2026, 9, 3))
    # 60 days from acceptance (3 Sep) is 2 Nov; the 15-day referral clock still runs.
    assert (petition.status, petition.decided_on) == (Status.ACCEPTED, date(2026, 9, 3))
    assert petition.handling_due == date(2026, 11, 2)
    assert petition.due_on == date(2026, 9, 16)

    petition = rules.assign_petition(petition, actor=world.officer, unit=world.renshe,
                                     today=date(2026, 9, 4))
    assert (petition.status, petition.handling_unit) == (Status.ASSIGNED, world.renshe)
    assert petition.due_on == date(2026, 11, 2)

    petition = rules.start_handling(petition, actor=world.renshe_clerk,
                                    handler=world.renshe_handler.person,
                                    today=date(2026, 9, 7))
    assert (petition.status, petition.handler) == (Status.HANDLING, world.renshe_handler.person)

    petition = rules.reply_petition(petition, actor=world.renshe_handler, text="已督促补发",
                                    today=date(2026, 10, 30))
    assert (petition.status, petition.due_on) == (Status.REPLIED, None)
    assert timeline(petition).get(action=Step.REPLY).data["on_time"] is True

    petition = rules.evaluate_petition(petition, actor=world.officer,
                                       evaluation=Evaluation.BASIC, today=date(2026, 11, 3))
    assert (petition.status, petition.evaluation) == (Status.EVALUATED, Evaluation.BASIC)
    petition = rules.close_petition(petition, actor=world.officer, today=date(2026, 11, 3))
    assert (petition.status, petition.closed_on) == (Status.CLOSED, date(2026, 11, 3))
    assert list(timeline(petition).order_by("id").values_list("action", flat=True)) == [
        "register", Step.ACCEPT, Step.ASSIGN, Step.START, Step.REPLY, Step.EVALUATE,
        Step.CLOSE]


def test_a_late_reply_is_recorded_as_late(world):
    petition = PetitionFactory(status=Status.HANDLING, origin_unit=world.tree.west_village,
                               handling_unit=world.renshe, handling_due=TODAY - timedelta(1))
    rules.reply_petition(petition, actor=world.renshe_clerk, text="已答复")
    assert timeline(petition).get(action=Step.REPLY).data["on_time"] is False


def test_refusal_needs_the_written_notice_and_stops_every_clock(world):
    petition = register(world)
    with pytest.raises(Invalid) as refused:
        rules.refuse_petition(petition, actor=world.officer, notice="  ")
    assert refused.value.field == "notice"
    petition = rules.refuse_petition(petition, actor=world.officer,
                                     notice="该事项已进入仲裁程序，请向区劳动人事争议仲裁委员会提出")
    assert (petition.status, petition.due_on, petition.closed_on) == (
        Status.NOT_ACCEPTED, None, TODAY)
    assert "仲裁" in petition.refusal_notice


def test_a_stale_page_is_a_conflict_that_says_who_acted(world):
    petition = register(world)
    rules.accept_petition(petition, actor=world.officer2)
    with pytest.raises(Conflict) as stale:
        rules.refuse_petition(petition, actor=world.officer, notice="不属于信访事项")
    assert "信访局乙已于" in stale.value.message and "请刷新页面" in stale.value.message
    with pytest.raises(Conflict):
        rules.assign_petition(petition, actor=world.officer, unit=world.renshe,
                              expected_status=Status.REGISTERED)
    assert timeline(petition).filter(action=Step.REFUSE).count() == 0


def test_referral_stays_within_reach_and_away_from_the_accused(world):
    petition = rules.accept_petition(register(world, actor=world.west_officer),
                                     actor=world.west_officer)
    with pytest.raises(Invalid, match="交办范围") as refused:
        rules.assign_petition(petition, actor=world.west_officer, unit=world.renshe)
    assert refused.value.field == "unit"
    accusation = rules.accept_petition(
        register(world, is_accusation=True, accused_unit=world.tree.west_village),
        actor=world.officer)
    for unit in (world.tree.west_village, world.tree.west_grid):
        with pytest.raises(Invalid, match="被检举单位"):
            rules.assign_petition(accusation, actor=world.officer, unit=unit)
    # The township above the accused village supervises it and may handle the accusation.
    assert rules.assign_petition(accusation, actor=world.officer,
                                 unit=world.tree.west).handling_unit == world.tree.west


def test_the_handler_works_in_the_handling_unit_and_is_not_accused(world):
    petition = PetitionFactory(status=Status.ASSIGNED, origin_unit=world.tree.west_village,
                               handling_unit=world.renshe, handling_due=date(2026, 10, 31))
    with pytest.raises(Invalid, match="不是区人社局的工作人员"):
        rules.start_handling(petition, actor=world.renshe_clerk,
                             handler=world.west_staff.person)
    accused = PetitionFactory(status=Status.ASSIGNED, origin_unit=world.tree.west_village,
                              handling_unit=world.renshe, handling_due=date(2026, 10, 31),
                              is_accusation=True, accused_person=world.renshe_handler.person)
    with pytest.raises(Invalid, match="被检举"):
        rules.start_handling(accused, actor=world.renshe_clerk,
                             handler=world.renshe_handler.person)


def test_reply_and_evaluation_input_is_checked(world):
    petition = PetitionFactory(status=Status.HANDLING, origin_unit=world.tree.west_village,
                               handling_unit=world.renshe, handling_due=date(2026, 10, 31))
    with pytest.raises(Invalid):
        rules.reply_petition(petition, actor=world.renshe_clerk, text=" ")
    petition = rules.reply_petition(petition, actor=world.renshe_clerk, text="已答复")
    with pytest.raises(Invalid) as refused:
        rules.evaluate_petition(petition, actor=world.officer, evaluation="great")
    assert refused.value.field == "evaluation"


def test_an_unrated_reply_may_be_closed(world):
    petition = PetitionFactory(status=Status.REPLIED, origin_unit=world.tree.west_village,
                               handling_unit=world.renshe, replied_on=TODAY)
    petition = rules.close_petition(petition, actor=world.officer)
    assert (petition.status, petition.evaluation) == (Status.CLOSED, "")


def test_a_pending_extension_hides_the_request_and_shows_the_decision(world):
    petition = PetitionFactory(status=Status.HANDLING, origin_unit=world.tree.west_village,
                               handling_unit=world.renshe, handling_due=date(2026, 10, 31))
    extensions.request_extension(petition, actor=world.renshe_clerk, days=5, reason="调取账目")
    assert Step.REQUEST_EXTENSION not in rules.allowed_steps(world.renshe_clerk, petition)
    assert Step.APPROVE_EXTENSION in rules.allowed_steps(world.renshe_head, petition)
    assert petition.extensions.get().status == ExtensionStatus.REQUESTED


def test_an_accusation_against_a_person_is_not_sent_to_their_unit(world):
    accusation = rules.accept_petition(
        register(world, is_accusation=True, accused_person=world.renshe_head.person),
        actor=world.officer)
    with pytest.raises(Invalid, match="被检举人所在单位"):
        rules.assign_petition(accusation, actor=world.officer, unit=world.renshe)
    assert rules.assign_petition(accusation, actor=world.officer,
                                 unit=world.tree.supervision).status == Status.ASSIGNED
