"""Security headers on every kind of response, CSRF, and idle session expiry."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

PASSWORD = "Demo-pass-2026"


def assert_secure_headers(response):
    csp = {
        part.split()[0]: part.split()[1:]
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    }
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_login_page_headers(client):
    assert_secure_headers(client.get(reverse("login")))


def test_signed_in_page_and_error_headers(tree, client):
    client.force_login(tree.west_clerk)
    assert_secure_headers(client.get(reverse("workbench")))
    not_found = client.get(reverse("org:unit", args=[tree.east.pk]))
    assert not_found.status_code == 404
    assert_secure_headers(not_found)


def test_login_needs_the_csrf_token(tree):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "west_clerk", "password": PASSWORD})
    assert response.status_code == 403
    assert "页面已过期" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_htmx_post_needs_the_csrf_header(tree):
    client = Client(enforce_csrf_checks=True)
    client.force_login(tree.supervisor)
    url = reverse("org:reveal_phone", args=[tree.west_clerk.person.pk])
    assert client.post(url, HTTP_HX_REQUEST="true").status_code == 403
    page = client.get(reverse("org:unit", args=[tree.west.pk]))
    token = str(page.context["csrf_token"])
    assert f'hx-headers=\'{{"X-CSRFToken": "{token}"}}\'' in page.content.decode()
    assert client.post(url, HTTP_HX_REQUEST="true", HTTP_X_CSRFTOKEN=token).status_code == 200


def test_session_cookie_is_http_only_and_ends_with_the_browser(tree, client):
    response = client.post(reverse("login"), {"username": "west_clerk", "password": PASSWORD})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert not cookie["max-age"] and not cookie["expires"]


def test_session_ends_after_idle_time_and_activity_keeps_it(tree, client):
    idle = timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert settings.SESSION_SAVE_EVERY_REQUEST and idle == timedelta(minutes=30)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client.post(reverse("login"), {"username": "west_clerk", "password": PASSWORD})
        # Working every 20 minutes keeps the session alive well past 30 minutes in total…
        for _ in range(3):
            traveller.shift(timedelta(minutes=20))
            assert client.get(reverse("workbench")).status_code == 200
        # …and 31 minutes of silence ends it.
        traveller.shift(idle + timedelta(minutes=1))
        response = client.get(reverse("workbench"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
