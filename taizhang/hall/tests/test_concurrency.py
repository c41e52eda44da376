"""Two staff members taking a step on the same application at once: exactly one succeeds."""

from datetime import date

import pytest
from django.db import connection

from taizhang.hall import applications as apps
from taizhang.hall.catalogue import publish_matter
from taizhang.hall.constants import Category, MaterialForm, Mode, Status, Step
from taizhang.hall.models import Application, Centre
from taizhang.org.constants import Role
from taizhang.org.events import timeline
from taizhang.org.tests.concurrency import race
from taizhang.org.tests.factories import build_small_district, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_complete_and_deny_at_once():
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent server connections; SQLite serialises writers itself")
    tree = build_small_district()
    centre = Centre.objects.create(unit=tree.east, name="东城街道便民服务中心", address="一楼",
                                   opening_hours="周一至周五")
    version = publish_matter(
        "HY-SW-001", centres=[centre], name="高龄津贴申领", department=tree.east,
        category=Category.PAYMENT, legal_basis="《河阳示范区高龄津贴发放办法》第五条",
        materials=[{"name": "居民身份证", "form": MaterialForm.ORIGINAL, "copies": 1}],
        steps=["受理", "办结"], time_limit=5, fee="不收费", modes=[Mode.ACCOMPANY],
        online=False, max_trips=1)
    helper = make_user(tree.east, Role.CLERK, username="east_helper").person
    application = apps.accept_at_counter(
        version, actor=tree.east_clerk, centre=centre, mode=Mode.ACCOMPANY, staff=helper,
        applicant={"name": "王秀英", "id_number": "11010519491231002X", "phone": "13912345678"},
        today=date(2026, 9, 21))
    other = make_user(tree.east, Role.CLERK, username="east_second")
    acts = [
        lambda: apps.take_step(application, Step.COMPLETE, actor=tree.east_clerk),
        lambda: apps.take_step(application, Step.DENY, actor=other, reason="不符合条件"),
    ]
    results, errors = race(*acts, expected=apps.HallError)
    assert len(results) == 1 and len(errors) == 1 and isinstance(errors[0], apps.Conflict)
    final = Application.objects.get(pk=application.pk).status
    assert final in (Status.COMPLETED, Status.DENIED) and final == results[0].status
    assert timeline(application).filter(action__in=[Step.COMPLETE, Step.DENY]).count() == 1
