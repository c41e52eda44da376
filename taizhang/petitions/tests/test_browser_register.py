"""The reception desk in Debian's Chromium, by keyboard: Enter walks from field to field without
saving, a wrong ID checksum is flagged as it is typed, leaving the ID number brings up the
duplicate warning before anything is saved, Alt+A adds a petitioner, Alt+S saves. Console
errors fail the test, so a script blocked by the CSP is caught here."""

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect, sync_playwright

from taizhang.hall.tests.test_browser_citizen import CHROMIUM_ARGS
from taizhang.petitions.models import Petition
from taizhang.petitions.tests.factories import ID_WANG, ID_ZHANG, build_petition_world, register

WRONG_CHECKSUM = ID_ZHANG[:-1] + "8"


@pytest.mark.browser
def test_a_clerk_registers_by_keyboard(live_server, transactional_db, monkeypatch, tree):
    # Playwright's sync API runs an event loop in this thread, where the test also uses the ORM.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    world = build_petition_world(tree)
    earlier = register(world)  # 张三 came about unpaid wages in 西河村 before
    signed_in = Client()
    signed_in.force_login(world.officer)
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

            page.goto(f"{live_server.url}{reverse('petitions:register')}")
            expect(page.get_by_role("heading", name="登记信访件", level=1)).to_be_visible()
            expect(page.get_by_label("信访渠道")).to_be_focused()  # autofocus
            expect(page.locator("#shortcuts")).to_contain_text("Alt+S 保存")
            # Only the first petitioner row shows; the others wait behind "添加信访人".
            expect(page.locator("#id_p-1-name")).to_be_hidden()

            page.keyboard.press("Tab")  # to the date received (today already)
            expect(page.get_by_label("收到日期")).to_be_focused()
            page.keyboard.press("Enter")  # Enter moves on, it does not save
            name = page.locator("#id_p-0-name")
            expect(name).to_be_focused()
            page.keyboard.type("张三")
            page.keyboard.press("Enter")
            id_number = page.locator("#id_p-0-id_number")
            expect(id_number).to_be_focused()
            assert "/new/" in page.url

            page.keyboard.type(WRONG_CHECKSUM)
            message = page.locator("#id_p-0-id_number-check")
            expect(message).to_contain_text("校验码不符")
            expect(message).to_contain_text("应为 7")
            expect(id_number).to_have_attribute("aria-invalid", "true")
            page.keyboard.press("Backspace")
            page.keyboard.type("7")
            expect(message).to_contain_text("号码格式正确")

            page.keyboard.press("Enter")  # leaving the ID number asks about earlier petitions
            expect(page.locator("#id_p-0-phone")).to_be_focused()
            warning = page.locator("[data-duplicates]")
            expect(warning).to_contain_text("同一信访人此前已有 1 件信访记录")
            expect(warning).to_contain_text(earlier.registration_no)
            expect(warning).to_contain_text("第 1 名信访人的身份证号码")
            page.keyboard.type("13800001111")
            page.keyboard.press("Enter")
            page.keyboard.type("西河村三组")

            page.keyboard.press("Alt+a")  # another petitioner, from the keyboard
            expect(page.locator("#id_p-1-name")).to_be_focused()
            page.keyboard.type("王五")
            page.keyboard.press("Enter")
            page.keyboard.type(ID_WANG)
            expect(page.locator("#id_p-1-id_number-check")).to_contain_text("号码格式正确")
            page.keyboard.press("Enter")
            page.keyboard.press("Enter")
            page.keyboard.press("Enter")
            expect(page.get_by_label("信访人数")).to_be_focused()
            page.keyboard.type("2")

            # The matter: the two lists are chosen as a screen reader's user would.
            page.get_by_label("事项类别").select_option(label=world.category.name)
            page.get_by_label("问题属地").select_option(label="西河乡 › 西河村")
            page.get_by_label("信访内容").focus()
            page.keyboard.type("反映某工地拖欠工资，要求结清")
            # With the matter known, the warning says the new one will be a repeat.
            expect(warning).to_contain_text(f"本件将被认定为 {earlier.registration_no}")

            page.keyboard.press("Alt+s")  # not yet acknowledged: the server asks first
            expect(page.locator("[data-duplicates] [name=confirmed]")).to_be_focused()
            assert Petition.objects.count() == 1
            expect(page.locator("#id_p-1-name")).to_have_value("王五")
            page.keyboard.press("Space")  # 已核对，仍登记
            page.keyboard.press("Alt+s")
            page.wait_for_url(lambda url: "/new/" not in url)
            new = Petition.objects.exclude(pk=earlier.pk).get()
            assert page.url == f"{live_server.url}{reverse('petitions:detail', args=[new.pk])}"
        finally:
            browser.close()
    assert new.repeat_of == earlier and new.head_count == 2
    assert [p.name for p in new.petitioners.all()] == ["张三", "王五"]
    assert new.category == world.category
    assert problems == []
