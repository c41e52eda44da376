"""The workbench and the layout around it: greeting, scope, login history, navigation, language."""

import pytest
from django.test import Client
from django.urls import reverse

from taizhang.org.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Demo-pass-2026"


def workbench(client):
    response = client.get(reverse("workbench"))
    assert response.status_code == 200
    return response.content.decode()


def test_needs_login(client):
    response = client.get(reverse("workbench"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/"


def test_greets_the_person_with_unit_and_roles(tree, client):
    client.force_login(tree.west_clerk)
    html = workbench(client)
    assert f"{tree.west_clerk.person.name}，您好！" in html
    assert "西河乡" in html and "窗口工作人员" in html


def test_counts_what_the_user_can_see(tree, client):
    client.force_login(tree.west_clerk)
    response = client.get(reverse("workbench"))
    # 西河乡, 西河村, its grid; the clerk and the grid worker.
    assert (response.context["unit_count"], response.context["people_count"]) == (3, 2)
    assert "及其下级单位" in response.content.decode()

    client.force_login(tree.supervisor)
    response = client.get(reverse("workbench"))
    assert (response.context["unit_count"], response.context["people_count"]) == (8, 4)
    assert "全区所有单位" in response.content.decode()


def test_account_without_a_person_is_told_why_it_sees_nothing(db, client):
    client.force_login(UserFactory(username="orphan"))
    html = workbench(client)
    assert "orphan，您好！" in html
    assert "尚未关联人员信息" in html


def test_shows_own_logins_and_failed_attempts_only(tree, client):
    Client().post(reverse("login"), {"username": "east_clerk", "password": PASSWORD})
    client.post(reverse("login"), {"username": "west_clerk", "password": "wrong-password"})
    client.post(reverse("login"), {"username": "west_clerk", "password": PASSWORD})
    response = client.get(reverse("workbench"))
    entries = [(e.action, e.actor_id) for e in response.context["recent_logins"]]
    assert entries == [("login", tree.west_clerk.pk), ("login_failed", None)]
    html = response.content.decode()
    assert "登录成功" in html and "登录失败" in html


def test_says_what_can_be_done_now(tree, client):
    client.force_login(tree.west_clerk)
    html = workbench(client)
    assert f'href="{reverse("org:tree")}"' in html
    assert f'action="{reverse("org:search")}"' in html
    assert "<code>taizhang token 用户名</code>" in html
    assert 'href="/api/v1/docs"' in html


def test_navigation_follows_the_role(tree, client):
    client.force_login(tree.west_clerk)
    labels = [str(e["label"]) for e in client.get("/").context["nav_entries"]]
    assert labels == ["工作台", "消息", "台账", "台账事项", "办件", "办件统计", "组织机构",
                      "工作日计算", "接口文档"]

    tree.supervisor.is_staff = True
    tree.supervisor.save()
    client.force_login(tree.supervisor)
    entries = client.get(reverse("org:tree")).context["nav_entries"]
    assert [str(e["label"]) for e in entries] == [
        "工作台", "消息", "台账", "台账事项", "办件统计", "信访", "驾驶舱", "通报考核",
        "组织机构", "工作日计算", "系统管理", "接口文档"]
    assert [e["label"] for e in entries if e["current"]] == ["组织机构"]


def test_navigation_entry_limited_to_roles(tree, client, monkeypatch):
    from taizhang.web import context_processors as cp

    entry = cp.NavEntry("督查", "workbench", roles=frozenset({"supervision"}))
    monkeypatch.setattr(cp, "NAV_ENTRIES", [*cp.NAV_ENTRIES, entry])
    client.force_login(tree.west_clerk)
    assert "督查" not in [str(e["label"]) for e in client.get("/").context["nav_entries"]]
    client.force_login(tree.supervisor)
    assert "督查" in [str(e["label"]) for e in client.get("/").context["nav_entries"]]


def test_language_can_be_switched_to_english(tree, client):
    client.force_login(tree.west_clerk)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = workbench(client)
    assert '<html lang="en">' in html
    assert "Workbench" in html and "Organisation" in html
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    assert "工作台" in workbench(client)
