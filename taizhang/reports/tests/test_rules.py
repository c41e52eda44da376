"""Generating, editing, publishing and correcting a report: one draft per period, a frozen
publication, numbers in sequence, conflicts named, only the office acting."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from taizhang.ledger.constants import ItemStatus
from taizhang.ledger.tests.factories import ItemFactory, build_ledger_world
from taizhang.org.constants import Role
from taizhang.org.events import timeline
from taizhang.org.tests.factories import make_user
from taizhang.reports import rules
from taizhang.reports.constants import ReportKind, ReportScope, ReportStatus
from taizhang.reports.models import Report
from taizhang.reports.rules import Conflict, ReportError

TODAY = date(2026, 12, 7)  # a Monday
NOV = (date(2026, 11, 1), date(2026, 11, 30))
OCTOBER = datetime(2026, 10, 9, 9, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(f"{TODAY} 09:00 +0800", tick=False):
        yield


@pytest.fixture
def world(tree):
    world = build_ledger_world(tree)
    world.item.deadline, world.item.status = date(2026, 11, 10), ItemStatus.IN_PROGRESS
    world.item.created_at = OCTOBER
    world.item.save()
    return world


def monthly(world, **kw):
    return rules.generate_report(ReportKind.MONTHLY, ReportScope.ALL, *NOV,
                                 actor=world.supervisor, **kw)


def figure(report, source, name, unit=None):
    """A figure's value; 0 when the report has no cell for it (zeros link nowhere)."""
    return next((f["value"] for f in report.content["figures"].values()
                 if (f["trace"]["source"], f["trace"]["figure"], f["trace"]["unit"])
                 == (source, name, unit)), 0)


def test_generating_twice_refreshes_the_one_draft(world):
    first = monthly(world)
    ItemFactory(ledger=world.ledger, leader=world.leader_person, lead_unit=world.tree.east,
                deadline=date(2026, 11, 20), status=ItemStatus.IN_PROGRESS, created_at=OCTOBER)
    again = monthly(world)
    assert again.pk == first.pk and Report.objects.count() == 1
    assert figure(again, "ledger", "overdue") == 2
    assert [e.action for e in timeline(again)] == ["generated", "refreshed"]


def test_a_period_not_begun_is_refused(world):
    with pytest.raises(ReportError, match="尚未开始"):
        rules.generate_report(ReportKind.MONTHLY, ReportScope.ALL, date(2027, 1, 1),
                              date(2027, 1, 31), actor=world.supervisor)


def test_the_title_names_the_period_and_topic(world):
    assert monthly(world).title == "关于2026年11月重点工作考核结果的通报"
    weekly = rules.generate_report(ReportKind.WEEKLY, ReportScope.PETITIONS, date(2026, 11, 30),
                                   date(2026, 12, 6), actor=world.supervisor)
    assert weekly.title == "关于2026年第49周（11月30日至12月6日）信访工作推进情况的通报"


def test_a_published_report_is_frozen_while_records_change(world):
    report = rules.publish_report(monthly(world), actor=world.supervisor)
    frozen = dict(report.content)
    world.item.status, world.item.closed_on = ItemStatus.CLOSED, date(2026, 11, 5)
    world.item.save()
    report.refresh_from_db()
    assert report.content == frozen and figure(report, "ledger", "overdue") == 1
    for act in (lambda: rules.refresh_report(report, actor=world.supervisor),
                lambda: rules.edit_narrative(report, {"summary": "改"}, actor=world.supervisor),
                lambda: rules.publish_report(report, actor=world.supervisor)):
        with pytest.raises(Conflict, match="已由.*发布"):
            act()
    with pytest.raises(Conflict, match="已于2026年12月7日发布（示督考〔2026〕1号）"):
        monthly(world)


def test_numbers_run_per_kind_and_year(world):
    first = rules.publish_report(monthly(world), actor=world.supervisor)
    weekly = rules.generate_report(ReportKind.WEEKLY, ReportScope.ALL, date(2026, 11, 30),
                                   date(2026, 12, 6), actor=world.supervisor)
    weekly = rules.publish_report(weekly, actor=world.supervisor)
    october = rules.generate_report(ReportKind.MONTHLY, ReportScope.ALL, date(2026, 10, 1),
                                    date(2026, 10, 31), actor=world.supervisor)
    october = rules.publish_report(october, actor=world.supervisor)
    assert (first.number, weekly.number, october.number) == (
        "示督考〔2026〕1号", "示督通〔2026〕1号", "示督考〔2026〕2号")
    assert first.status == ReportStatus.PUBLISHED and first.published_by == world.supervisor


def test_a_correction_is_a_new_version_that_says_what_it_corrects(world):
    report = rules.edit_narrative(monthly(world), {"summary": "原文"}, actor=world.supervisor)
    report = rules.publish_report(report, actor=world.supervisor)
    world.item.status, world.item.closed_on = ItemStatus.CLOSED, date(2026, 11, 5)
    world.item.save()
    with pytest.raises(ReportError, match="写明"):
        rules.correct_report(report, actor=world.supervisor, note="  ")
    correction = rules.correct_report(report, actor=world.supervisor, note="西河乡逾期件数有误")
    assert (correction.version, correction.corrects, correction.status) == (
        2, report, ReportStatus.DRAFT)
    assert figure(correction, "ledger", "overdue") == 0
    assert correction.narrative == {"summary": "原文"}
    with pytest.raises(Conflict, match="更正版"):
        rules.correct_report(report, actor=world.supervisor, note="再改")
    correction = rules.publish_report(correction, actor=world.supervisor)
    assert correction.number == "示督考〔2026〕2号"
    from taizhang.reports.document import document

    assert document(correction)["corrects"] == (
        f"本通报对{report.number}《{report.title}》予以更正：西河乡逾期件数有误")


def test_paragraphs_are_rewritten_and_unknown_ones_refused(world):
    report = monthly(world)
    report = rules.edit_narrative(report, {"summary": "本月总体平稳。", "next_steps": ""},
                                  actor=world.supervisor)
    from taizhang.reports.document import document

    texts = [b["text"] for b in document(report)["blocks"] if b["type"] == "paragraph"]
    assert "本月总体平稳。" in texts
    assert not any("下月 5 日前" in text for text in texts)  # emptied: not printed
    with pytest.raises(ReportError, match="没有可修改的段落"):
        rules.edit_narrative(report, {"nonsense": "x"}, actor=world.supervisor)
    assert [e.data for e in timeline(report) if e.action == "edited"] == [
        {"paragraphs": ["next_steps", "summary"]}]


def test_only_the_office_manages_and_drafts_stay_with_it(world):
    report = monthly(world)
    officer = make_user(world.tree.district, Role.PETITION_OFFICER, username="xinfang")
    assert rules.may_manage(world.supervisor) and not rules.may_manage(world.west_staff)
    assert rules.may_manage(officer, ReportScope.PETITIONS)
    assert not rules.may_manage(officer, ReportScope.ALL)
    assert not rules.may_read(world.west_staff, report)
    assert list(rules.readable_reports(world.west_staff)) == []
    rules.publish_report(report, actor=world.supervisor)
    report.refresh_from_db()
    assert rules.may_read(world.west_staff, report)
    assert list(rules.readable_reports(world.west_staff)) == [report]


def test_a_month_without_a_scheme_cannot_be_assessed(world):
    from taizhang.reports.models import Scheme

    Scheme.objects.update(is_active=False)
    with pytest.raises(ReportError, match="考核办法"):
        monthly(world)
    rules.generate_report(ReportKind.WEEKLY, ReportScope.ALL, TODAY - timedelta(days=7),
                          TODAY - timedelta(days=1), actor=world.supervisor)
