"""Every action against every status and every kind of actor: the transition table decides."""

from datetime import date

import pytest

from taizhang.ledger import rules
from taizhang.ledger.constants import TRANSITIONS, Action, Actor, ExtensionStatus, ItemStatus
from taizhang.ledger.models import Extension

TODAY = date(2026, 9, 1)


def act(action, item, user):
    """Take ``action`` on ``item`` as ``user`` with well-formed input."""
    calls = {
        Action.ASSIGN: lambda: rules.assign_item(item, actor=user, today=TODAY),
        Action.REPORT: lambda: rules.report_progress(item, actor=user, text="已完成入户排查",
                                                     today=TODAY),
        Action.REQUEST_CLOSE: lambda: rules.request_close_out(item, actor=user,
                                                              evidence="已通过验收"),
        Action.CLOSE_OUT: lambda: rules.close_out_item(item, actor=user, today=TODAY),
        Action.RETURN: lambda: rules.return_item(item, actor=user, reason="佐证材料不全"),
        Action.REQUEST_EXTENSION: lambda: rules.request_extension(
            item, actor=user, new_deadline=date(2027, 3, 31), reason="受汛期影响"),
        Action.APPROVE_EXTENSION: lambda: rules.decide_extension(item, actor=user, approve=True),
        Action.REJECT_EXTENSION: lambda: rules.decide_extension(item, actor=user, approve=False),
    }
    return calls[action]()


def prepare(world, action, status):
    item = world.item
    item.status = status
    item.close_requested_by = world.west_staff if status == ItemStatus.CLOSE_REQUESTED else None
    item.save()
    if action in (Action.APPROVE_EXTENSION, Action.REJECT_EXTENSION):
        Extension.objects.create(item=item, reason="受汛期影响", old_deadline=item.deadline,
                                 new_deadline=date(2027, 3, 31), requested_by=world.west_staff)
    return item


def actor_user(world, actor):
    return {Actor.SUPERVISION: world.supervisor, Actor.LEAD_UNIT: world.west_staff,
            Actor.LEADER: world.leader}[actor]


CASES = [(action, status, actor) for action in Action.values for status in ItemStatus.values
         for actor in Actor.values]


@pytest.mark.parametrize(("action", "status", "actor"), CASES)
def test_transition_table_decides(world, action, status, actor):
    transition = TRANSITIONS[action]
    item = prepare(world, action, status)
    user = actor_user(world, actor)
    if actor != transition.actor:
        with pytest.raises(rules.NotAllowed):
            act(action, item, user)
    elif status not in transition.sources:
        with pytest.raises(rules.Conflict):
            act(action, item, user)
    else:
        act(action, item, user)
        item.refresh_from_db()
        assert item.status == (transition.target or status)


@pytest.mark.parametrize("action", Action.values)
def test_someone_who_cannot_see_the_item_is_told_it_is_not_there(world, action):
    item = prepare(world, action, TRANSITIONS[action].sources[0])
    with pytest.raises(rules.NotAllowed, match="找不到该事项"):
        act(action, item, world.east_staff)


def test_allowed_actions_follow_the_table(world):
    item = world.item
    assert rules.allowed_actions(world.supervisor, item) == [Action.ASSIGN]
    assert rules.allowed_actions(world.west_staff, item) == []
    item = rules.assign_item(item, actor=world.supervisor, today=TODAY)
    assert rules.allowed_actions(world.west_staff, item) == [
        Action.REPORT, Action.REQUEST_CLOSE, Action.REQUEST_EXTENSION]
    assert rules.allowed_actions(world.leader, item) == []
    rules.request_extension(item, actor=world.west_staff, new_deadline=date(2027, 1, 29),
                            reason="资金未到位")
    assert rules.allowed_actions(world.leader, item) == [
        Action.APPROVE_EXTENSION, Action.REJECT_EXTENSION]
    assert Action.REQUEST_EXTENSION not in rules.allowed_actions(world.west_staff, item)


def test_the_verifier_is_never_the_one_who_asked(world):
    # A supervision officer who also acts for the lead unit asks for close-out …
    from taizhang.org.constants import Role
    from taizhang.org.models import RoleGrant

    RoleGrant.objects.create(person=world.supervisor.person, role=Role.UNIT_STAFF,
                             unit=world.tree.west)
    item = rules.assign_item(world.item, actor=world.supervisor, today=TODAY)
    item = rules.request_close_out(item, actor=world.supervisor, evidence="已完工")
    assert Action.CLOSE_OUT not in rules.allowed_actions(world.supervisor, item)
    with pytest.raises(rules.NotAllowed, match="不能是申请销号的本人"):
        rules.close_out_item(item, actor=world.supervisor)
    # … so another officer verifies it.
    item = rules.close_out_item(item, actor=world.supervisor2, today=TODAY)
    assert item.status == ItemStatus.CLOSED and item.closed_by == world.supervisor2


def test_close_out_needs_evidence_or_a_file(world):
    item = rules.assign_item(world.item, actor=world.supervisor, today=TODAY)
    with pytest.raises(rules.Invalid) as refused:
        rules.request_close_out(item, actor=world.west_staff, evidence="  ")
    assert refused.value.field == "evidence"
    item.refresh_from_db()
    assert item.status == ItemStatus.IN_PROGRESS


def test_return_needs_a_reason_and_reopens(world):
    item = rules.assign_item(world.item, actor=world.supervisor, today=TODAY)
    item = rules.request_close_out(item, actor=world.west_staff, evidence="已完工")
    with pytest.raises(rules.Invalid):
        rules.return_item(item, actor=world.supervisor, reason="")
    item = rules.return_item(item, actor=world.supervisor, reason="缺少验收报告")
    assert item.status == ItemStatus.IN_PROGRESS and item.close_requested_by is None


def test_a_stale_form_gets_a_conflict_naming_who_acted(world):
    rules.assign_item(world.item, actor=world.supervisor, today=TODAY)
    with pytest.raises(rules.Conflict, match="已于.*办理为“办理中”"):
        rules.assign_item(world.item, actor=world.supervisor2, today=TODAY,
                          expected_status=ItemStatus.PENDING)


def test_extension_keeps_both_deadlines(world):
    item = rules.assign_item(world.item, actor=world.supervisor, today=TODAY)
    old = item.deadline
    with pytest.raises(rules.Invalid, match="须晚于现时限"):
        rules.request_extension(item, actor=world.west_staff, new_deadline=old, reason="x")
    rules.request_extension(item, actor=world.west_staff, new_deadline=date(2027, 2, 26),
                            reason="受冬季施工影响")
    with pytest.raises(rules.Conflict, match="待审批"):
        rules.request_extension(item, actor=world.west_staff, new_deadline=date(2027, 3, 31),
                                reason="再延")
    extension = rules.decide_extension(item, actor=world.leader, approve=True, note="同意")
    item.refresh_from_db()
    assert item.deadline == date(2027, 2, 26)
    assert (extension.old_deadline, extension.new_deadline) == (old, date(2027, 2, 26))
    assert extension.status == ExtensionStatus.APPROVED and extension.decided_by == world.leader


def test_rejected_extension_leaves_the_deadline(world):
    item = rules.assign_item(world.item, actor=world.supervisor, today=TODAY)
    rules.request_extension(item, actor=world.west_staff, new_deadline=date(2027, 2, 26),
                            reason="受冬季施工影响")
    rules.decide_extension(item, actor=world.leader, approve=False, note="按原时限完成")
    item.refresh_from_db()
    assert item.deadline == date(2026, 12, 31)
