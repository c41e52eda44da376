"""延期: asked by the handling unit, decided by its head, 30 days in all at most."""

from datetime import date

import pytest

from taizhang.org.events import timeline
from taizhang.petitions import extensions
from taizhang.petitions.constants import Counting, ExtensionStatus, LimitKind, Status, Step
from taizhang.petitions.errors import Conflict, Invalid, NotAllowed
from taizhang.petitions.tests.factories import PetitionFactory, configure

pytestmark = pytest.mark.django_db

DUE = date(2026, 10, 30)


@pytest.fixture
def handling(world):
    return PetitionFactory(status=Status.HANDLING, origin_unit=world.tree.west_village,
                           handling_unit=world.renshe, handling_due=DUE, due_on=DUE)


def ask(petition, world, days, user=None):
    return extensions.request_extension(petition, actor=user or world.renshe_clerk, days=days,
                                        reason="涉及多家用工单位，需调取账目")


def test_approved_extension_moves_the_handling_limit(world, handling):
    petition = ask(handling, world, 20)
    assert petition.due_on == DUE  # nothing moves until the head decides
    extension = petition.extensions.get()
    assert (extension.old_due, extension.new_due) == (DUE, date(2026, 11, 19))
    petition = extensions.decide_extension(petition, actor=world.renshe_head, approve=True,
                                           note="同意")
    assert petition.handling_due == petition.due_on == date(2026, 11, 19)
    assert petition.status == Status.HANDLING
    extension.refresh_from_db()
    assert (extension.status, extension.decided_by) == (ExtensionStatus.APPROVED,
                                                       world.renshe_head)
    assert timeline(petition).get(action=Step.APPROVE_EXTENSION).data["new_due"] == "2026-11-19"


def test_rejected_extension_leaves_the_limit(world, handling):
    petition = ask(handling, world, 10)
    petition = extensions.decide_extension(petition, actor=world.renshe_head, approve=False,
                                           note="可在期限内办结")
    assert petition.due_on == petition.handling_due == DUE
    assert petition.extensions.get().status == ExtensionStatus.REJECTED


def test_extensions_together_stay_within_30_days(world, handling):
    with pytest.raises(Invalid, match="还可延长 30 天") as refused:
        ask(handling, world, 31)
    assert refused.value.field == "days"
    with pytest.raises(Invalid):
        ask(handling, world, 0)
    petition = extensions.decide_extension(ask(handling, world, 20), actor=world.renshe_head,
                                           approve=True)
    with pytest.raises(Invalid, match="还可延长 10 天"):
        ask(petition, world, 11)
    petition = extensions.decide_extension(ask(petition, world, 10), actor=world.renshe_head,
                                           approve=True)
    assert petition.due_on == date(2026, 11, 29)
    with pytest.raises(Invalid, match="还可延长 0 天"):
        ask(petition, world, 1)


def test_a_shortened_ceiling_is_checked_again_at_approval(world, handling):
    petition = ask(handling, world, 20)
    configure(LimitKind.EXTENSION, days=15)
    with pytest.raises(Invalid, match="不得超过 15 天"):
        extensions.decide_extension(petition, actor=world.renshe_head, approve=True)


def test_one_undecided_request_at_a_time(world, handling):
    ask(handling, world, 5)
    with pytest.raises(Conflict, match="待审批"):
        ask(handling, world, 5, user=world.renshe_handler)


def test_nobody_decides_their_own_request(world, handling):
    petition = ask(handling, world, 5, user=world.renshe_head)
    with pytest.raises(NotAllowed, match="本人"):
        extensions.decide_extension(petition, actor=world.renshe_head, approve=True)
    assert extensions.decide_extension(petition, actor=world.renshe_deputy,
                                       approve=True).due_on == date(2026, 11, 4)


def test_only_the_head_of_the_handling_unit_decides(world, handling):
    petition = ask(handling, world, 5)
    for user in (world.renshe_handler, world.officer, world.west_head):
        with pytest.raises(NotAllowed):
            extensions.decide_extension(petition, actor=user, approve=True)


def test_a_decision_without_a_request_is_a_conflict(world, handling):
    with pytest.raises(Conflict, match="没有待审批"):
        extensions.decide_extension(handling, actor=world.renshe_head, approve=True)


def test_an_extension_in_working_days_skips_the_national_day(world):
    configure(LimitKind.EXTENSION, counting=Counting.WORKING)
    petition = PetitionFactory(status=Status.ASSIGNED, origin_unit=world.tree.west_village,
                               handling_unit=world.renshe, handling_due=date(2026, 9, 30),
                               due_on=date(2026, 9, 30))
    petition = extensions.decide_extension(ask(petition, world, 3), actor=world.renshe_head,
                                           approve=True)
    # Oct 1-7 are the National Day holiday; Saturday Oct 10 is a make-up working day.
    assert petition.due_on == date(2026, 10, 10)
    assert petition.status == Status.ASSIGNED


def test_no_reason_no_request(world, handling):
    with pytest.raises(Invalid) as refused:
        extensions.request_extension(handling, actor=world.renshe_clerk, days=5, reason="")
    assert refused.value.field == "reason"
