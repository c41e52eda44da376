"""A quarter's review and the dashboard in Debian's Chromium: the vendored ECharts draws every
chart from the page's data under the CSP (console errors fail the test), and a figure of the
report opens the records it counts."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import expect, sync_playwright

from taizhang.hall.tests.test_browser_citizen import CHROMIUM_ARGS
from taizhang.ledger.constants import ItemStatus
from taizhang.ledger.tests.factories import ItemFactory, build_ledger_world
from taizhang.reports import rules
from taizhang.reports.constants import ReportKind, ReportScope

TODAY = date(2026, 10, 9)


def opened(month, day):
    return datetime(2026, month, day, 9, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.mark.browser
def test_the_charts_draw_and_a_figure_opens_its_records(live_server, transactional_db,
                                                        monkeypatch, tree):
    # Playwright's sync API runs an event loop in this thread, where the test also uses the ORM.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    world = build_ledger_world(tree)
    items = [ItemFactory(ledger=world.ledger, leader=world.leader_person, lead_unit=unit,
                         title=title, created_at=opened(month, 3), deadline=date(2026, 9, 1),
                         status=status, closed_on=closed)
             for unit, title, month, status, closed in (
                 (tree.west, "西河乡饮水工程", 7, ItemStatus.CLOSED, date(2026, 8, 20)),
                 (tree.east, "东城街道停车场", 8, ItemStatus.IN_PROGRESS, None),
                 (tree.west_village, "西河村道路硬化", 9, ItemStatus.IN_PROGRESS, None))]
    with time_machine.travel(f"{TODAY} 10:00 +0800", tick=False):
        report = rules.generate_report(ReportKind.QUARTERLY, ReportScope.ALL, date(2026, 7, 1),
                                       date(2026, 9, 30), actor=world.supervisor)
    signed_in = Client()
    signed_in.force_login(world.supervisor)
    session = signed_in.cookies[django_settings.SESSION_COOKIE_NAME].value

    problems = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
            context.add_cookies([{"name": django_settings.SESSION_COOKIE_NAME, "value": session,
                                  "url": live_server.url}])
            page = context.new_page()
            page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
            page.on("pageerror", lambda exc: problems.append(str(exc)))

            page.goto(f"{live_server.url}/reports/{report.pk}/")
            expect(page.get_by_role("heading", name=report.title, level=1)).to_be_visible()
            charts = page.locator(".report .chart")
            expect(charts).to_have_count(3)
            for chart in charts.all():
                expect(chart.locator("svg")).to_be_visible()
            expect(charts.first.locator("svg").get_by_text("7月")).to_be_visible()

            table = page.get_by_role("table", name="表2 各单位台账事项办理情况")
            table.get_by_role("row", name="西河乡").get_by_role("link", name="2").first.click()
            heading = page.get_by_role("heading", name="统计明细：西河乡新增事项（2）")
            expect(heading).to_be_visible()
            for item in (items[0], items[2]):
                expect(page.get_by_role("link", name=item.code)).to_be_visible()

            page.goto(f"{live_server.url}/reports/dashboard/")
            for chart in page.locator(".chart").all():
                expect(chart.locator("svg")).to_be_visible()
        finally:
            browser.close()
    assert problems == []
