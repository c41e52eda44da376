"""What the hall API tests share: a fixed Monday, the helper on duty at a window, and the body of
a counter intake."""

from datetime import datetime
from zoneinfo import ZoneInfo

from taizhang.hall.models import Window
from taizhang.hall.tests.test_applications import ID_NUMBER

# Monday 21 September 2026, 10:00 in Beijing: a 5-working-day matter is due on the 29th (the
# Mid-Autumn Friday is skipped).
MONDAY = datetime(2026, 9, 21, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
PHONE = "13912345678"


def put_on_duty(hall):
    """The hall fixture's helper at window 1 of the centre, so intake may name them."""
    Window.objects.create(centre=hall["centre"], number=1, name="综合受理").staff.add(
        hall["helper"])
    return hall["helper"]


def intake(hall, **changes):
    """A counter intake of the allowance (代办 by the helper), as JSON."""
    return {"centre": hall["centre"].pk, "matter": "HY-SW-001", "mode": "proxy",
            "applicant_name": "王秀英", "id_number": ID_NUMBER, "phone": PHONE,
            "staff": hall["helper"].pk, **changes}
