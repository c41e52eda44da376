"""The report pages as 督查室, a township's staff and the petition office see them: the list,
generating, reading with linked figures, the records behind a figure, editing, recounting,
publishing, correcting and the files."""

from datetime import date, datetime
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from taizhang.ledger.constants import ItemStatus
from taizhang.ledger.tests.factories import ItemFactory, build_ledger_world
from taizhang.org.constants import Role
from taizhang.org.tests.factories import make_user
from taizhang.reports import rules
from taizhang.reports.constants import ReportKind, ReportScope, ReportStatus
from taizhang.reports.models import Report

from .sample import use_shipped_font

TODAY = date(2026, 12, 7)  # a Monday
NOV = (date(2026, 11, 1), date(2026, 11, 30))
LAST_WEEK = (date(2026, 11, 30), date(2026, 12, 6))
OCTOBER = datetime(2026, 10, 9, 9, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(f"{TODAY} 09:00 +0800", tick=False):
        yield


@pytest.fixture
def world(tree):
    """Two items overdue at the end of November: 西河乡's and 东城街道's."""
    world = build_ledger_world(tree)
    world.item.deadline, world.item.status = date(2026, 11, 10), ItemStatus.IN_PROGRESS
    world.item.created_at = OCTOBER
    world.item.save()
    world.east_item = overdue_item(world, tree.east, "东城街道背街小巷整治")
    world.officer = make_user(tree.district, Role.PETITION_OFFICER, username="xinfang")
    return world


def overdue_item(world, unit, title):
    return ItemFactory(ledger=world.ledger, leader=world.leader_person, lead_unit=unit,
                       title=title, deadline=date(2026, 11, 20),
                       status=ItemStatus.IN_PROGRESS, created_at=OCTOBER)


def monthly(world):
    return rules.generate_report(ReportKind.MONTHLY, ReportScope.ALL, *NOV,
                                 actor=world.supervisor)


def published(world):
    return rules.publish_report(monthly(world), actor=world.supervisor)


def key_of(report, figure, unit=None):
    return next(key for key, f in report.content["figures"].items()
                if (f["trace"]["source"], f["trace"]["figure"], f["trace"]["unit"])
                == ("ledger", figure, unit))


def login(client, user):
    client.force_login(user)
    return client


def listed(client, query=""):
    response = client.get(reverse("reports:list") + query)
    assert response.status_code == 200
    return {report.pk for report in response.context["page"].object_list}, response


def text(response):
    return response.content.decode()


def test_published_reports_for_every_unit_drafts_for_the_office(world, client):
    draft = monthly(world)
    weekly = rules.publish_report(rules.generate_report(
        ReportKind.WEEKLY, ReportScope.ALL, *LAST_WEEK, actor=world.supervisor),
        actor=world.supervisor)
    petitions = rules.generate_report(ReportKind.WEEKLY, ReportScope.PETITIONS, *LAST_WEEK,
                                      actor=world.officer)
    assert listed(login(client, world.supervisor))[0] == {draft.pk, weekly.pk, petitions.pk}
    assert listed(login(client, world.west_staff))[0] == {weekly.pk}
    assert listed(login(client, world.officer))[0] == {weekly.pk, petitions.pk}
    login(client, world.supervisor)
    assert listed(client, "?kind=monthly")[0] == {draft.pk}
    assert listed(client, "?kind=weekly")[0] == {weekly.pk, petitions.pk}
    found, response = listed(client, "?kind=quarterly")
    assert not found and "还没有这类通报。在上方选择类型和期间，生成第一份草稿。" in text(response)


def test_a_unit_without_published_reports_is_told_what_will_come(world, client):
    monthly(world)
    found, response = listed(login(client, world.west_staff))
    assert not found
    assert "还没有通报。督查室发布通报后将在此列出。" in text(response)
    assert reverse("reports:generate") not in text(response)


def test_generating_makes_a_draft_and_opens_it(world, client):
    response = login(client, world.supervisor).post(
        reverse("reports:generate"), {"kind": "monthly", "scope": "all", "day": "2026-11-15"})
    report = Report.objects.get()
    assert response.status_code == 302 and response.url == reverse("reports:detail",
                                                                   args=[report.pk])
    assert (report.start, report.end, report.status) == (*NOV, ReportStatus.DRAFT)
    assert "已生成《关于2026年11月重点工作考核结果的通报》草稿" in text(client.get(response.url))


def test_a_period_not_begun_is_refused_next_to_the_day(world, client):
    response = login(client, world.supervisor).post(
        reverse("reports:generate"), {"kind": "weekly", "scope": "all", "day": "2026-12-14"})
    assert response.status_code == 400
    assert response.context["form"].errors["day"] == ["统计期间尚未开始，不能生成通报。"]
    assert '<p class="field__error">统计期间尚未开始，不能生成通报。</p>' in text(response)
    assert not Report.objects.exists()


def test_only_the_office_generates(world, client):
    asked = {"kind": "weekly", "scope": "all", "day": "2026-12-01"}
    assert login(client, world.west_staff).post(reverse("reports:generate"),
                                                 asked).status_code == 403
    # The petition office is offered its own scope only: anything else is refused by the form.
    refused = login(client, world.officer).post(reverse("reports:generate"), asked)
    assert refused.status_code == 400 and refused.context["form"].errors["scope"]
    assert not Report.objects.exists()
    own = client.post(reverse("reports:generate"), {**asked, "scope": "petitions"})
    assert own.status_code == 302
    assert Report.objects.get().scope == ReportScope.PETITIONS


def test_every_linked_figure_opens(world, client):
    report = monthly(world)
    response = login(client, world.supervisor).get(reverse("reports:detail", args=[report.pk]))
    urls = {cell["url"] for block in response.context["blocks"] if block["type"] == "table"
            for row in block["cells"] for cell in row if cell["url"]}
    assert reverse("reports:figure", args=[report.pk, key_of(report, "overdue")]) in urls
    assert reverse("ledger:item", args=[world.item.pk]) in urls  # a deduction's record
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_a_township_sees_only_its_records_behind_a_figure(world, client):
    report = published(world)
    url = reverse("reports:figure", args=[report.pk, key_of(report, "overdue")])
    everything = login(client, world.supervisor).get(url)
    assert [row["code"] for row in everything.context["rows"]] == [world.item.code,
                                                                   world.east_item.code]
    assert "不在您的查看范围内" not in text(everything)
    own = login(client, world.west_staff).get(url)
    assert [row["code"] for row in own.context["rows"]] == [world.item.code]
    assert "其中 1 条不在您的查看范围内，未列出。" in text(own)
    assert "重新查询为" not in text(own)


def test_a_record_changed_after_publishing_is_flagged(world, client):
    report = published(world)
    world.item.status, world.item.closed_on = ItemStatus.CLOSED, date(2026, 11, 5)
    world.item.save()
    response = login(client, world.supervisor).get(
        reverse("reports:figure", args=[report.pk, key_of(report, "overdue")]))
    assert "通报中此数为 2，按现有记录重新查询为 1" in text(response)


def test_the_figure_page_names_the_figure_in_words(world, client):
    report = monthly(world)
    response = login(client, world.supervisor).get(
        reverse("reports:figure", args=[report.pk, key_of(report, "overdue")]))
    assert "逾期未销号" in response.context["label"]


def paragraphs(report, **texts):
    return {block["key"]: texts.get(block["key"], block["text"])
            for block in report.content["blocks"]
            if block["type"] == "paragraph" and block.get("key")}


def test_paragraphs_are_rewritten_on_the_page(world, client):
    report = monthly(world)
    login(client, world.supervisor)
    url = reverse("reports:edit", args=[report.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, paragraphs(report, summary="本月全区重点工作总体平稳。",
                                           next_steps=""))
    assert response.status_code == 302
    page = text(client.get(reverse("reports:detail", args=[report.pk])))
    assert "文字部分已保存。" in page and "本月全区重点工作总体平稳。" in page
    assert "下月 5 日前" not in page  # emptied: not printed


def test_saving_one_paragraph_leaves_the_others_to_the_figures(world, client):
    report = monthly(world)
    login(client, world.supervisor).post(reverse("reports:edit", args=[report.pk]),
                                         paragraphs(report, next_steps="请各单位抓紧整改。"))
    overdue_item(world, world.tree.east, "东关社区加装电梯")
    client.post(reverse("reports:refresh", args=[report.pk]))
    assert "逾期未销号 3 件" in text(client.get(reverse("reports:detail", args=[report.pk])))


def test_refreshing_counts_the_draft_again(world, client):
    report = monthly(world)
    overdue_item(world, world.tree.east, "东关社区加装电梯")
    response = login(client, world.supervisor).post(reverse("reports:refresh",
                                                            args=[report.pk]), follow=True)
    assert "已按当前记录重新统计数据" in text(response)
    assert "逾期未销号 3 件" in text(response)  # the summary too
    report.refresh_from_db()
    assert report.content["figures"][key_of(report, "overdue")]["value"] == 3


def test_publishing_asks_first_then_numbers_the_report(world, client):
    report = monthly(world)
    url = reverse("reports:publish", args=[report.pk])
    confirm = login(client, world.supervisor).get(url)
    assert confirm.status_code == 200 and "确认发布" in text(confirm)
    assert Report.objects.get().status == ReportStatus.DRAFT
    page = text(client.post(url, follow=True))
    assert "已发布，发文字号 示督考〔2026〕1号。" in page
    assert Report.objects.get().status == ReportStatus.PUBLISHED


def test_a_correction_needs_a_note_and_opens_version_two(world, client):
    report = published(world)
    url = reverse("reports:correct", args=[report.pk])
    empty = login(client, world.supervisor).post(url, {"note": ""})
    assert empty.status_code == 200 and empty.context["form"].errors["note"]
    assert Report.objects.count() == 1
    response = client.post(url, {"note": "西河乡逾期件数有误"})
    correction = Report.objects.get(version=2)
    assert response.url == reverse("reports:detail", args=[correction.pk])
    assert correction.corrects == report and correction.status == ReportStatus.DRAFT


def test_acting_on_a_published_report_is_refused_with_a_message(world, client):
    report = published(world)
    login(client, world.supervisor)
    for name, data in (("edit", paragraphs(report)), ("refresh", {}), ("publish", {})):
        response = client.post(reverse(f"reports:{name}", args=[report.pk]), data,
                               follow=True)
        assert response.status_code == 200, name
        assert "该通报已" in text(response) and "请发布更正版" in text(response), name
    draft = rules.generate_report(ReportKind.WEEKLY, ReportScope.ALL, *LAST_WEEK,
                                  actor=world.supervisor)
    response = client.post(reverse("reports:correct", args=[draft.pk]), {"note": "改"},
                           follow=True)
    assert "草稿可直接修改，无需更正。" in text(response)
    assert Report.objects.get(pk=report.pk).content == report.content
    login(client, world.west_staff)
    assert client.post(reverse("reports:refresh", args=[report.pk])).status_code == 403


@pytest.mark.parametrize("fmt, content_type", [
    ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("pdf", "application/pdf"),
])
def test_the_files_are_named_by_the_number(world, client, fmt, content_type, monkeypatch,
                                           settings):
    use_shipped_font(monkeypatch, settings)
    report = published(world)
    response = login(client, world.west_staff).get(reverse("reports:export",
                                                           args=[report.pk, fmt]))
    assert response.status_code == 200 and response["Content-Type"] == content_type
    name = unquote(response["Content-Disposition"].partition("utf-8''")[2])
    assert name == f"示督考〔2026〕1号 {report.title}.{fmt}"


def test_an_unknown_format_and_a_draft_for_a_unit_are_not_found(world, client):
    report = monthly(world)
    login(client, world.supervisor)
    assert client.get(reverse("reports:export", args=[report.pk, "odt"])).status_code == 404
    assert client.get(reverse("reports:export", args=[report.pk, "xlsx"])).status_code == 200
    login(client, world.west_staff)
    assert client.get(reverse("reports:export", args=[report.pk, "xlsx"])).status_code == 404
