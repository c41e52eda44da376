import pytest

pytestmark = pytest.mark.django_db


def test_api_query_with_nul_is_a_json_400(tree, client):
    client.force_login(tree.west_clerk)
    response = client.get("/api/v1/units", {"q": "西\x00河"})
    assert response.status_code == 400
    assert "空字符" in response.json()["message"]


def test_page_query_with_nul_is_a_400(tree, client):
    client.force_login(tree.west_clerk)
    response = client.get("/org/search/", {"q": "\x00"})
    assert response.status_code == 400
    assert "空字符" in response.content.decode()


def test_json_body_with_nul_is_refused(tree, client):
    client.force_login(tree.west_clerk)
    response = client.post("/api/v1/me", '{"name": "a\\u0000b"}', content_type="application/json")
    assert response.status_code == 400


def test_form_post_with_nul_is_refused(client):
    response = client.post("/accounts/login/", {"username": "a\x00", "password": "x"})
    assert response.status_code == 400


def test_ordinary_input_passes(tree, client):
    client.force_login(tree.west_clerk)
    assert client.get("/api/v1/units", {"q": "西河"}).status_code == 200


def test_multipart_without_boundary_is_a_json_400_on_the_api(tree, client):
    client.force_login(tree.west_clerk)
    response = client.post("/api/v1/ledger/ledgers", b"name=x",
                           content_type="multipart/form-data")
    assert response.status_code == 400
    assert "无法解析" in response.json()["message"]
