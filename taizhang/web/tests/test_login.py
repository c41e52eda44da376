"""Password login, its audit trail, and the lockout after repeated failures."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from taizhang.org.constants import AuditAction
from taizhang.org.models import AuditEntry

pytestmark = pytest.mark.django_db

PASSWORD = "Demo-pass-2026"  # the factories' password
LOGIN = reverse("login")


def attempt(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def test_login_page_is_chinese_and_protected_by_csrf(client):
    response = client.get(LOGIN)
    html = response.content.decode()
    assert response.status_code == 200
    assert "登录台账系统" in html and "用户名" in html and "密码" in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_login_lands_on_the_workbench(tree, client):
    response = attempt(client, "west_clerk", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("workbench")
    assert "工作台" in client.get(reverse("workbench")).content.decode()


def test_login_returns_to_the_page_asked_for(tree, client):
    response = client.post(LOGIN + "?next=/org/", {
        "username": "west_clerk", "password": PASSWORD, "next": "/org/"})
    assert response["Location"] == "/org/"


def test_login_does_not_redirect_to_other_sites(tree, client):
    response = client.post(LOGIN, {
        "username": "west_clerk", "password": PASSWORD, "next": "https://evil.example/"})
    assert response["Location"] == reverse("workbench")


def test_signed_in_user_skips_the_login_page(tree, client):
    client.force_login(tree.west_clerk)
    assert client.get(LOGIN)["Location"] == reverse("workbench")


def test_wrong_password_says_so_in_chinese(tree, client):
    response = attempt(client, "west_clerk", "wrong-password")
    assert response.status_code == 200
    message = "用户名或密码不正确。同一账号连续输错 5 次将被锁定 15 分钟。"
    assert message in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_fifth_failure_locks_the_account(tree, client):
    for _ in range(4):
        assert attempt(client, "west_clerk", "wrong-password").status_code == 200
    response = attempt(client, "west_clerk", "wrong-password")
    assert response.status_code == 429
    html = response.content.decode()
    assert "账号已暂时锁定" in html
    assert "已连续输错 5 次" in html and "已锁定 15 分钟" in html
    assert 'href="/static/web/taizhang.css"' in html
    # Even the right password is refused while the lock lasts.
    assert attempt(client, "west_clerk", PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_lock_holds_against_a_fresh_client(tree, client):
    for _ in range(5):
        attempt(client, "west_clerk", "wrong-password")
    other = Client(REMOTE_ADDR="10.0.0.99")
    assert attempt(other, "west_clerk", PASSWORD).status_code == 429


def test_lock_is_per_account(tree, client):
    for _ in range(5):
        attempt(client, "west_clerk", "wrong-password")
    assert attempt(client, "east_clerk", PASSWORD).status_code == 302


def test_lock_ends_after_15_minutes(tree, client):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for _ in range(5):
            attempt(client, "west_clerk", "wrong-password")
        traveller.shift(timedelta(minutes=16))
        assert attempt(client, "west_clerk", PASSWORD).status_code == 302


def test_failures_older_than_15_minutes_do_not_count(tree, client):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for _ in range(4):
            attempt(client, "west_clerk", "wrong-password")
        traveller.shift(timedelta(minutes=16))
        assert attempt(client, "west_clerk", "wrong-password").status_code == 200
        assert attempt(client, "west_clerk", PASSWORD).status_code == 302


def test_login_and_failed_login_are_audited(tree, client):
    attempt(client, "west_clerk", "wrong-password")
    attempt(client, "west_clerk", PASSWORD)
    failed = AuditEntry.objects.get(action=AuditAction.LOGIN_FAILED)
    assert failed.detail == {"username": "west_clerk"}
    assert failed.actor_id is None and failed.ip == "127.0.0.1"
    login = AuditEntry.objects.get(action=AuditAction.LOGIN)
    assert (login.actor_id, login.actor_name) == (tree.west_clerk.pk, "west_clerk")


def test_logout_is_a_post_and_is_audited(tree, client):
    client.force_login(tree.west_clerk)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response["Location"] == LOGIN
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action=AuditAction.LOGOUT,
                                     actor_id=tree.west_clerk.pk).exists()
