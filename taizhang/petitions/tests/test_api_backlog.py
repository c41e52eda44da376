"""Backlog cases and figures through the API: opening a case (retried safely), the backlog
ledger and a leader's cases, and the figures with the petitions behind a count — never an
accusation for the accused."""

import pytest

from taizhang.ledger.tests.apiclient import Api, ok
from taizhang.petitions.models import BacklogCase
from taizhang.petitions.tests.factories import ID_WANG, petitioner, register
from taizhang.petitions.tests.test_backlog import county  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def case_body(world, county, **changes):  # noqa: F811
    return {"leader": county.person.pk, "lead_unit": world.renshe.pk,
            "goal": "清偿拖欠工资，信访人息诉罢访", "deadline": "2026-12-31",
            "plan": [{"title": "约谈施工单位", "due": "2026-09-15"},
                     {"title": "回访信访人", "due": "2026-12-15"}],
            "team": [{"person": world.renshe_head.person.pk, "duty": "牵头化解"}],
            **changes}


def test_the_office_opens_a_case_once_even_when_it_retries(client, world, county):  # noqa: F811
    petition = register(world)
    office = Api(client, world.officer)
    path = f"/petitions/petitions/{petition.pk}/backlog"
    first = ok(office.post(path, case_body(world, county), key="case-1"), 201)
    assert (first["code"], first["leader"], first["steps"], first["light"]) == (
        "JA2026-001", "王副区长", 2, "green")
    assert first["team"] == [{"person": world.renshe_head.person.pk, "name": "人社局长",
                              "duty": "牵头化解"}]
    assert ok(office.post(path, case_body(world, county), key="case-1"), 201) == first
    assert BacklogCase.objects.count() == 1
    assert office.post(path, case_body(world, county)).status_code == 409
    [listed] = ok(office.get("/petitions/backlog"))
    assert listed == first
    [mine] = ok(Api(client, county).get("/petitions/backlog/mine"))
    # The leader sees the case; its petitions only once they may see them (not yet assigned).
    assert mine == {**first, "petitions": 0, "people": 0} and first["petitions"] == 1


@pytest.mark.parametrize(("changes", "field"), [
    ({"leader": 999999}, "leader"),
    ({"deadline": "2026-08-01"}, "deadline"),
    ({"plan": [{"title": "回访", "due": "2027-03-01"}]}, "plan"),
])
def test_a_case_that_cannot_be_is_a_422_naming_the_field(client, world, county,  # noqa: F811
                                                         changes, field):
    petition = register(world)
    answer = Api(client, world.officer).post(f"/petitions/petitions/{petition.pk}/backlog",
                                             case_body(world, county, **changes))
    assert answer.status_code == 422
    assert [e["field"] for e in answer.json()["errors"]] == [field]


def test_only_the_office_opens_a_case(client, world, county):  # noqa: F811
    petition = register(world)
    path = f"/petitions/petitions/{petition.pk}/backlog"
    assert Api(client, world.supervisor).post(path, case_body(world, county)).status_code == 403
    assert Api(client, world.east_staff).post(path, case_body(world, county)).status_code == 404


def test_the_figures_and_their_records_leave_an_accusation_out_for_the_accused(client, world):
    register(world)
    accusation = register(world, is_accusation=True, accused_unit=world.tree.west_village,
                          petitioners=[petitioner(name="李四", id_number=ID_WANG)])
    office = Api(client, world.officer)
    body = ok(office.get("/petitions/figures", period="this_year", by="channel"))
    assert body["total"]["petitions"] == 2 and body["total"]["visits"] == 2
    assert body["rows"][0]["group"]["channel"] == {"key": "visit", "label": "来访"}
    listed = ok(office.get("/petitions/figures/records", figure="petitions",
                           period="this_year"))
    assert listed["count"] == 2 and accusation.pk in [p["id"] for p in listed["items"]]
    cadre = Api(client, world.village_cadre)  # works in the accused village
    assert ok(cadre.get("/petitions/figures", period="this_year"))["total"]["petitions"] == 0
    seen = ok(cadre.get("/petitions/figures/records", figure="petitions", period="this_year"))
    assert accusation.pk not in [p["id"] for p in seen["items"]]


def test_figures_of_a_unit_and_their_refusals(client, world):
    register(world)
    office = Api(client, world.officer)
    body = ok(office.get("/petitions/figures", period="this_year", unit=world.tree.west.pk))
    assert body["total"]["petitions"] == 1
    body = ok(office.get("/petitions/figures", period="this_year", unit=world.tree.east.pk))
    assert body["total"]["petitions"] == 0 and body["total"]["repeat_rate"] is None
    assert office.get("/petitions/figures", period="this_year", unit=999999).status_code == 404
    answer = office.get("/petitions/figures", start="2026-09-01", end="2026-08-01")
    assert answer.status_code == 422 and answer.json()["errors"][0]["field"] == "end"
    assert office.get("/petitions/figures/records", figure="repeat_rate",
                      period="this_year").status_code == 422
