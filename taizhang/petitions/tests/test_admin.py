"""The administrator edits categories and time limits; petitions are not in the admin."""

import pytest
from django.contrib import admin

from taizhang.petitions.constants import LimitKind
from taizhang.petitions.models import Petition, Petitioner, TimeLimit
from taizhang.petitions.tests.factories import category

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    from taizhang.org.tests.factories import UserFactory

    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


def test_petitions_and_petitioners_are_never_in_the_admin():
    assert not admin.site.is_registered(Petition)
    assert not admin.site.is_registered(Petitioner)


def test_a_category_is_added_and_retired(admin_client):
    response = admin_client.post("/admin/petitions/category/add/", {
        "code": "jiaotong", "name": "交通运输", "sort_order": 11, "is_active": "on"})
    assert response.status_code == 302
    assert category("jiaotong").name == "交通运输"
    assert admin_client.get("/admin/petitions/category/").status_code == 200


def test_a_limit_is_shortened_but_not_beyond_the_law(admin_client):
    row = TimeLimit.objects.get(kind=LimitKind.HANDLING)
    url = f"/admin/petitions/timelimit/{row.pk}/change/"
    response = admin_client.post(url, {"days": 61, "counting": "calendar", "basis": row.basis})
    assert response.status_code == 200 and "不能超过法定期限 60 日" in response.text
    response = admin_client.post(url, {"days": 45, "counting": "working", "basis": row.basis})
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.days, row.counting, row.legal_days) == (45, "working", 60)
    assert admin_client.get("/admin/petitions/timelimit/add/").status_code == 403
