"""The dashboard in Debian's Chromium: the vendored ECharts draws both charts from the page's
data under the CSP (console errors fail the test), and a count opens its applications."""

import pytest
import time_machine
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import expect, sync_playwright

from taizhang.hall.tests.season import TODAY, a_season
from taizhang.hall.tests.test_browser_citizen import CHROMIUM_ARGS


@pytest.mark.browser
def test_the_charts_draw_and_a_count_opens_its_records(live_server, transactional_db,
                                                       monkeypatch, hall):
    # Playwright's sync API runs an event loop in this thread, where the test also uses the ORM.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with time_machine.travel(f"{TODAY} 10:00 +0800", tick=False):
        season = a_season(hall)
    signed_in = Client()
    signed_in.force_login(hall["clerk"])
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

            page.goto(f"{live_server.url}/hall/figures/?period=custom&start=2026-09-01"
                      "&end=2026-10-31&by=centre&bucket=month")
            expect(page.get_by_role("heading", name="办件统计", level=1)).to_be_visible()
            for chart in page.locator(".chart").all():
                # ECharts' SVG renderer: a bar per figure and month, with the axis labels.
                expect(chart.locator("svg")).to_be_visible()
                expect(chart.locator("svg text").first).to_be_visible()
            trend = page.locator('.chart[data-kind="trend"] svg')
            expect(trend.get_by_text("2026年9月")).to_be_visible()

            page.get_by_role("table").last.get_by_role("row", name="2026年10月").get_by_role(
                "link", name="1").first.click()
            expect(page.get_by_role("heading", name="统计明细：不予受理和不予许可")).to_be_visible()
            expect(page.get_by_role("link", name=season["denied"].receipt_no)).to_be_visible()
        finally:
            browser.close()
    assert problems == []
