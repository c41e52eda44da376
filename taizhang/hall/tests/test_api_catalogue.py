"""The catalogue and the centres through the API: readable without signing in, searchable as on
the public pages, with each matter's versions, and nothing about applications or people."""

import pytest

from taizhang.hall.catalogue import publish_matter
from taizhang.hall.models import Centre, Window
from taizhang.hall.tests.test_applications import accept

pytestmark = pytest.mark.django_db


def get(client, path, **params):
    response = client.get(f"/api/v1/hall{path}", params)
    return response


def ok(response):
    assert response.status_code == 200, response.content.decode()
    return response.json()


def codes(body):
    return [matter["code"] for matter in body["items"]]


def particulars(version, **changes):
    fields = {name: getattr(version, name) for name in (
        "name", "department", "category", "legal_basis", "materials", "steps", "time_limit",
        "fee", "modes", "online", "max_trips")}
    return {**fields, **changes}


def test_anyone_reads_the_catalogue_without_a_cookie(client, hall):
    response = get(client, "/matters")
    body = ok(response)
    assert body["count"] == 2 and codes(body) == ["HY-SW-001", "HY-SW-002"]
    allowance = body["items"][0]
    assert allowance == {
        "code": "HY-SW-001", "name": "高龄津贴申领",
        "department": {"id": hall["centre"].unit_id, "name": "东城街道"},
        "category": "payment", "time_limit": 5, "fee": "不收费",
        "modes": ["proxy", "accompany", "doorstep"], "mode_labels": ["代办", "陪办", "上门办理"],
        "online": True, "max_trips": 1, "version": 1,
    }
    assert not response.cookies


@pytest.mark.parametrize(("params", "expected"), [
    ({"q": "gljt"}, ["HY-SW-001"]),          # pinyin initials, as citizens type on a phone
    ({"q": "居住证明"}, ["HY-SW-002"]),
    ({"q": "hy-sw-002"}, ["HY-SW-002"]),
    ({"q": "  "}, ["HY-SW-001", "HY-SW-002"]),
    ({"online": "true"}, ["HY-SW-001"]),
    ({"online": "false"}, ["HY-SW-002"]),
    ({"q": "护照"}, []),
])
def test_search_and_filters(client, hall, params, expected):
    assert codes(ok(get(client, "/matters", **params))) == expected


def test_filter_by_centre_and_department(client, hall, tree):
    west = Centre.objects.create(unit=tree.west, name="西河乡便民服务中心", address="西河乡政府",
                                 opening_hours="周一至周五")
    assert codes(ok(get(client, "/matters", centre=west.pk))) == []
    assert len(codes(ok(get(client, "/matters", centre=hall["centre"].pk)))) == 2
    assert len(codes(ok(get(client, "/matters", department=tree.east.pk)))) == 2
    assert codes(ok(get(client, "/matters", department=tree.west.pk))) == []


def test_a_matter_with_its_materials_and_centres(client, hall):
    body = ok(get(client, "/matters/HY-SW-001"))
    current = body["current"]
    assert current["materials"] == [{"name": "居民身份证", "form": "original", "form_label": "原件",
                                     "copies": 1, "note": ""}]
    assert current["steps"] == ["窗口受理", "审核", "办结"]
    assert (current["time_limit"], current["online"], current["category_label"]) == (
        5, True, "行政给付")
    assert body["centres"] == [{"id": hall["centre"].pk, "name": "东城街道便民服务中心",
                                "address": "东城街道政府一楼", "phone": "",
                                "opening_hours": "周一至周五"}]
    assert "changed_by" not in current


def test_every_version_is_kept_newest_first(client, hall):
    accept(hall)  # an application keeps version 1
    publish_matter("HY-SW-001", change_note="压缩承诺时限",
                   **particulars(hall["allowance"], time_limit=3))
    assert ok(get(client, "/matters/HY-SW-001"))["current"]["time_limit"] == 3
    versions = ok(get(client, "/matters/HY-SW-001/versions"))
    assert [(v["number"], v["time_limit"], v["change_note"]) for v in versions] == [
        (2, 3, "压缩承诺时限"), (1, 5, "")]


def test_an_unknown_or_withdrawn_matter_is_404(client, hall):
    hall["certificate"].matter.__class__.objects.filter(code="HY-SW-002").update(is_active=False)
    for path in ("/matters/HY-SW-999", "/matters/HY-SW-002", "/matters/HY-SW-002/versions"):
        response = get(client, path)
        assert response.status_code == 404
        assert response.json() == {"message": "记录不存在，或您无权查看。"}
    assert codes(ok(get(client, "/matters"))) == ["HY-SW-001"]


def test_centres_with_windows_and_hours_but_no_staff(client, hall):
    window = Window.objects.create(centre=hall["centre"], number=3, name="社会事务")
    window.staff.add(hall["helper"])
    centres = ok(get(client, "/centres"))
    assert centres == [{
        "id": hall["centre"].pk, "name": "东城街道便民服务中心",
        "unit": {"id": hall["centre"].unit_id, "name": "东城街道"},
        "address": "东城街道政府一楼", "phone": "", "opening_hours": "周一至周五",
        "windows": [{"number": 3, "name": "社会事务"}],
    }]
    assert ok(get(client, f"/centres/{hall['centre'].pk}")) == centres[0]
    assert hall["helper"].name not in get(client, "/centres").content.decode()
    assert get(client, "/centres/999999").status_code == 404
