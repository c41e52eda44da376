"""An item's whole life in Debian's Chromium: 督查室 assigns it, the township reports progress
and asks for close-out, and a second 督查室 officer verifies and closes it out.

Console errors fail the test, so a script or style blocked by the CSP is caught here.
"""

import re

import pytest
from playwright.sync_api import expect, sync_playwright

from taizhang.ledger.constants import ItemStatus
from taizhang.ledger.tests.factories import build_ledger_world
from taizhang.org.tests.factories import build_small_district

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PASSWORD = "Demo-pass-2026"


def log_in(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="工作台", exact=True)).to_be_visible()


def log_out(page):
    page.get_by_role("button", name="退出登录").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


@pytest.mark.browser
def test_assign_report_request_and_close_out(live_server, transactional_db, monkeypatch,
                                              tmp_path, settings):
    # Playwright's sync API runs an event loop in this thread, where the test also uses the ORM.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    settings.MEDIA_ROOT = tmp_path / "media"
    world = build_ledger_world(build_small_district())
    item = world.item
    base = live_server.url

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

            # 督查室 finds the item in the list and assigns it.
            log_in(page, base, "duchashi")
            page.get_by_role("navigation", name="主导航").get_by_role(
                "link", name="台账事项").click()
            expect(page.get_by_role("heading", name="台账事项")).to_be_visible()
            page.screenshot(path=tmp_path / "items.png", full_page=True)
            page.get_by_role("link", name=item.title).click()
            page.get_by_label("交办意见").fill("请于年底前完成并报送佐证材料")
            page.get_by_role("button", name="交办", exact=True).click()
            expect(page.get_by_text("已交办，完成时限为 2026年12月31日")).to_be_visible()
            log_out(page)

            # The township's handler finds it on the workbench, reports, asks for close-out.
            log_in(page, base, "west_staff")
            page.get_by_role("link", name=item.title).click()
            page.get_by_role("textbox", name="进展情况").fill("管网铺设已完成，入户水表全部安装")
            page.get_by_label("附件").set_input_files(files=[{
                "name": "现场照片.jpg", "mimeType": "image/jpeg", "buffer": b"\xff\xd8photo"}])
            page.get_by_role("button", name="报送进展", exact=True).click()
            expect(page.get_by_text("进展情况已报送。")).to_be_visible()
            expect(page.get_by_role("link", name="现场照片.jpg")).to_be_visible()
            page.get_by_label("完成情况说明").fill("已通过区水利局竣工验收")
            page.get_by_role("button", name="申请销号", exact=True).click()
            expect(page.get_by_text("已申请销号，请等待督查室审核。")).to_be_visible()
            page.screenshot(path=tmp_path / "requested.png", full_page=True)
            log_out(page)

            # The second officer sees it waiting, checks the evidence and closes it out.
            log_in(page, base, "duchashi2")
            page.screenshot(path=tmp_path / "workbench.png", full_page=True)
            page.get_by_role("region", name="待我审批").get_by_role(
                "link", name=item.title).click()
            expect(page.get_by_text("已通过区水利局竣工验收").first).to_be_visible()
            page.screenshot(path=tmp_path / "review.png", full_page=True)
            page.get_by_label("审核意见").fill("材料齐全，同意销号")
            page.get_by_role("button", name="销号", exact=True).click()
            expect(page.get_by_text("销号后事项即为“已销号”，不能撤销")).to_be_visible()
            page.screenshot(path=tmp_path / "confirm.png", full_page=True)
            page.get_by_role("button", name="确认销号").click()
            expect(page.get_by_text("已销号。")).to_be_visible()
            page.screenshot(path=tmp_path / "closed.png", full_page=True)
        finally:
            browser.close()

    assert problems == []
    item.refresh_from_db()
    assert (item.status, item.closed_by, item.close_requested_by) == (
        ItemStatus.CLOSED, world.supervisor2, world.west_staff)


@pytest.mark.browser
def test_new_item_shows_the_working_day_deadline(live_server, transactional_db, monkeypatch,
                                                 tmp_path):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    world = build_ledger_world(build_small_district())
    problems = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(locale="zh-CN").new_page()
            page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
            page.on("pageerror", lambda exc: problems.append(str(exc)))
            log_in(page, live_server.url, "duchashi")
            page.goto(f"{live_server.url}/ledger/items/new/?ledger={world.ledger.pk}")
            page.get_by_label("事项名称").fill("东关社区加装电梯")
            page.get_by_label("责任领导").select_option(label="李区长（示范区 · 县级领导）")
            page.get_by_label("责任单位").select_option(label="东城街道")
            page.get_by_label("或：交办后工作日数").fill("15")  # htmx asks for the date
            expect(page.get_by_text("若今日交办，15 个工作日后的完成时限为")).to_be_visible()
            page.get_by_label("节点1内容").fill("完成设计")
            page.get_by_label("节点1时限").fill("2026-12-15")
            page.get_by_role("button", name="新建事项").click()
            expect(page.get_by_text("状态为待交办")).to_be_visible()
            expect(page.get_by_text("交办后 15 个工作日").first).to_be_visible()
            page.screenshot(path=tmp_path / "new-item.png", full_page=True)
        finally:
            browser.close()
    assert problems == []
