"""重复信访: the same person on the same matter within the window is one case (件), counted
once, while every visit (件次, 人次) still counts. Staff link and unlink by hand."""

from datetime import timedelta

import pytest

from taizhang.org.events import timeline
from taizhang.petitions import repeats
from taizhang.petitions.constants import LimitKind
from taizhang.petitions.errors import Conflict, Invalid, NotAllowed
from taizhang.petitions.models import Petition
from taizhang.petitions.queries import visible_petitions
from taizhang.petitions.tests.factories import (
    ID_WANG,
    ID_ZHANG,
    TODAY,
    category,
    configure,
    petitioner,
    register,
)

pytestmark = pytest.mark.django_db


def earlier(world, days_ago=30, **fields):
    return register(world, received_on=TODAY - timedelta(days=days_ago), **fields)


def test_the_same_id_number_on_the_same_matter_is_a_repeat(world):
    first = earlier(world)
    again = register(world, petitioners=[petitioner("张三丰", ID_ZHANG, "13911112222")])
    assert again.repeat_of == first and again.case_id == first.pk
    assert again.repeat_linked_by is None  # automatic
    event = timeline(again).get(action=repeats.LINK)
    assert event.data == {"first": first.pk, "matched": first.pk, "auto": True}
    assert timeline(first).get(action=repeats.LINKED_TO).data == {"repeat": again.pk}


def test_name_and_phone_match_when_there_is_no_id_number(world):
    first = earlier(world, petitioners=[petitioner(id_number="")])
    again = register(world, petitioners=[petitioner(" 张三 ", "", "138 0000 1111")])
    assert again.repeat_of == first


def test_a_group_matches_through_any_of_its_members(world):
    first = earlier(world, head_count=6, petitioners=[
        petitioner("李四", ID_WANG, "13900002222"), petitioner()])
    again = register(world, petitioners=[petitioner("另一人", "", "13700003333"),
                                         petitioner("李四", ID_WANG, "")])
    assert again.repeat_of == first


@pytest.mark.parametrize("change", [
    {"petitioners": [petitioner("李四", ID_WANG, "13900002222")]},  # another person
    {"petitioners": [petitioner("张三", "", "13900009999")]},  # same name, other phone
    {"category": "other"},  # another matter
    {"origin_unit": "east"},  # arose elsewhere
    {"is_accusation": True},  # an accusation never joins a plain petition
])
def test_no_repeat_without_the_same_person_and_matter(world, change):
    earlier(world)
    if change.get("category") == "other":
        change["category"] = category("chengxiang", "城乡建设")
    if change.get("origin_unit") == "east":
        change["origin_unit"] = world.tree.east_village
    if change.get("is_accusation"):
        change["accused_unit"] = world.tree.west_village
    assert register(world, **change).repeat_of is None


def test_the_window_is_configurable(world):
    li = [petitioner("李四", ID_WANG, "13900002222")]
    first = earlier(world, days_ago=180)
    assert register(world).repeat_of == first  # 180 days: still within the default window
    assert earlier(world, days_ago=181, petitioners=li).repeat_of is None
    assert register(world, petitioners=li).repeat_of is None  # 181 days: a new case
    configure(LimitKind.REPEAT_WINDOW, days=90)
    wang = [petitioner("王五", "", "13700003333")]
    base = earlier(world, days_ago=90, petitioners=wang)
    assert register(world, petitioners=wang).repeat_of == base
    zhao = [petitioner("赵六", "", "13600004444")]
    earlier(world, days_ago=91, petitioners=zhao)
    assert register(world, petitioners=zhao).repeat_of is None


def test_the_window_runs_from_the_latest_visit_and_links_to_the_first(world):
    first = earlier(world, days_ago=300)
    second = earlier(world, days_ago=150)  # 150 days after the first: a repeat of it
    third = register(world)  # 300 days after the first, 150 after the second
    assert second.repeat_of == first and third.repeat_of == first


def test_accusations_repeat_only_against_the_same_accused(world):
    first = earlier(world, is_accusation=True, accused_unit=world.tree.west_village)
    other = register(world, is_accusation=True, accused_unit=world.tree.west_grid)
    same = register(world, is_accusation=True, accused_unit=world.tree.west_village)
    assert other.repeat_of is None and same.repeat_of == first


def test_volume_counts_cases_petitions_and_visits(world):
    first = earlier(world, head_count=6, petitioners=[petitioner()])
    register(world, head_count=2)  # a repeat of the first
    register(world, petitioners=[petitioner("李四", ID_WANG, "13900002222")])
    assert repeats.volume(Petition.objects.all()) == {"cases": 2, "petitions": 3, "visits": 9}
    assert repeats.volume(visible_petitions(world.officer).filter(pk=first.pk)) == {
        "cases": 1, "petitions": 1, "visits": 6}
    assert repeats.volume(Petition.objects.none()) == {"cases": 0, "petitions": 0, "visits": 0}


def test_staff_link_by_hand_and_the_case_moves_along(world):
    first = earlier(world, 60)
    other = earlier(world, 10, petitioners=[petitioner("李四", ID_WANG, "13900002222")])
    follow = register(world, petitioners=[petitioner("李四", ID_WANG, "13900002222")])
    assert follow.repeat_of == other
    linked = repeats.link_repeat(other, first, actor=world.officer, note="实为同一户家属代访")
    assert linked.repeat_of == first and linked.repeat_linked_by == world.officer
    follow.refresh_from_db()
    assert follow.repeat_of == first  # the repeats of a linked case follow it
    event = timeline(other).filter(action=repeats.LINK).latest("id")
    assert event.note == "实为同一户家属代访" and event.data["moved"] == [follow.pk]
    assert timeline(first).filter(action=repeats.LINKED_TO, data__repeat=other.pk).exists()
    with pytest.raises(Conflict):
        repeats.link_repeat(other, first, actor=world.officer)


def test_staff_unlink_with_a_reason_and_both_timelines_show_it(world):
    first = earlier(world)
    again = register(world)
    with pytest.raises(Invalid):
        repeats.unlink_repeat(again, actor=world.officer, reason=" ")
    unlinked = repeats.unlink_repeat(again, actor=world.officer, reason="诉求已变为工伤认定")
    assert unlinked.repeat_of is None and unlinked.case_id == again.pk
    assert timeline(again).get(action=repeats.UNLINK).note == "诉求已变为工伤认定"
    assert "诉求已变为工伤认定" in timeline(first).get(action=repeats.UNLINKED_FROM).note
    with pytest.raises(Conflict, match="未被认定为重复信访"):
        repeats.unlink_repeat(again, actor=world.officer, reason="再次取消")


def test_manual_links_are_checked(world):
    first = earlier(world)
    plain = register(world, petitioners=[petitioner("李四", ID_WANG, "13900002222")])
    accusation = register(world, is_accusation=True, accused_unit=world.tree.west_village)
    with pytest.raises(Invalid, match="它自己"):
        repeats.link_repeat(first, first, actor=world.officer)
    with pytest.raises(Invalid, match="更早"):
        repeats.link_repeat(first, plain, actor=world.officer)
    with pytest.raises(Invalid, match="检举"):
        repeats.link_repeat(accusation, first, actor=world.officer)
    with pytest.raises(NotAllowed):
        repeats.link_repeat(plain, first, actor=world.renshe_clerk)
    east = register(world, origin_unit=world.tree.east_village,
                    petitioners=[petitioner("赵六", "", "13600004444")])
    with pytest.raises(NotAllowed):  # 西河乡's office does not reach 东城街道's petitions
        repeats.link_repeat(east, first, actor=world.west_officer)
    assert not Petition.objects.filter(pk=plain.pk, repeat_of__isnull=False).exists()
