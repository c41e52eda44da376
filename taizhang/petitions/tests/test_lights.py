"""The light of the running limit: SQL and Python give the same answer, and say why."""

from datetime import date

import pytest

from taizhang.petitions.constants import Counting, Light, LimitKind, Status
from taizhang.petitions.lights import annotate_light, explain
from taizhang.petitions.models import Petition
from taizhang.petitions.tests.factories import PetitionFactory, configure

pytestmark = pytest.mark.django_db

TODAY = date(2026, 9, 28)  # Monday; warning: 3 working days -> Sep 30 (Oct 1-7 are off)


@pytest.mark.parametrize(("status", "due_on", "light"), [
    (Status.HANDLING, date(2026, 9, 27), Light.RED),
    (Status.HANDLING, date(2026, 9, 28), Light.YELLOW),
    (Status.REGISTERED, date(2026, 9, 30), Light.YELLOW),
    (Status.REVIEWING, date(2026, 10, 8), Light.YELLOW),
    (Status.ACCEPTED, date(2026, 10, 9), Light.GREEN),
    (Status.REPLIED, None, Light.NONE),
    (Status.CLOSED, None, Light.NONE),
])
def test_sql_and_python_agree(world, status, due_on, light):
    petition = PetitionFactory(status=status, due_on=due_on,
                               origin_unit=world.tree.west_village)
    annotated = annotate_light(Petition.objects.filter(pk=petition.pk), TODAY).get()
    assert annotated.light == explain(petition, TODAY)[0] == light


def test_red_says_which_limit_and_by_how_much(world):
    petition = PetitionFactory(status=Status.HANDLING, due_on=date(2026, 9, 20),
                               origin_unit=world.tree.west_village)
    assert explain(petition, TODAY) == (Light.RED,
                                        "已超过办理期限 8 天（期限 2026年09月20日）")


def test_yellow_counts_the_days_left_as_the_limit_counts(world):
    configure(LimitKind.ACCEPT, counting=Counting.WORKING)
    petition = PetitionFactory(status=Status.REGISTERED, due_on=date(2026, 10, 8),
                               origin_unit=world.tree.west_village)
    light, why = explain(petition, TODAY)
    assert light == Light.YELLOW
    assert why == ("距受理告知期限还有 3 个工作日，已进入提前3个工作日预警"
                   "（期限 2026年10月08日）")


def test_overdue_on_a_day_off_by_working_days(world):
    configure(LimitKind.HANDLING, counting=Counting.WORKING)
    petition = PetitionFactory(status=Status.HANDLING, due_on=date(2026, 9, 30),
                               origin_unit=world.tree.west_village, due_known=False)
    light, why = explain(petition, date(2026, 10, 3))
    assert light == Light.RED
    assert why == "已超过办理期限（期限 2026年09月30日；节假日安排未公布，按周一至周五推算）"
