"""A citizen without an account, in Debian's Chromium: finds a matter by its pinyin initials,
reads the guide, applies online (a wrong file is refused with a clear error), notes the receipt
number, looks the application up (wrong digits reveal nothing) and, once it is completed,
rates it badly — which needs a comment and opens a rectification item.

Console errors fail the test, so a script or style blocked by the CSP is caught here.
"""

import re

import pytest
from playwright.sync_api import expect, sync_playwright

from taizhang.hall import applications as apps
from taizhang.hall.constants import Status, Step
from taizhang.hall.models import Application, Rating

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ID_NUMBER = "11010519491231002X"


def submit(page):
    page.get_by_role("button", name="提交申请").click()
    page.get_by_role("button", name="确认提交").click()  # the confirmation dialog


def look_up(page, receipt, digits):
    page.goto(page.url.split("/service/")[0] + "/service/lookup/")
    page.get_by_label("受理编号").fill(receipt)
    page.get_by_label("手机号码后四位").fill(digits)
    page.get_by_role("button", name="查询").click()


@pytest.mark.browser
def test_find_apply_look_up_and_rate(live_server, transactional_db, monkeypatch, tmp_path,
                                     settings, hall):
    # Playwright's sync API runs an event loop in this thread, where the test also uses the ORM.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TAIZHANG_UPLOAD_MAX_BYTES = 1024 * 1024
    scan = tmp_path / "身份证.jpg"
    scan.write_bytes(b"\xff\xd8\xff" + b"\x00" * 2048)

    problems = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(locale="zh-CN", viewport={"width": 412, "height": 900})
            page = context.new_page()
            page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
            page.on("pageerror", lambda exc: problems.append(str(exc)))
            page.on("requestfailed", lambda req: req.failure != "net::ERR_ABORTED"
                    and problems.append(f"failed: {req.url} {req.failure}"))

            # The catalogue, searched as citizens type on a phone: pinyin initials.
            page.goto(f"{live_server.url}/service/")
            page.get_by_role("searchbox").fill("gljt")
            page.get_by_role("searchbox").press("Enter")
            page.get_by_role("link", name="高龄津贴申领").click()
            expect(page.get_by_role("heading", name="高龄津贴申领", level=1)).to_be_visible()
            expect(page.get_by_text("《河阳示范区高龄津贴发放办法》第五条")).to_be_visible()
            page.get_by_role("link", name="网上申请").first.click()

            # The form: a file of the wrong type, then one too large, each refused clearly.
            page.get_by_label("代办：由窗口工作人员代您办理").check()
            page.get_by_label("申请人姓名").fill("王秀英")
            page.get_by_label("身份证号码").fill(ID_NUMBER)
            page.get_by_label("手机号码").fill("13912345678")
            material = page.get_by_label("居民身份证")
            material.set_input_files({"name": "身份证.exe", "mimeType": "image/jpeg",
                                      "buffer": b"MZ\x90\x00"})
            submit(page)
            expect(page.get_by_text("申请尚未提交")).to_be_visible()
            expect(page.get_by_text("“身份证.exe”的文件类型不支持")).to_be_visible()
            expect(page.get_by_text("请重新选择要上传的文件")).to_be_visible()
            assert page.get_by_label("申请人姓名").input_value() == "王秀英"
            page.get_by_label("居民身份证").set_input_files({
                "name": "身份证照片.jpg", "mimeType": "image/jpeg",
                "buffer": b"\xff" * (1024 * 1024 + 1)})
            submit(page)
            expect(page.get_by_text("“身份证照片.jpg”超过 1 MB，请压缩后再上传。")).to_be_visible()
            assert not Application.objects.exists()

            page.get_by_label("居民身份证").set_input_files(scan)
            submit(page)
            expect(page.get_by_role("heading", name="申请已提交")).to_be_visible()
            receipt = page.locator("#receipt-no").inner_text().strip()
            assert re.fullmatch(r"[0-9]{16}", receipt)
            expect(page.get_by_text("1 个文件")).to_be_visible()
            page.screenshot(path=tmp_path / "done.png", full_page=True)

            # Wrong digits reveal nothing; the right ones show the application, masked.
            look_up(page, receipt, "0000")
            expect(page.get_by_text("没有查到相符的办件")).to_be_visible()
            expect(page.get_by_text("高龄津贴申领")).to_have_count(0)
            look_up(page, receipt, "5678")
            expect(page.get_by_text("等待服务中心窗口审核受理")).to_be_visible()
            expect(page.get_by_text("王**")).to_be_visible()
            expect(page.get_by_text("王秀英")).to_have_count(0)

            # The window accepts the application and completes it.
            application = Application.objects.get(receipt_no=receipt)
            apps.take_step(application, Step.ACCEPT, actor=hall["clerk"], staff=hall["helper"])
            application = apps.take_step(Application.objects.get(pk=application.pk),
                                         Step.COMPLETE, actor=hall["clerk"])
            assert application.status == Status.COMPLETED

            # A bad rating needs a comment, and then opens a rectification item.
            look_up(page, receipt, "5678")
            expect(page.get_by_text("已办结。欢迎对这次办理作出评价。")).to_be_visible()
            page.get_by_label("非常不满意").check()
            page.get_by_role("button", name="提交评价").click()
            expect(page.get_by_text("请简要说明不满意的原因，我们将据此整改。")).to_be_visible()
            assert not Rating.objects.exists()
            page.get_by_label("非常不满意").check()
            page.get_by_label("意见和建议").fill("网上提交后等了很久才受理")
            page.get_by_role("button", name="提交评价").click()
            expect(page.get_by_role("heading", name="感谢您的评价")).to_be_visible()
            expect(page.get_by_text("登记整改事项")).to_be_visible()
            page.screenshot(path=tmp_path / "thanks.png", full_page=True)
        finally:
            browser.close()

    # The refusals answer 400 or 404 on purpose (Chromium logs each); nothing else went wrong.
    expected = "Failed to load resource: the server responded with a status of "
    assert [problem.removeprefix(expected) for problem in problems] == [
        "400 (Bad Request)", "400 (Bad Request)", "404 (Not Found)", "400 (Bad Request)"]
    rating = Rating.objects.get()
    assert rating.grade == 1 and "等了很久" in rating.rectification.goal
