"""The demo year of applications, loaded once at full size: the article's figures hold."""

from datetime import date, datetime, time

import pytest
import time_machine
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from taizhang.hall.constants import BAD_GRADES, Channel, Mode, Status
from taizhang.hall.demo import centres
from taizhang.hall.demo.load import load_hall_demo
from taizhang.hall.models import Application, Rating
from taizhang.ledger.constants import ItemStatus
from taizhang.org.demo.load import load_demo
from taizhang.org.models import Event
from taizhang.org.tests.test_demo import table_snapshot
from taizhang.org.workdays import add_working_days, working_days_between

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)
OPEN = (Status.ACCEPTED, Status.IN_PROGRESS, Status.SUPPLEMENT)


@pytest.fixture(scope="module")
def counts(django_db_setup, django_db_blocker):
    """The whole demo as loaded on TODAY's morning, once for this module, rolled back after."""
    with (django_db_blocker.unblock(), transaction.atomic(),
          time_machine.travel(f"{TODAY} 09:00 +0800", tick=False)):
        load_demo()
        yield load_hall_demo()
        transaction.set_rollback(True)


def cohort():
    return Application.objects.filter(accepted_on__isnull=False)


def test_a_year_of_about_12000_completed_at_the_articles_rate(counts):
    accepted = cohort().count()
    assert counts["applications"] == Application.objects.count()
    assert 11_600 <= accepted <= 12_400
    completed = cohort().filter(status=Status.COMPLETED).count()
    assert 0.999 <= completed / accepted < 1
    days = cohort().values_list("accepted_on", flat=True)
    assert min(days) >= date(2025, 6, 15) and max(days) < TODAY


def test_every_centre_mode_channel_and_month_has_its_share(counts):
    by_centre = dict(cohort().values_list("centre__name").annotate(n=Count("pk")))
    assert set(by_centre) == set(centres.TOWNSHIPS)
    assert min(by_centre.values()) >= 300
    total = sum(by_centre.values())
    by_mode = dict(cohort().values_list("mode").annotate(n=Count("pk")))
    assert all(by_mode.get(mode, 0) >= total * 0.02 for mode in Mode.values), by_mode
    online = cohort().filter(channel=Channel.ONLINE).count()
    assert 0.08 <= online / total <= 0.35
    months = {}
    for day in cohort().values_list("accepted_on", flat=True):
        months[day.month] = months.get(day.month, 0) + 1
    assert len(months) == 12
    assert months[9] > months[2]  # school enrolment is busy, the Spring Festival quiet


def test_a_few_end_otherwise(counts):
    statuses = dict(Application.objects.values_list("status").annotate(n=Count("pk")))
    assert statuses[Status.DENIED] >= 1 and statuses[Status.WITHDRAWN] >= 1
    assert statuses[Status.NOT_ACCEPTED] >= 10
    assert Application.objects.filter(status=Status.NOT_ACCEPTED, accepted_on__isnull=True,
                                      reason__gt="").count() == statuses[Status.NOT_ACCEPTED]
    assert cohort().filter(status__in=OPEN, deadline__lt=TODAY).exists()
    late = cohort().filter(status=Status.COMPLETED).extra(where=["completed_on > deadline"])
    assert 1 <= late.count() <= 20
    assert cohort().filter(status=Status.SUPPLEMENT, paused_on__isnull=False).exists()
    assert cohort().filter(status=Status.COMPLETED, paused_days__gt=0).count() >= 20


def test_ratings_mostly_good_and_each_bad_one_has_its_rectification(counts):
    ratings = Rating.objects.filter(application__accepted_on__isnull=False)
    assert ratings.count() >= cohort().count() * 0.6
    bad = ratings.filter(grade__in=BAD_GRADES).select_related(
        "rectification", "application__centre")
    assert 10 <= bad.count() <= 20
    assert ratings.filter(grade__gte=3).count() / ratings.count() > 0.99
    states = set()
    for rating in bad:
        item = rating.rectification
        assert item is not None and rating.comment
        assert item.lead_unit_id == rating.application.centre.unit_id
        assert timezone.localdate(item.created_at) == timezone.localdate(rating.rated_at)
        assert item.status == ItemStatus.CLOSED or item.deadline >= TODAY
        states.add(item.status)
    assert ItemStatus.CLOSED in states and len(states) >= 2


def test_timelines_follow_the_rules(counts):
    start_of_today = timezone.make_aware(datetime.combine(TODAY, time.min))
    events = {}
    for event in Event.objects.filter(content_type__model="application").order_by("at", "pk"):
        events.setdefault(event.object_id, []).append(event)
    for app in Application.objects.select_related("version"):
        steps = events[app.pk]
        assert [e.pk for e in steps] == sorted(e.pk for e in steps), app.receipt_no
        assert steps[0].action == ("submit" if app.channel == Channel.ONLINE else "accept")
        assert steps[-1].at < start_of_today
        status = ""
        for event in steps:
            if event.to_status:
                assert event.from_status == status, (app.receipt_no, event.action)
                status = event.to_status
        assert status == app.status, app.receipt_no
        if app.accepted_on is None:
            continue
        accept = next(e for e in steps if e.action == "accept")
        assert timezone.localdate(accept.at) == app.accepted_on
        if app.paused_days == 0 and app.paused_on is None:
            assert app.deadline == add_working_days(app.accepted_on,
                                                    app.version.time_limit).date
        if app.status == Status.COMPLETED:
            assert app.days_taken == (working_days_between(app.accepted_on, app.completed_on)
                                      .days - app.paused_days), app.receipt_no
            assert timezone.localdate(steps[-1].at if steps[-1].action != "rate"
                                      else steps[-2].at) == app.completed_on


def test_loading_twice_creates_nothing(counts):
    before = table_snapshot()

    with time_machine.travel(f"{TODAY} 15:00 +0800", tick=False):
        assert load_hall_demo()["applications"] == 0

    assert table_snapshot() == before


@pytest.mark.parametrize("day", [date(2026, 1, 5), date(2026, 2, 24), date(2027, 3, 1)])
def test_the_year_holds_whatever_day_it_is_loaded(counts, day):
    Application.objects.all().delete()
    with time_machine.travel(f"{day} 09:00 +0800", tick=False):
        made = load_hall_demo(applications=1500)["applications"]

    assert 1300 <= made <= 1700
    assert not Application.objects.filter(accepted_on__gte=day).exists()
    assert Application.objects.filter(status=Status.COMPLETED).count() >= made - 20
    assert Rating.objects.filter(grade__in=BAD_GRADES, rectification__isnull=False).exists()
    # The first load's events outlive its deleted applications: look at the new ones only.
    new = Event.objects.filter(content_type__model="application",
                               object_id__in=Application.objects.values("pk"))
    assert not new.filter(at__gte=timezone.make_aware(datetime.combine(day, time.min))).exists()
