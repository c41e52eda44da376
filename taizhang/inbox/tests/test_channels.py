"""Email and group-robot copies of notifications: sent once, failures kept and retried.

The robot is a local http.server on 127.0.0.1 that records what it is sent and answers as
DingTalk and WeCom do: ``{"errcode": 0}`` when it takes a message, non-zero when it refuses.
"""

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import mail
from django.db import connection, connections
from django.utils import timezone

from taizhang.inbox import channels
from taizhang.inbox.models import Channel, Delivery, Kind, Notification
from taizhang.inbox.services import notify
from taizhang.inbox.tasks import deliver_notifications, retry_deliveries


class Robot(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 (the name http.server calls)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.append(json.loads(body))
        status, answer = self.server.answer
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps(answer).encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def robot(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Robot)
    server.received, server.answer = [], (200, {"errcode": 0, "errmsg": "ok"})
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.url = f"http://127.0.0.1:{server.server_address[1]}/robot/send?access_token=t"
    settings.TAIZHANG_WEBHOOK_URLS = [server.url]
    settings.TAIZHANG_WEBHOOK_TIMEOUT = 2
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def email(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TAIZHANG_NOTIFY_EMAIL = True
    settings.TAIZHANG_SITE_URL = "https://taizhang.example.gov.cn/"


@pytest.fixture
def clerks(tree):
    tree.west_clerk.email = "west@example.gov.cn"
    tree.west_clerk.save()
    return [tree.west_clerk, tree.east_clerk]  # the east clerk has no address


def reminder(users, title="催办：西河村饮水安全提升"):
    return [n.pk for n in notify(users, Kind.REMINDER, title,
                                 "完成时限：2026年10月09日\n预警原因：距完成时限不足 3 个工作日",
                                 "/ledger/items/7/")]


def content(post):
    assert post["msgtype"] == "text"
    return post["text"]["content"]


@pytest.mark.django_db
def test_email_goes_to_the_recipient_once(email, clerks):
    ids = reminder(clerks)
    assert channels.deliver(ids) == 1
    assert channels.deliver(ids) == 0
    [message] = mail.outbox
    assert message.to == ["west@example.gov.cn"]
    assert message.subject == "【台账】催办：西河村饮水安全提升"
    assert "距完成时限不足 3 个工作日" in message.body
    assert "https://taizhang.example.gov.cn/ledger/items/7/" in message.body
    row = Delivery.objects.get()
    assert (row.channel, row.attempts, row.error) == (Channel.EMAIL, 1, "")
    assert row.sent_at is not None


@pytest.mark.django_db
def test_one_robot_message_per_event_naming_everyone(settings, robot, clerks):
    settings.TAIZHANG_NOTIFY_EMAIL = False
    ids = reminder(clerks) + reminder(clerks[:1], "督办：东关社区停车难")
    assert channels.deliver(ids) == 2
    assert channels.deliver(ids) == 0
    first, second = (content(post) for post in robot.received)
    assert first.startswith("【台账】【催办】催办：西河村饮水安全提升\n")
    assert "预警原因：距完成时限不足 3 个工作日" in first
    assert first.endswith(f"\n接收人：{clerks[0].person.name}、{clerks[1].person.name}")
    assert "督办：东关社区停车难" in second
    assert Delivery.objects.filter(channel=Channel.WEBHOOK, sent_at__isnull=False).count() == 3


@pytest.mark.django_db
def test_a_refusing_robot_is_retried(settings, robot, clerks):
    settings.TAIZHANG_NOTIFY_EMAIL = False
    robot.answer = (200, {"errcode": 310000, "errmsg": "keywords not in content"})
    ids = reminder(clerks[:1])
    assert channels.deliver(ids) == 0
    row = Delivery.objects.get()
    assert row.sent_at is None and "机器人拒收" in row.error and "310000" in row.error
    # A plain rerun of the same task does not resend it: it is waiting for the retry.
    robot.answer = (200, {"errcode": 0})
    assert retry_deliveries.call() == 1
    row.refresh_from_db()
    assert (row.attempts, row.error) == (2, "") and row.sent_at is not None
    assert len(robot.received) == 2
    assert retry_deliveries.call() == 0


@pytest.mark.django_db
def test_http_errors_and_dead_robots_are_kept(settings, robot, clerks):
    settings.TAIZHANG_NOTIFY_EMAIL = False
    robot.answer = (500, {})
    ids = reminder(clerks[:1])
    assert deliver_notifications.call(ids) == 0
    assert "500" in Delivery.objects.get().error
    settings.TAIZHANG_WEBHOOK_URLS = ["http://127.0.0.1:9/nobody-listens"]
    assert channels.deliver(ids) == 0
    assert Delivery.objects.get(target__contains=":9/").error


@pytest.mark.django_db
def test_retries_stop_after_max_attempts(settings, robot, clerks):
    settings.TAIZHANG_NOTIFY_EMAIL = False
    robot.answer = (200, {"errcode": 410100, "errmsg": "send too fast"})
    channels.deliver(reminder(clerks[:1]))
    for _ in range(channels.MAX_ATTEMPTS + 2):
        channels.retry_failed()
    row = Delivery.objects.get()
    assert row.attempts == channels.MAX_ATTEMPTS and row.sent_at is None
    assert len(robot.received) == channels.MAX_ATTEMPTS


@pytest.mark.django_db
def test_a_stale_claim_is_taken_back(email, clerks):
    [pk] = reminder(clerks[:1])
    notification = Notification.objects.get(pk=pk)
    # A worker claimed the copy and died before sending it or recording a failure.
    Delivery.objects.create(notification=notification, channel=Channel.EMAIL,
                            target="west@example.gov.cn", attempts=1)
    assert channels.retry_failed() == 0  # a fresh claim: its worker may still be sending
    Delivery.objects.update(attempted_at=timezone.now() - channels.STALE_CLAIM
                            - timedelta(seconds=1))
    assert channels.retry_failed() == 1
    assert len(mail.outbox) == 1
    assert Delivery.objects.get().attempts == 2


@pytest.mark.django_db
def test_nothing_is_enqueued_without_channels(settings, clerks,
                                              django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    settings.TAIZHANG_NOTIFY_EMAIL, settings.TAIZHANG_WEBHOOK_URLS = False, []
    with django_capture_on_commit_callbacks(execute=True):
        reminder(clerks)
    assert not DBTaskResult.objects.exists()
    settings.TAIZHANG_NOTIFY_EMAIL = True
    with django_capture_on_commit_callbacks(execute=True):
        ids = reminder(clerks)
    [queued] = DBTaskResult.objects.all()
    assert queued.args_kwargs["args"] == [ids]


@pytest.mark.django_db(transaction=True)
def test_two_workers_delivering_at_once_send_once(settings, robot, tree):
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent server connections; SQLite serialises writers itself")
    settings.TAIZHANG_NOTIFY_EMAIL = False
    ids = []
    for n in range(10):
        ids += reminder([tree.west_clerk, tree.east_clerk], f"催办：事项{n}")
    workers, start, errors, sent = 4, threading.Barrier(4), [], []

    def work():
        try:
            start.wait()
            sent.append(channels.deliver(ids))
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    # Each person's copy went out once (two workers may split one event's recipients).
    copies = sorted((text.split("\n")[0], name) for text in map(content, robot.received)
                    for name in text.split("接收人：")[1].split("、"))
    names = [tree.west_clerk.person.name, tree.east_clerk.person.name]
    assert copies == sorted((f"【台账】【催办】催办：事项{n}", name)
                            for n in range(10) for name in names)
    assert sum(sent) == len(robot.received)


@pytest.mark.django_db
def test_admin_lists_failures_without_the_robot_token(admin_client, settings, robot, clerks):
    settings.TAIZHANG_NOTIFY_EMAIL = False
    robot.answer = (200, {"errcode": 310000, "errmsg": "keywords not in content"})
    channels.deliver(reminder(clerks[:1]))
    html = admin_client.get("/admin/inbox/delivery/?sent=no").content.decode()
    assert "机器人拒收" in html and "/robot/send" in html
    assert "access_token" not in html
