"""The demo year of petitions: told through the rules, shaped like a district's year, with
its nine backlog cases — and loaded only once."""

from datetime import date

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone

from taizhang.ledger.constants import ItemStatus
from taizhang.ledger.lights import annotate_light
from taizhang.ledger.models import Item
from taizhang.org.constants import Rank
from taizhang.org.demo.load import load_demo
from taizhang.org.events import timeline
from taizhang.petitions.demo.load import load_petitions_demo
from taizhang.petitions.models import BacklogCase, Petition

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 5)


@pytest.fixture(scope="module")
def counts(django_db_setup, django_db_blocker):
    """The district and the full demo year, loaded once for this module and rolled back."""
    with (django_db_blocker.unblock(), transaction.atomic(),
          time_machine.travel(f"{TODAY} 09:00 +0800", tick=False)):
        load_demo()
        yield load_petitions_demo()
        transaction.set_rollback(True)


def test_a_year_of_petitions_shaped_like_a_district(counts):
    assert counts["petitions"] == Petition.objects.count() == 420
    first, last = (Petition.objects.order_by(f).values_list("received_on", flat=True).first()
                   for f in ("received_on", "-received_on"))
    assert date(2025, 12, 5) <= first and last < TODAY
    channels = dict.fromkeys(Petition.objects.values_list("channel", flat=True))
    assert len(channels) == 5
    assert Petition.objects.filter(repeat_of__isnull=False).count() > 30
    assert Petition.objects.filter(head_count__gte=5, channel="visit").exists()
    assert Petition.objects.filter(is_accusation=True).exists()
    assert Petition.objects.filter(status="closed").count() > 300


def test_every_step_is_dated_to_its_day(counts):
    petition = Petition.objects.filter(status="closed").order_by("pk").first()
    days = [timezone.localtime(e.at).date() for e in timeline(petition).order_by("pk")]
    assert days[0] == petition.received_on and days[-1] == petition.closed_on
    assert days == sorted(days)


def test_nine_backlog_cases_with_leader_team_and_plan(counts):
    assert counts["backlog_cases"] == BacklogCase.objects.count() == 9
    items = annotate_light(Item.objects.filter(backlog_case__isnull=False), TODAY)
    for item in items:
        assert item.leader.rank == Rank.COUNTY
        assert item.backlog_case.team.count() >= 2 and item.milestones.count() >= 3
        assert item.backlog_case.petitions.count() >= 2
    assert [i.status for i in items].count(ItemStatus.CLOSED) == 1
    assert "red" in [i.light for i in items]


def test_a_second_load_changes_nothing(counts):
    assert load_petitions_demo() == {"petitions": 0, "backlog_cases": 0}


def test_backlog_timelines_read_in_order(counts):
    for item in Item.objects.filter(backlog_case__isnull=False):
        events = list(timeline(item).order_by("pk"))
        assert [e.at for e in events] == sorted(e.at for e in events), item.code
        assert timezone.localdate(events[1].at) == item.assigned_on
        for report in item.reports.all():
            assert timezone.localdate(report.at) == report.reported_on
