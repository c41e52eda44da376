import re

import pytest

pytestmark = pytest.mark.django_db


def test_openapi_document_is_public_and_complete(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "台账 Taizhang API"
    paths = set(schema["paths"])
    assert {"/api/v1/me", "/api/v1/units", "/api/v1/units/{unit_id}",
            "/api/v1/units/{unit_id}/subtree", "/api/v1/people", "/api/v1/people/{person_id}",
            "/api/v1/people/{person_id}/phone", "/api/v1/calendar/deadline"} <= paths
    assert "422" in schema["paths"]["/api/v1/units"]["get"]["responses"]


def test_docs_page_uses_only_local_assets(tree, client):
    client.force_login(tree.west_clerk)
    html = client.get("/api/v1/docs").content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets and all(a.startswith("/static/") for a in assets), assets
    for asset in assets:
        assert client.get(asset).status_code == 200, asset


def test_unknown_api_route_is_json_404(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.json()["message"].startswith("没有这个接口")


def test_a_write_to_an_unknown_route_is_json_404_even_with_a_session(db):
    from django.test import Client

    from taizhang.org.tests.factories import UserFactory

    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory())
    response = client.post("/api/v1/nothing-here", data={"a": 1})
    assert response.status_code == 404
    assert response.json()["message"].startswith("没有这个接口")
