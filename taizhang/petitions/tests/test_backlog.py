"""Backlog cases (积案): one leader, one team, one plan, followed on the ledger's own item and
workflow, and closed out (化解销号) only by the petition office that verifies it."""

from datetime import date, timedelta

import pytest

from taizhang.inbox.models import Notification
from taizhang.ledger import rules as ledger_rules
from taizhang.ledger.constants import Frequency, ItemStatus
from taizhang.org.constants import Rank, Role
from taizhang.org.events import timeline
from taizhang.org.tests.factories import make_user
from taizhang.petitions import backlog, repeats
from taizhang.petitions.errors import Conflict, Invalid, NotAllowed
from taizhang.petitions.tests.factories import ID_WANG, TODAY, petitioner, register

pytestmark = pytest.mark.django_db

DEADLINE = date(2026, 12, 31)


@pytest.fixture
def county(world):
    return make_user(world.tree.district, Role.LEADER, username="fuquzhang", name="王副区长",
                     rank=Rank.COUNTY)


def particulars(world, county, **changes):
    return {"leader": county.person, "lead_unit": world.renshe,
            "goal": "清偿拖欠工资，信访人息诉罢访",
            "plan": [("约谈施工单位", date(2026, 9, 15)), ("督促清偿欠薪", date(2026, 10, 31)),
                     ("回访信访人", date(2026, 12, 15))],
            "deadline": DEADLINE,
            "team": [(world.renshe_head.person, "牵头化解"),
                     (world.renshe_handler.person, "具体承办")],
            **changes}


def opened(world, county, petition=None, **changes):
    petition = petition or register(world)
    return backlog.open_backlog_case(petition, actor=world.officer,
                                     **particulars(world, county, **changes))


def test_a_case_becomes_an_assigned_item_of_the_office_backlog_ledger(world, county):
    first = register(world)
    again = register(world, received_on=TODAY)  # the same person, the same matter: a repeat
    assert again.repeat_of_id == first.pk
    case = opened(world, county, petition=again)
    item = case.item
    assert (item.ledger.name, item.ledger.kind.code, item.ledger.unit) == (
        "2026年信访积案台账", "xinfang_jian", world.xfj)
    assert item.status == ItemStatus.IN_PROGRESS and item.assigned_on == TODAY
    assert (item.leader, item.lead_unit, item.deadline) == (county.person, world.renshe, DEADLINE)
    assert item.frequency == Frequency.MONTHLY
    assert item.code == "JA2026-001"
    assert [(m.title, m.due) for m in item.milestones.all()] == particulars(world, county)["plan"]
    assert [(m.person, m.duty) for m in case.team.all()] == [
        (world.renshe_head.person, "牵头化解"), (world.renshe_handler.person, "具体承办")]
    assert set(case.petitions.all()) == {first, again}
    assert "劳动社保积案" in item.title and first.registration_no in item.title
    assert "张三" not in item.title  # never the petitioner
    for petition in (first, again):
        assert timeline(petition).last().action == "backlog_open"
    told = set(Notification.objects.filter(title__startswith="信访积案交办").values_list(
        "recipient__username", flat=True))
    assert told == {"fuquzhang", "renshe_head", "renshe_handler"}


def test_the_petition_office_verifies_the_close_out_not_supervision(world, county):
    item = opened(world, county).item
    ledger_rules.report_progress(item, actor=world.renshe_clerk, text="已约谈施工单位")
    ledger_rules.request_close_out(item, actor=world.renshe_clerk,
                                   evidence="欠薪已全部清偿，信访人签字息诉")
    assert Notification.objects.filter(recipient=world.officer2,
                                       title__startswith="申请销号").exists()
    for outsider in (world.supervisor, world.west_officer):
        with pytest.raises(ledger_rules.LedgerError):
            ledger_rules.close_out_item(item, actor=outsider)
    with pytest.raises(ledger_rules.NotAllowed, match="只有信访工作人员可以销号"):
        ledger_rules.close_out_item(item, actor=world.renshe_head)
    item = ledger_rules.close_out_item(item, actor=world.officer2, note="经回访核实，已化解")
    assert item.status == ItemStatus.CLOSED


def test_the_leaders_view_lists_their_cases_and_the_teams(world, county):
    case = opened(world, county)
    assert list(backlog.leader_cases(county)) == [case]
    assert list(backlog.leader_cases(world.renshe_handler)) == [case]
    assert list(backlog.leader_cases(world.renshe_clerk)) == []


@pytest.mark.parametrize(("changes", "field"), [
    ({"leader": None}, "leader"),
    ({"goal": "  "}, "goal"),
    ({"deadline": TODAY}, "deadline"),
    ({"plan": []}, "plan"),
    ({"plan": [("回访", DEADLINE + timedelta(days=1))]}, "plan"),
    ({"plan": [("", date(2026, 10, 1))]}, "plan"),
    ({"team": []}, "team"),
])
def test_a_case_needs_every_particular(world, county, changes, field):
    with pytest.raises(Invalid) as refused:
        opened(world, county, **changes)
    assert refused.value.field == field


def test_the_leader_is_a_county_level_leader(world, county):
    with pytest.raises(Invalid, match="县级领导"):
        opened(world, county, leader=world.renshe_head.person)


def test_the_team_names_each_member_once_with_a_duty(world, county):
    head = world.renshe_head.person
    for team in ([(head, "牵头"), (head, "承办")], [(head, " ")]):
        with pytest.raises(Invalid):
            opened(world, county, team=team)


def test_only_the_petition_office_opens_a_case(world, county):
    petition = register(world)
    with pytest.raises(NotAllowed):
        backlog.open_backlog_case(petition, actor=world.renshe_head,
                                  **particulars(world, county))


def test_a_petition_is_in_one_case_at_most(world, county):
    petition = register(world)
    opened(world, county, petition=petition)
    with pytest.raises(Conflict, match="已列入信访积案 JA2026-001"):
        opened(world, county, petition=petition)


def test_an_accusation_is_never_a_backlog_case(world, county):
    accusation = register(world, is_accusation=True, accused_unit=world.tree.west_village,
                          petitioners=[petitioner(name="李四", id_number=ID_WANG)])
    with pytest.raises(Invalid, match="检举揭发"):
        opened(world, county, petition=accusation)


def test_a_repeat_registered_later_joins_the_open_case(world, county):
    first = register(world)
    case = opened(world, county, petition=first)
    again = register(world)
    assert (again.repeat_of_id, again.backlog_case_id) == (first.pk, case.pk)
    assert "并入信访积案 JA2026-001" in timeline(again).last().note


def test_the_lead_unit_and_the_team_are_within_the_office_reach(world, county):
    outside = make_user(world.tree.east, Role.UNIT_STAFF, username="east2", name="东城干部")
    west = register(world, origin_unit=world.tree.west_village, actor=world.west_officer)
    for changes, field in (({"lead_unit": world.renshe}, "lead_unit"),
                           ({"lead_unit": world.tree.west,
                             "team": [(outside.person, "协助")]}, "team")):
        with pytest.raises(Invalid) as refused:
            backlog.open_backlog_case(west, actor=world.west_officer,
                                      **particulars(world, county, **changes))
        assert refused.value.field == field


def test_a_repeat_unlinked_from_its_chain_leaves_the_case(world, county):
    first = register(world)
    again = register(world)
    case = opened(world, county, petition=first)
    repeats.unlink_repeat(again, actor=world.officer, reason="反映的是另一工地的欠薪")
    again.refresh_from_db()
    assert again.backlog_case is None and list(case.petitions.all()) == [first]
    assert "移出信访积案 JA2026-001" in timeline(again).last().note
