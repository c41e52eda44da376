"""One walk through the shell in Debian's Chromium: login, workbench, the unit tree, a phone.

Console errors fail the test, so a script or style blocked by the CSP is caught here.
"""

import re

import pytest
from playwright.sync_api import expect, sync_playwright

from taizhang.org.tests.factories import PersonFactory, build_small_district

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.mark.browser
def test_login_workbench_and_tree(live_server, transactional_db, monkeypatch, tmp_path):
    # Playwright's sync API runs an event loop in this thread, where the test also uses the ORM.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    tree = build_small_district()
    PersonFactory(unit=tree.west_village, name="李西河", phone="13933334444", title="村支书")

    problems = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
            page.on("pageerror", lambda exc: problems.append(str(exc)))
            # A request abandoned because the page moved on (the favicon, say) is no fault.
            page.on("requestfailed", lambda req: req.failure != "net::ERR_ABORTED"
                    and problems.append(f"failed: {req.url} {req.failure}"))

            page.goto(f"{live_server.url}/")
            expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/$"))
            page.get_by_label("用户名").fill("duchashi")
            page.get_by_label("密码").fill("Demo-pass-2026")
            page.get_by_role("button", name="登录").click()

            expect(page.get_by_role("heading", name="工作台", exact=True)).to_be_visible()
            expect(page.get_by_text("全区所有单位")).to_be_visible()
            page.screenshot(path=tmp_path / "workbench.png", full_page=True)

            nav = page.get_by_role("navigation", name="主导航")
            nav.get_by_role("link", name="组织机构").click()
            township = page.locator(".tree__row", has=page.get_by_role("link", name="西河乡"))
            toggle = township.get_by_role("button")
            expect(page.get_by_role("link", name="西河村", exact=True)).to_have_count(0)
            toggle.click()  # loads the children through htmx
            expect(page.get_by_role("link", name="西河村", exact=True)).to_be_visible()
            expect(toggle).to_have_attribute("aria-expanded", "true")
            page.screenshot(path=tmp_path / "tree.png", full_page=True)
            toggle.click()  # folds without asking the server again
            expect(page.get_by_role("link", name="西河村", exact=True)).to_be_hidden()
            toggle.click()

            page.get_by_role("link", name="西河村", exact=True).click()
            expect(page.get_by_text("139****4444")).to_be_visible()
            page.get_by_role("button", name="显示李西河的完整手机号码").click()
            expect(page.get_by_text("13933334444")).to_be_visible()
            page.screenshot(path=tmp_path / "unit.png", full_page=True)
        finally:
            browser.close()

    assert problems == []
    assert (tmp_path / "tree.png").stat().st_size > 0
