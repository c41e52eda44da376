"""The petitions API: the list and its filters, one petition as each person may see it,
registration with its automatic repeat link, and the confidentiality rule as an attacker
tries it — an accusation is absent for the accused from every list, count and detail."""

from datetime import date

import pytest

from taizhang.ledger.tests.apiclient import Api, ok, refused
from taizhang.petitions import rules
from taizhang.petitions.constants import IDENTITY_HIDDEN, Channel, Status
from taizhang.petitions.models import Category, Petition
from taizhang.petitions.tests.factories import ID_WANG, ID_ZHANG, petitioner, register

LIST = "/petitions/petitions"


def detail_path(petition):
    return f"{LIST}/{petition.pk}"


def body(world, **changes):
    return {"channel": "visit", "content": "反映某工地拖欠工资", "category": world.category.pk,
            "origin_unit": world.tree.west_village.pk,
            "petitioners": [{"name": "张三", "id_number": ID_ZHANG, "phone": "13800001111",
                             "address": "西河村三组"}], **changes}


def ids(answer):
    return [row["id"] for row in answer["items"]]


@pytest.fixture
def office(world, client):
    return Api(client, world.officer)


def test_register_answers_201_with_the_detail(world, office):
    answer = ok(office.post(LIST, body(world, received_on="2026-08-31")), 201)
    petition = Petition.objects.get(pk=answer["id"])
    assert answer["registration_no"] == petition.registration_no
    assert petition.registration_no.startswith("XF2026-")
    assert answer["status"] == Status.REGISTERED and answer["status_label"] == "已登记"
    assert answer["received_on"] == "2026-08-31" and answer["accept_due"] == "2026-09-15"
    assert answer["light"] == "green"
    assert [p["name"] for p in answer["petitioners"]] == ["张三"]
    # The office sees who came, masked: never the full ID number or phone.
    assert answer["petitioners"][0]["id_number"] != ID_ZHANG
    assert answer["petitioners"][0]["phone"].endswith("1111")
    assert "1380000" not in answer["petitioners"][0]["phone"]
    assert [e["action"] for e in answer["timeline"]] == ["register"]
    assert set(answer["allowed_steps"]) >= {"accept", "refuse"}
    assert answer["repeat_of"] is None and answer["repeat_chain"] == [petition.pk]


def test_register_links_a_repeat_and_says_so(world, office):
    first = ok(office.post(LIST, body(world, received_on="2026-08-01")), 201)
    again = ok(office.post(LIST, body(world)), 201)
    assert again["repeat"] is True and again["repeat_of"] == first["id"]
    assert again["repeat_chain"] == [first["id"], again["id"]]
    assert [e["action"] for e in again["timeline"]] == ["register", "link_repeat"]
    assert again["timeline"][1]["label"] == "认定为重复信访"
    assert ok(office.get(LIST, repeat="true"))["count"] == 1


def test_register_a_group_visit_with_its_head_count(world, office):
    answer = ok(office.post(LIST, body(world, head_count=12, bypassed=True)), 201)
    assert answer["group_visit"] is True and answer["head_count"] == 12
    assert answer["bypassed"] is True


@pytest.mark.parametrize(("changes", "field"), [
    ({"content": "   "}, "content"),
    ({"petitioners": []}, "petitioners"),
    ({"petitioners": [{"name": "张三", "id_number": "110101199003074478"}]}, "id_number"),
    ({"head_count": 0}, "head_count"),
    ({"category": 999999}, "category"),
    ({"origin_unit": 999999}, "origin_unit"),
    ({"received_on": "2026-09-02"}, "received_on"),
    ({"channel": "pigeon"}, "channel"),
    ({"accused_name": "某人"}, "is_accusation"),
    ({"unknown": 1}, "unknown"),
])
def test_register_refuses_naming_the_field(world, office, changes, field):
    response = office.post(LIST, body(world, **changes))
    assert response.status_code == 422, response.content.decode()
    assert field in [e["field"] for e in response.json()["errors"]]
    assert not Petition.objects.exists()


def test_register_is_for_the_petition_office_responsible(world, client):
    message = refused(Api(client, world.renshe_clerk).post(LIST, body(world)), 403)
    assert "信访工作机构" in message
    # 西河乡's office does not reach 东城街道.
    east = body(world, origin_unit=world.tree.east.pk)
    assert "信访工作机构" in refused(Api(client, world.west_officer).post(LIST, east), 403)
    assert not Petition.objects.exists()


def test_register_is_idempotent(world, office):
    first = ok(office.post(LIST, body(world), key="reg-1"), 201)
    again = ok(office.post(LIST, body(world), key="reg-1"), 201)
    assert again == first and Petition.objects.count() == 1
    assert office.post(LIST, body(world, content="另一件"), key="reg-1").status_code == 422


def test_list_has_no_petitioner_identity_and_filters(world, office):
    visit = register(world, received_on=date(2026, 8, 20))
    letter = register(world, channel=Channel.LETTER, bypassed=True,
                      petitioners=[petitioner("王五", ID_WANG, "13900002222")],
                      origin_unit=world.tree.west)
    group = register(world, head_count=6, petitioners=[petitioner("李四", "", "13700003333")],
                     received_on=date(2026, 7, 1))
    rules.accept_petition(visit, actor=world.officer)
    response = office.get(LIST)
    answer = ok(response)
    assert answer["count"] == 3 and ids(answer) == [letter.pk, visit.pk, group.pk]
    text = response.content.decode()
    for secret in ("张三", "王五", "李四", "13800001111", ID_ZHANG, "petitioners"):
        assert secret not in text
    assert ids(ok(office.get(LIST, status="accepted"))) == [visit.pk]
    assert ids(ok(office.get(LIST, channel="letter"))) == [letter.pk]
    assert ids(ok(office.get(LIST, bypassed="true"))) == [letter.pk]
    assert ids(ok(office.get(LIST, group_visit="true"))) == [group.pk]
    assert ids(ok(office.get(LIST, group_visit="false"))) == [letter.pk, visit.pk]
    assert ids(ok(office.get(LIST, origin_unit=world.tree.west.pk))) == [letter.pk]
    assert ids(ok(office.get(LIST, received_from="2026-08-01",
                             received_to="2026-08-31"))) == [visit.pk]
    assert ids(ok(office.get(LIST, category=world.category.pk))) == [letter.pk, visit.pk, group.pk]
    # Received 1 July, the 15 days to accept ran out on 16 July.
    assert ids(ok(office.get(LIST, light="red"))) == [group.pk]
    assert ok(office.get(LIST, light="red"))["items"][0]["light_label"] == "红灯"
    assert ok(office.get(LIST, repeat="false"))["count"] == 3
    assert ok(office.get(LIST, limit=1, offset=1))["items"][0]["id"] == visit.pk


def test_list_of_someone_who_sees_nothing_is_empty(world, client):
    register(world)
    assert ok(Api(client, world.east_staff).get(LIST)) == {"items": [], "count": 0}


def test_detail_hides_the_petitioner_from_the_handling_unit_until_the_handler(world, client):
    petition = register(world)
    rules.accept_petition(petition, actor=world.officer)
    rules.assign_petition(petition, actor=world.officer, unit=world.renshe)
    clerk = ok(Api(client, world.renshe_clerk).get(detail_path(petition)))
    assert clerk["petitioners"] == [{"id": clerk["petitioners"][0]["id"], "name": IDENTITY_HIDDEN,
                                     "id_number": IDENTITY_HIDDEN, "phone": IDENTITY_HIDDEN,
                                     "address": IDENTITY_HIDDEN, "hidden": True}]
    assert set(clerk["allowed_steps"]) == {"start", "request_extension"}
    rules.start_handling(petition, actor=world.renshe_clerk, handler=world.renshe_handler.person)
    handler = ok(Api(client, world.renshe_handler).get(detail_path(petition)))
    assert handler["petitioners"][0]["name"] == "张三"
    assert handler["petitioners"][0]["hidden"] is False
    assert handler["handler"] == {"id": world.renshe_handler.person.pk, "name": "人社承办人"}
    assert handler["handling_unit"]["name"] == "区人社局"


def test_detail_and_timeline(world, office):
    petition = register(world)
    rules.accept_petition(petition, actor=world.officer, note="当场受理")
    answer = ok(office.get(detail_path(petition)))
    assert answer["status"] == "accepted" and answer["handling_due"] == "2026-10-31"
    assert answer["due_on"] == "2026-09-16" and answer["content"] == "反映某工地拖欠工资"
    timeline = ok(office.get(f"{detail_path(petition)}/timeline"))
    assert [(e["action"], e["label"], e["actor"]) for e in timeline] == [
        ("register", "登记", "信访局甲"), ("accept", "受理", "信访局甲")]
    assert timeline[1]["note"] == "当场受理" and timeline == answer["timeline"]


def test_unknown_and_out_of_sight_are_the_same_404(world, client, office):
    petition = register(world)
    outsider = Api(client, world.east_staff)
    for path in (detail_path(petition), f"{detail_path(petition)}/timeline"):
        hidden, missing = outsider.get(path), office.get(path.replace(str(petition.pk), "999999"))
        assert hidden.status_code == missing.status_code == 404
        assert hidden.json() == missing.json()


def test_categories_are_the_active_ones(world, office):
    Category.objects.filter(code="qita").update(is_active=False)
    names = [c["name"] for c in ok(office.get("/petitions/categories"))]
    assert "劳动社保" in names and "其他" not in names


# The confidentiality rule, as the accused would try to break it.

@pytest.fixture
def accusation(world):
    """An accusation against 西河乡 and its head, registered by the district's 信访局."""
    return register(world, is_accusation=True, accused_unit=world.tree.west,
                    accused_person=world.west_head.person, content="检举西河乡挪用补偿款",
                    petitioners=[petitioner("王五", ID_WANG, "13900002222")])


@pytest.fixture
def attackers(world, client):
    """The accused person, the accused unit's own petition officer and staff, and a cadre of
    a village under it."""
    return [Api(client, user) for user in (world.west_head, world.west_officer,
                                           world.west_staff, world.village_cadre)]


FILTERS = [{}, {"status": "registered"}, {"channel": "visit"}, {"light": "green"},
           {"bypassed": "false"}, {"group_visit": "false"}, {"repeat": "false"},
           {"received_from": "2026-01-01", "received_to": "2026-12-31"}]


def test_an_accusation_does_not_exist_for_the_accused(world, client, office, accusation,
                                                      attackers):
    plain = register(world)  # a petition of 西河村 that 西河乡's office does see
    supervisor = Api(client, world.supervisor)
    assert ok(supervisor.get(detail_path(accusation)))["is_accusation"] is True
    assert ok(office.get(LIST))["count"] == 2
    missing = office.get(f"{LIST}/999999").json()
    for attacker in attackers:
        for path in (detail_path(accusation), f"{detail_path(accusation)}/timeline"):
            response = attacker.get(path)
            assert response.status_code == 404 and response.json() == missing
        for filters in [*FILTERS, {"category": world.category.pk},
                        {"origin_unit": world.tree.west_village.pk}]:
            answer = ok(attacker.get(LIST, **filters))
            assert accusation.pk not in ids(answer), filters
            assert answer["count"] == len(answer["items"])
            assert answer["count"] <= (1 if plain.pk in ids(answer) else 0)
    assert ok(attackers[1].get(LIST))["count"] == 1  # the plain petition, and only it
    # Nor does the repeat chain of a later accusation name it to anyone blind to it.
    answer = ok(office.get(detail_path(accusation)))
    assert answer["accused_unit"]["name"] == world.tree.west.name


def test_a_repeat_of_a_hidden_accusation_is_not_revealed_by_registering(world, client,
                                                                       accusation):
    # 西河乡's own office registers the same person on the same matter: a plain petition never
    # joins an accusation, so its answer names no earlier petition.
    same = body(world, petitioners=[{"name": "王五", "id_number": ID_WANG,
                                     "phone": "13900002222"}])
    answer = ok(Api(client, world.west_officer).post(LIST, same), 201)
    assert answer["repeat_of"] is None and answer["repeat_chain"] == [answer["id"]]
    assert [e["action"] for e in answer["timeline"]] == ["register"]
    assert Petition.objects.get(pk=answer["id"]).repeat_of_id is None
