"""Saving a matter in the admin publishes a version; an invalid one is refused by field."""

import json

import pytest
from django.urls import reverse

from taizhang.hall.models import Centre, Matter
from taizhang.org.tests.factories import UserFactory


@pytest.fixture
def admin_client(client, tree):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def form(tree, centre, **changes):
    data = {
        "code": "HY-SW-001", "centres": [centre.pk], "is_active": "on",
        "name": "高龄津贴申领", "department": tree.east.pk, "category": "payment",
        "legal_basis": "《河阳示范区高龄津贴发放办法》第五条",
        "materials": json.dumps([{"name": "居民身份证", "form": "original", "copies": 1,
                                  "note": ""}]),
        "steps": json.dumps(["窗口受理", "审核", "发放"]), "time_limit": 5, "fee": "不收费",
        "modes": ["proxy", "doorstep"], "online": "on", "max_trips": 0, "change_note": "",
        "versions-TOTAL_FORMS": 0, "versions-INITIAL_FORMS": 0,
    }
    data.update(changes)
    return data


def test_adding_then_changing_a_matter_publishes_versions(admin_client, tree):
    centre = Centre.objects.create(unit=tree.east, name="东城街道便民服务中心", address="一楼",
                                   opening_hours="周一至周五")
    response = admin_client.post(reverse("admin:hall_matter_add"), form(tree, centre))
    assert response.status_code == 302, response.context["adminform"].form.errors
    matter = Matter.objects.get(code="HY-SW-001")
    assert matter.current.number == 1 and list(matter.centres.all()) == [centre]

    change = reverse("admin:hall_matter_change", args=[matter.pk])
    page = admin_client.get(change).content.decode()
    assert "高龄津贴申领" in page and "居民身份证" in page
    response = admin_client.post(change, form(tree, centre, time_limit=3,
                                              change_note="压缩办理时限"))
    assert response.status_code == 302
    matter.refresh_from_db()
    assert (matter.current.number, matter.current.time_limit) == (2, 3)
    assert matter.versions.get(number=1).time_limit == 5


def test_an_invalid_matter_is_refused_next_to_its_field(admin_client, tree):
    centre = Centre.objects.create(unit=tree.east, name="东城街道便民服务中心", address="一楼",
                                   opening_hours="周一至周五")
    response = admin_client.post(reverse("admin:hall_matter_add"),
                                 form(tree, centre, time_limit=0))
    assert response.status_code == 200
    assert "须提供“即办”" in str(response.context["adminform"].form.errors["modes"])
    assert not Matter.objects.exists()
