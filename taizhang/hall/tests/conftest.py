"""The small hall most tests of the service hall start from: one centre, two matters."""

import pytest

from taizhang.hall.catalogue import publish_matter
from taizhang.hall.constants import Category, MaterialForm, Mode
from taizhang.hall.models import Centre
from taizhang.org.constants import Role
from taizhang.org.tests.factories import make_user


@pytest.fixture
def hall(tree):
    centre = Centre.objects.create(unit=tree.east, name="东城街道便民服务中心",
                                   address="东城街道政府一楼", opening_hours="周一至周五")
    common = {
        "department": tree.east, "category": Category.PAYMENT,
        "legal_basis": "《河阳示范区高龄津贴发放办法》第五条",
        "materials": [{"name": "居民身份证", "form": MaterialForm.ORIGINAL, "copies": 1,
                       "note": ""}],
        "steps": ["窗口受理", "审核", "办结"], "fee": "不收费", "max_trips": 1,
    }
    allowance = publish_matter("HY-SW-001", centres=[centre], name="高龄津贴申领", time_limit=5,
                               modes=[Mode.PROXY, Mode.ACCOMPANY, Mode.DOORSTEP], online=True,
                               **common)
    certificate = publish_matter("HY-SW-002", centres=[centre], name="居住证明开具",
                                 time_limit=0, modes=[Mode.INSTANT], online=False, **common)
    return {"centre": centre, "allowance": allowance, "certificate": certificate,
            "clerk": tree.east_clerk,
            "worker": make_user(tree.east, Role.UNIT_STAFF, username="east_worker"),
            "helper": make_user(tree.east, Role.CLERK, username="east_helper").person}
