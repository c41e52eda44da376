"""Units and people through the API, seen by users of different scopes."""

import pytest

from taizhang.org.constants import AuditAction
from taizhang.org.models import AuditEntry
from taizhang.org.tests.factories import PersonFactory
from taizhang.org.tokens import create_token

pytestmark = pytest.mark.django_db


class Api:
    def __init__(self, client, user):
        self.client = client
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user)[1]}"}

    def get(self, path, **params):
        return self.client.get(f"/api/v1{path}", params, **self.headers)


@pytest.fixture
def west(tree, client):
    return Api(client, tree.west_clerk)


@pytest.fixture
def supervisor(tree, client):
    return Api(client, tree.supervisor)


def names(response):
    assert response.status_code == 200, response.content
    return {row["name"] for row in response.json()["items"]}


def test_me(tree, west):
    body = west.get("/me").json()
    assert body == {"username": "west_clerk", "name": tree.west_clerk.person.name,
                    "unit": {"id": tree.west.pk, "name": "西河乡"}, "roles": ["clerk"],
                    "sees_everything": False}


def test_units_list_is_scoped(tree, west, supervisor):
    assert names(west.get("/units")) == {"西河乡", "西河村", "西河村第一网格"}
    assert len(names(supervisor.get("/units"))) == 8
    assert names(west.get("/units", kind="village")) == {"西河村"}
    assert names(west.get("/units", q="网格")) == {"西河村第一网格"}
    assert names(supervisor.get("/units", parent=tree.district.pk)) == {
        "督查室", "东城街道", "西河乡"}
    assert names(supervisor.get("/units", q="419901001")) == {"东城街道", "东关社区"}


def test_unit_detail_and_subtree_outside_scope_are_404(tree, west):
    for path in (f"/units/{tree.east.pk}", f"/units/{tree.east.pk}/subtree",
                 f"/units/{tree.district.pk}"):
        response = west.get(path)
        assert response.status_code == 404
        assert response.json() == {"message": "记录不存在，或您无权查看。"}


def test_unit_detail_and_subtree(tree, west, supervisor):
    body = west.get(f"/units/{tree.west_village.pk}").json()
    assert body["kind"] == "village" and body["kind_label"] == "村"
    assert body["population"] == 2600 and body["division_code"] == "419901201201"
    assert names(west.get(f"/units/{tree.west_village.pk}/subtree")) == {
        "西河村", "西河村第一网格"}
    assert names(supervisor.get(f"/units/{tree.east.pk}/subtree")) == {
        "东城街道", "东关社区", "东关社区第一网格"}


def test_people_are_scoped_and_masked(tree, west, supervisor):
    east_person = PersonFactory(unit=tree.east_village, name="张东", phone="13812345678")
    west_person = PersonFactory(unit=tree.west_village, name="李西", phone="13987654321")
    assert "张东" not in names(west.get("/people"))
    assert "李西" in names(west.get("/people"))
    assert west.get(f"/people/{east_person.pk}").status_code == 404
    row = west.get(f"/people/{west_person.pk}").json()
    assert row["phone_masked"] == "139****4321" and "13987654321" not in str(row)
    assert names(supervisor.get("/people", role="clerk")) >= {
        tree.west_clerk.person.name, tree.east_clerk.person.name}
    assert names(supervisor.get("/people", phone="138 1234 5678")) == {"张东"}
    assert names(west.get("/people", phone="13812345678")) == set()


def test_phone_reveal_is_role_checked_and_audited(tree, west, supervisor):
    person = PersonFactory(unit=tree.west_village, phone="13987654321")
    assert west.get(f"/people/{person.pk}/phone").status_code == 403
    response = supervisor.get(f"/people/{person.pk}/phone")
    assert response.json() == {"id": person.pk, "phone": "13987654321"}
    entry = AuditEntry.objects.get(action=AuditAction.PII_DISCLOSURE)
    assert entry.actor_name == "duchashi" and entry.object_id == str(person.pk)
    # Everyone may read their own number.
    own = west.get(f"/people/{tree.west_clerk.person.pk}/phone")
    assert own.status_code == 200


def test_bad_query_names_the_field(tree, west):
    response = west.get("/units", kind="planet")
    assert response.status_code == 422
    body = response.json()
    assert body["errors"][0]["field"] == "kind" and "kind" in body["message"]
    assert west.get("/units", limit="many").json()["errors"][0]["field"] == "limit"
