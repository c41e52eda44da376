"""The inbox page: only my own messages, unread first; marking one or all of them read."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from taizhang.inbox.models import Kind, Notification
from taizhang.inbox.services import notify, unread_count

pytestmark = pytest.mark.django_db


@pytest.fixture
def mail(tree):
    """Two messages for the west clerk (the newer one already read), one for the east clerk."""
    now = timezone.now()
    older, newer = (
        Notification.objects.create(recipient=tree.west_clerk, kind=kind, title=title,
                                    body="事项：MS2026-001 西河村饮水安全提升",
                                    link="/ledger/items/1/",
                                    created_at=now - timedelta(hours=hours))
        for kind, title, hours in ((Kind.REMINDER, "催办：西河村饮水安全提升", 5),
                                   (Kind.WORKFLOW, "新交办事项：西河村道路硬化", 1)))
    newer.read_at = now
    newer.save()
    other = Notification.objects.create(recipient=tree.east_clerk, kind=Kind.ESCALATION,
                                        title="督办：东关社区停车难", link="/ledger/items/2/")
    return {"older": older, "newer": newer, "other": other}


def signed_in(client, user):
    client.force_login(user)
    return client


def test_lists_only_my_messages_unread_first(client, tree, mail):
    html = signed_in(client, tree.west_clerk).get(reverse("inbox:list")).content.decode()
    assert "东关社区停车难" not in html
    # Unread first, although it is the older one.
    assert html.index("催办：西河村饮水安全提升") < html.index("新交办事项：西河村道路硬化")
    assert "1 条未读" in html
    assert "inbox__item--unread" in html


def test_unread_count_is_in_the_navigation(client, tree, mail):
    html = signed_in(client, tree.west_clerk).get(reverse("workbench")).content.decode()
    assert 'href="/inbox/"' in html
    assert '<span class="mainnav__badge">1<span class="visually-hidden">条未读</span>' in html
    mail["older"].read_at = timezone.now()
    mail["older"].save()
    html = client.get(reverse("workbench")).content.decode()
    assert "mainnav__badge" not in html


def test_mark_one_read_and_go_back(client, tree, mail):
    client = signed_in(client, tree.west_clerk)
    answer = client.post(reverse("inbox:read", args=[mail["older"].pk]),
                         {"next": "/inbox/?page=1"})
    assert answer.status_code == 302 and answer["Location"] == "/inbox/?page=1"
    mail["older"].refresh_from_db()
    assert mail["older"].read_at is not None
    assert unread_count(tree.west_clerk) == 0


def test_open_marks_read_and_goes_to_the_record(client, tree, mail):
    client = signed_in(client, tree.west_clerk)
    answer = client.post(reverse("inbox:read", args=[mail["older"].pk]), {"open": "1"})
    assert answer["Location"] == "/ledger/items/1/"
    assert unread_count(tree.west_clerk) == 0


def test_next_must_stay_on_this_site(client, tree, mail):
    answer = signed_in(client, tree.west_clerk).post(
        reverse("inbox:read", args=[mail["older"].pk]), {"next": "https://evil.example/"})
    assert answer["Location"] == reverse("inbox:list")


def test_cannot_touch_someone_elses_message(client, tree, mail):
    client = signed_in(client, tree.west_clerk)
    assert client.post(reverse("inbox:read", args=[mail["other"].pk])).status_code == 404
    mail["other"].refresh_from_db()
    assert mail["other"].read_at is None


def test_mark_all_read_touches_only_mine(client, tree, mail):
    notify([tree.west_clerk], Kind.WORKFLOW, "事项已销号：西河村饮水安全提升")
    client = signed_in(client, tree.west_clerk)
    answer = client.post(reverse("inbox:read_all"), follow=True)
    assert "已将 2 条消息标为已读" in answer.content.decode()
    assert unread_count(tree.west_clerk) == 0
    assert unread_count(tree.east_clerk) == 1


def test_reading_requires_post_and_login(client, tree, mail):
    assert client.get(reverse("inbox:list")).status_code == 302
    client = signed_in(client, tree.west_clerk)
    assert client.get(reverse("inbox:read", args=[mail["older"].pk])).status_code == 405
    assert client.get(reverse("inbox:read_all")).status_code == 405


def test_empty_inbox(client, tree):
    html = signed_in(client, tree.supervisor).get(reverse("inbox:list")).content.decode()
    assert "没有未读消息" in html and "还没有消息" in html


def test_pages_of_thirty(client, tree):
    Notification.objects.bulk_create(
        Notification(recipient=tree.west_clerk, kind=Kind.WORKFLOW, title=f"通知{n}")
        for n in range(35))
    client = signed_in(client, tree.west_clerk)
    first = client.get(reverse("inbox:list")).content.decode()
    assert first.count('class="inbox__item') == 30 and "第 1 / 2 页" in first
    second = client.get(reverse("inbox:list"), {"page": 2}).content.decode()
    assert second.count('class="inbox__item') == 5
