"""Every step through its own route: allowed, forbidden (403), out of sight (404), stale (409)
and badly filled in (422); an Idempotency-Key replay; and every step route answering the
accused exactly as for a petition that does not exist."""

from datetime import date

import pytest

from taizhang.ledger.tests.apiclient import Api, ok, refused
from taizhang.org.events import timeline
from taizhang.petitions import extensions, reviews, rules
from taizhang.petitions.constants import ReviewKind, Status
from taizhang.petitions.models import Extension, Petition
from taizhang.petitions.tests.factories import ID_WANG, category, petitioner, register


@pytest.fixture
def apis(world, client):
    class Apis:
        office = Api(client, world.officer)
        office2 = Api(client, world.officer2)
        supervisor = Api(client, world.supervisor)  # sees everything, may take no step
        clerk = Api(client, world.renshe_clerk)
        head = Api(client, world.renshe_head)
        outsider = Api(client, world.east_staff)

    return Apis


def path(petition, step):
    return f"/petitions/petitions/{petition.pk}/{step}"


def status_of(petition):
    return Petition.objects.get(pk=petition.pk).status


@pytest.fixture
def registered(world):
    return register(world)


@pytest.fixture
def accepted(world, registered):
    return rules.accept_petition(registered, actor=world.officer)


@pytest.fixture
def assigned(world, accepted):
    return rules.assign_petition(accepted, actor=world.officer, unit=world.renshe)


@pytest.fixture
def handling(world, assigned):
    return rules.start_handling(assigned, actor=world.renshe_clerk,
                                handler=world.renshe_handler.person)


@pytest.fixture
def replied(world, handling):
    return rules.reply_petition(handling, actor=world.renshe_clerk, text="已督促支付工资")


def test_the_whole_life_of_a_petition(world, apis, registered):
    answer = ok(apis.office.post(path(registered, "accept"),
                                 {"expected_status": "registered", "note": "当场受理"}))
    assert answer["status"] == "accepted" and answer["allowed_steps"] == ["assign"]
    answer = ok(apis.office.post(path(registered, "assign"), {"unit": world.renshe.pk}))
    assert answer["status"] == "assigned" and answer["handling_unit"]["id"] == world.renshe.pk
    answer = ok(apis.clerk.post(path(registered, "start-handling"),
                                {"handler": world.renshe_handler.person.pk}))
    assert answer["status"] == "handling" and answer["handler"]["name"] == "人社承办人"
    answer = ok(apis.clerk.post(path(registered, "extension-request"),
                                {"days": 20, "reason": "涉及多家用工单位，需联合核查"}))
    assert answer["extensions"][0]["status"] == "requested"
    assert "approve_extension" not in answer["allowed_steps"]
    answer = ok(apis.head.post(path(registered, "extension-decision"),
                               {"approve": True, "note": "同意"}))
    assert answer["extensions"][0]["status_label"] == "已批准"
    assert answer["handling_due"] == "2026-11-20"  # 31 October + 20 days
    answer = ok(apis.clerk.post(path(registered, "reply"), {"text": "已督促支付拖欠工资"}))
    assert answer["status"] == "replied" and answer["reply_text"] == "已督促支付拖欠工资"
    answer = ok(apis.office.post(path(registered, "evaluate"), {"evaluation": "basic"}))
    assert answer["evaluation_label"] == "基本满意"
    answer = ok(apis.office.post(path(registered, "close"), {"expected_status": "evaluated"}))
    assert answer["status"] == "closed" and answer["closed_on"] == "2026-09-01"
    answer = ok(apis.office.post(path(registered, "review-request"),
                                 {"kind": "review", "text": "对答复不服",
                                  "reviewing_unit": world.tree.district.pk}))
    assert answer["status"] == "reviewing" and answer["reviews"][0]["kind_label"] == "复查"
    answer = ok(apis.office.post(path(registered, "review-answer"),
                                 {"kind": "review", "text": "维持原答复"}))
    assert answer["status"] == "closed" and "request_recheck" in answer["allowed_steps"]
    answer = ok(apis.office.post(path(registered, "review-request"),
                                 {"kind": "recheck", "text": "对复查意见不服"}))
    assert answer["status"] == "rechecking"
    answer = ok(apis.office.post(path(registered, "review-answer"),
                                 {"kind": "recheck", "text": "维持复查意见"}))
    assert answer["status"] == "closed" and answer["allowed_steps"] == []
    assert [e["action"] for e in answer["timeline"]] == [
        "register", "accept", "assign", "start", "request_extension", "approve_extension",
        "reply", "evaluate", "close", "request_review", "answer_review", "request_recheck",
        "answer_recheck"]


def test_refuse_needs_the_written_notice(world, apis, registered):
    response = apis.office.post(path(registered, "refuse"), {"notice": "  "})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "notice"
    answer = ok(apis.office.post(path(registered, "refuse"),
                                 {"notice": "属于诉讼程序，请向人民法院提出"}))
    assert answer["status"] == "not_accepted" and answer["refusal_notice"].startswith("属于")


# (route, fixture it needs, body, who is refused with 403)
STEPS = [
    ("accept", "registered", {}, "supervisor"),
    ("refuse", "registered", {"notice": "不属于信访事项"}, "supervisor"),
    ("assign", "accepted", {"unit": "renshe"}, "supervisor"),
    ("start-handling", "assigned", {"handler": "renshe_handler"}, "office"),
    ("reply", "handling", {"text": "已答复"}, "office"),
    ("evaluate", "replied", {"evaluation": "satisfied"}, "clerk"),
    ("close", "replied", {}, "supervisor"),
    ("review-request", "replied", {"kind": "review", "text": "不服"}, "supervisor"),
    ("extension-request", "handling", {"days": 10, "reason": "情况复杂"}, "office"),
    ("category", "registered", {"category": "huanbao", "reason": "实为环境污染"}, "supervisor"),
]


def _body(world, data):
    values = {"renshe": world.renshe.pk, "renshe_handler": world.renshe_handler.person.pk,
              "huanbao": category("huanjing", "环境保护").pk}
    return {k: values.get(v, v) if isinstance(v, str) else v for k, v in data.items()}


@pytest.mark.parametrize(("step", "state", "data", "forbidden"), STEPS)
def test_each_step_allowed_forbidden_out_of_sight_and_stale(world, apis, request, step, state,
                                                            data, forbidden):
    petition = request.getfixturevalue(state)
    body = _body(world, data)
    before = status_of(petition)
    events = timeline(petition).count()
    assert "只有" in refused(getattr(apis, forbidden).post(path(petition, step), body), 403)
    assert refused(apis.outsider.post(path(petition, step), body), 404) == \
        refused(apis.office.post(f"/petitions/petitions/999999/{step}", body), 404)
    stale = {**body, "expected_status": "closed"}
    actor = apis.clerk if forbidden == "office" else apis.office
    assert "刷新" in refused(actor.post(path(petition, step), stale), 409)
    assert status_of(petition) == before and timeline(petition).count() == events
    ok(actor.post(path(petition, step), {**body, "expected_status": before}))
    assert timeline(petition).count() == events + 1


@pytest.mark.parametrize(("step", "state", "data", "field"), [
    ("accept", "registered", {"note": 1}, "note"),
    ("assign", "accepted", {"unit": 999999}, "unit"),
    ("start-handling", "assigned", {"handler": 999999}, "handler"),
    ("start-handling", "assigned", {"handler": "east_person"}, "handler"),
    ("reply", "handling", {"text": " "}, "text"),
    ("evaluate", "replied", {"evaluation": "great"}, "evaluation"),
    ("review-request", "replied", {"kind": "review", "text": "不服",
                                   "requested_on": "2026-09-02"}, "requested_on"),
    ("extension-request", "handling", {"days": 31, "reason": "情况复杂"}, "days"),
    ("extension-request", "handling", {"days": 0, "reason": "情况复杂"}, "days"),
    ("extension-request", "handling", {"days": 5, "reason": ""}, "reason"),
    ("repeat-link", "registered", {"earlier": 999999}, "earlier"),
    ("repeat-unlink", "registered", {"reason": ""}, "reason"),
    ("category", "registered", {"category": 999999, "reason": "改"}, "category"),
    ("close", "replied", {"surprise": True}, "surprise"),
])
def test_badly_filled_in_is_422_naming_the_field(world, apis, request, step, state, data,
                                                 field):
    petition = request.getfixturevalue(state)
    values = {"east_person": world.east_staff.person.pk}
    body = {k: values.get(v, v) if isinstance(v, str) else v for k, v in data.items()}
    actor = apis.clerk if step in ("start-handling", "reply", "extension-request") else apis.office
    before = status_of(petition)
    response = actor.post(path(petition, step), body)
    assert response.status_code == 422, response.content.decode()
    assert field in [e["field"] for e in response.json()["errors"]]
    assert status_of(petition) == before


def test_an_accusation_is_never_assigned_to_the_accused_unit(world, apis):
    accusation = register(world, is_accusation=True, accused_unit=world.tree.west,
                          content="检举西河乡挪用补偿款")
    rules.accept_petition(accusation, actor=world.officer)
    response = apis.office.post(path(accusation, "assign"), {"unit": world.tree.west_village.pk})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "unit"
    assert status_of(accusation) == Status.ACCEPTED


def test_the_same_step_twice_is_a_conflict_naming_who_did_it(world, apis, registered):
    ok(apis.office.post(path(registered, "accept"), {}))
    message = refused(apis.office2.post(path(registered, "accept"), {}), 409)
    assert "信访局甲" in message and "已受理" in message


def test_extension_decision_is_for_the_head_and_never_the_requester(world, apis, client,
                                                                    handling):
    ok(apis.clerk.post(path(handling, "extension-request"), {"days": 10, "reason": "复杂"}))
    assert "负责人" in refused(apis.clerk.post(path(handling, "extension-decision"),
                                               {"approve": True}), 403)
    # The head may not decide a request of their own.
    extensions.decide_extension(handling, actor=world.renshe_head, approve=False)
    ok(apis.head.post(path(handling, "extension-request"), {"days": 5, "reason": "仍需核查"}))
    assert "本人" in refused(apis.head.post(path(handling, "extension-decision"),
                                            {"approve": True}), 403)
    answer = ok(Api(client, world.renshe_deputy).post(path(handling, "extension-decision"),
                                                      {"approve": False, "note": "不必延期"}))
    assert [e["status"] for e in answer["extensions"]] == ["rejected", "rejected"]
    assert "没有待审批" in refused(apis.head.post(path(handling, "extension-decision"),
                                                 {"approve": True}), 409)
    assert Extension.objects.filter(petition=handling).count() == 2


def test_review_answer_needs_a_request(world, apis, replied):
    rules.close_petition(replied, actor=world.officer)
    assert refused(apis.office.post(path(replied, "review-answer"),
                                    {"kind": "review", "text": "维持"}), 409)
    reviews.request_review(replied, actor=world.officer, kind=ReviewKind.REVIEW, text="不服")
    assert ok(apis.office.post(path(replied, "review-answer"),
                               {"kind": "review", "text": "维持"}))["status"] == "closed"


def test_repeat_link_and_unlink_show_on_the_timeline(world, apis):
    earlier = register(world, received_on=date(2026, 8, 1))
    # Another person, so registration does not link it by itself.
    later = register(world, petitioners=[petitioner("王五", ID_WANG, "13900002222")])
    assert later.repeat_of_id is None
    assert "刷新" in refused(apis.office.post(path(later, "repeat-link"), {
        "earlier": earlier.pk, "expected_status": "closed"}), 409)
    assert "信访工作机构" in refused(apis.supervisor.post(path(later, "repeat-link"),
                                                        {"earlier": earlier.pk}), 403)
    answer = ok(apis.office.post(path(later, "repeat-link"),
                                 {"earlier": earlier.pk, "note": "同一工地欠薪"}))
    assert answer["repeat_of"] == earlier.pk and answer["repeat_chain"] == [earlier.pk, later.pk]
    assert answer["timeline"][-1]["label"] == "认定为重复信访"
    assert refused(apis.office.post(path(later, "repeat-link"), {"earlier": earlier.pk}), 409)
    first = ok(apis.office.get(f"/petitions/petitions/{earlier.pk}"))
    assert first["timeline"][-1]["action"] == "repeat_linked"
    answer = ok(apis.office.post(path(later, "repeat-unlink"), {"reason": "并非同一事项"}))
    assert answer["repeat_of"] is None and answer["timeline"][-1]["note"] == "并非同一事项"
    assert refused(apis.office.post(path(later, "repeat-unlink"), {"reason": "再次"}), 409)


def test_category_change_is_recorded_with_its_reason(world, apis, registered):
    huanbao = category("huanjing", "环境保护")
    answer = ok(apis.office.post(path(registered, "category"),
                                 {"category": huanbao.pk, "reason": "实为工地噪声扰民"}))
    assert answer["category"]["name"] == "环境保护"
    assert answer["timeline"][-1]["label"] == "调整事项类别"
    assert refused(apis.office.post(path(registered, "category"),
                                    {"category": huanbao.pk, "reason": "再改"}), 409)


def test_idempotency_key_replays_the_first_answer(world, apis, registered):
    first = apis.office.post(path(registered, "accept"), {"note": "受理"}, key="k-accept")
    again = apis.office.post(path(registered, "accept"), {"note": "受理"}, key="k-accept")
    assert first.status_code == again.status_code == 200
    assert again.json() == first.json() and first.json()["status"] == "accepted"
    assert timeline(registered).filter(action="accept").count() == 1
    other = apis.office.post(path(registered, "accept"), {"note": "别的"}, key="k-accept")
    assert other.status_code == 422
    assert other.json()["errors"][0]["field"] == "Idempotency-Key"


def test_a_refusal_is_not_remembered_under_its_key(world, apis, registered):
    assert apis.office.post(path(registered, "refuse"), {"notice": " "},
                            key="k-refuse").status_code == 422
    # The same key, the notice now written: a new request, which runs.
    assert ok(apis.office.post(path(registered, "refuse"), {"notice": "不属于信访事项"},
                               key="k-refuse"))["status"] == Status.NOT_ACCEPTED


# Every step route, tried by the accused on an accusation they cannot know exists.

ALL_STEPS = {
    "accept": {}, "refuse": {"notice": "x"}, "assign": {"unit": 1},
    "start-handling": {"handler": 1}, "reply": {"text": "x"},
    "evaluate": {"evaluation": "satisfied"},
    "close": {}, "review-request": {"kind": "review", "text": "x"},
    "review-answer": {"kind": "review", "text": "x"},
    "extension-request": {"days": 1, "reason": "x"}, "extension-decision": {"approve": True},
    "repeat-link": {"earlier": 1}, "repeat-unlink": {"reason": "x"},
    "category": {"category": 1, "reason": "x"},
}


def test_every_step_route_is_404_for_the_accused(world, client, apis):
    accusation = register(world, is_accusation=True, accused_unit=world.tree.west,
                          accused_person=world.west_head.person, content="检举西河乡挪用补偿款")
    rules.accept_petition(accusation, actor=world.officer)
    rules.assign_petition(accusation, actor=world.officer, unit=world.renshe)
    attackers = [Api(client, user) for user in (world.west_head, world.west_officer,
                                                 world.west_staff, world.village_cadre)]
    events = timeline(accusation).count()
    for step, body in ALL_STEPS.items():
        missing = apis.office.post(f"/petitions/petitions/999999/{step}", body).json()
        for attacker in attackers:
            for key in (None, f"attack-{step}"):
                response = attacker.post(path(accusation, step), body, key=key)
                assert response.status_code == 404, (step, response.content.decode())
                assert response.json() == missing
    assert status_of(accusation) == Status.ASSIGNED
    assert timeline(accusation).count() == events


def test_naming_a_hidden_accusation_as_earlier_reveals_nothing(world, client):
    accusation = register(world, is_accusation=True, accused_unit=world.tree.west,
                          content="检举西河乡挪用补偿款", received_on=date(2026, 8, 1))
    # 西河乡's own office, probing with a petition of its own.
    own = register(world, actor=world.west_officer)
    west = Api(client, world.west_officer)
    hidden = west.post(path(own, "repeat-link"), {"earlier": accusation.pk})
    missing = west.post(path(own, "repeat-link"), {"earlier": 999999})
    assert hidden.status_code == missing.status_code == 422
    assert hidden.json() == missing.json()
    assert Petition.objects.get(pk=own.pk).repeat_of_id is None
