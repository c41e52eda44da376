"""The window staff's pages: the list, counter intake, and the steps on one application."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse

from taizhang.hall import applications as apps
from taizhang.hall.catalogue import publish_matter
from taizhang.hall.constants import Category, MaterialForm, Mode, Status, Step
from taizhang.hall.models import Application, Centre, Window
from taizhang.org.constants import Role
from taizhang.org.tests.factories import make_user

pytestmark = pytest.mark.django_db

ID_NUMBER = "11010519491231002X"
PHONE = "13912345678"
MONDAY = datetime(2026, 9, 21, 9, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def _monday():
    with time_machine.travel(MONDAY, tick=False):
        yield


@pytest.fixture
def hall(tree):
    east = Centre.objects.create(unit=tree.east, name="东城街道便民服务中心",
                                 address="东城街道政府一楼", opening_hours="周一至周五")
    west = Centre.objects.create(unit=tree.west, name="西河乡便民服务中心",
                                 address="西河乡政府一楼", opening_hours="周一至周五")
    helper = make_user(tree.east, Role.CLERK, username="east_helper", name="李帮办").person
    Window.objects.create(centre=east, number=1, name="综合受理窗口").staff.add(helper)
    common = {
        "department": tree.east, "category": Category.PAYMENT,
        "legal_basis": "《河阳示范区高龄津贴发放办法》第五条",
        "materials": [{"name": "居民身份证", "form": MaterialForm.ORIGINAL, "copies": 1,
                       "note": ""}],
        "steps": ["窗口受理", "审核", "办结"], "fee": "不收费", "max_trips": 1,
    }
    allowance = publish_matter("HY-SW-001", centres=[east], name="高龄津贴申领", time_limit=5,
                               modes=[Mode.PROXY, Mode.ACCOMPANY, Mode.DOORSTEP], online=True,
                               **common)
    certificate = publish_matter("HY-SW-002", centres=[east], name="居住证明开具",
                                 time_limit=0, modes=[Mode.INSTANT], online=False, **common)
    return {"east": east, "west": west, "helper": helper, "allowance": allowance,
            "certificate": certificate,
            "worker": make_user(tree.east, Role.UNIT_STAFF, username="east_worker",
                                name="赵承办")}


def applicant(**changes):
    return {"name": "王秀英", "id_number": ID_NUMBER, "phone": PHONE, **changes}


def accepted(tree, hall, **changes):
    return apps.accept_at_counter(hall["allowance"], actor=tree.east_clerk, centre=hall["east"],
                                  mode=Mode.PROXY, applicant=applicant(**changes),
                                  staff=hall["helper"])


def online(hall):
    return apps.submit_online(hall["allowance"], mode=Mode.DOORSTEP, centre=hall["east"],
                              applicant=applicant(address="东关社区3号楼",
                                                  appointment_at=MONDAY))


def intake(hall, **changes):
    return {"centre": hall["east"].pk, "matter": hall["allowance"].matter_id,
            "mode": Mode.PROXY, "applicant_name": "王秀英", "id_number": ID_NUMBER,
            "phone": PHONE, "staff": hall["helper"].pk, "address": "", "appointment_at": "",
            **changes}


def said(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


# The list and who sees what


def test_pages_need_login(client, hall):
    for name in ("hall:applications", "hall:accept"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith("/accounts/")


def test_a_west_clerk_cannot_see_an_east_application(tree, hall, client):
    application = accepted(tree, hall)
    client.force_login(tree.west_clerk)
    assert client.get(reverse("hall:application", args=[application.pk])).status_code == 404
    html = client.get(reverse("hall:applications")).content.decode()
    assert application.receipt_no not in html and "还没有办件" in html
    response = client.post(reverse("hall:step", args=[application.pk, Step.COMPLETE]),
                           {f"{Step.COMPLETE}-expected_status": Status.ACCEPTED})
    assert response.status_code == 404

    for user in (tree.east_clerk, tree.supervisor):
        client.force_login(user)
        assert application.receipt_no in client.get(reverse("hall:applications")).content.decode()
        assert client.get(reverse("hall:application", args=[application.pk])).status_code == 200


def test_the_list_filters_and_marks_overdue_applications(tree, hall, client):
    late = accepted(tree, hall)
    Application.objects.filter(pk=late.pk).update(deadline=MONDAY.date().replace(day=18))
    fresh = online(hall)
    client.force_login(tree.east_clerk)
    response = client.get(reverse("hall:applications"))
    rows = list(response.context["page"].object_list)
    assert rows == [fresh, late]  # newest first
    html = response.content.decode()
    assert html.count("逾期</span>") == 1 and "受理后计算" in html

    def receipts(**params):
        page = client.get(reverse("hall:applications"), params).context["page"]
        return [a.receipt_no for a in page.object_list]

    assert receipts(status=Status.SUBMITTED) == [fresh.receipt_no]
    assert receipts(receipt_no=late.receipt_no) == [late.receipt_no]
    assert receipts(matter="高龄") == [fresh.receipt_no, late.receipt_no]
    assert receipts(matter="HY-SW-002") == []
    assert receipts(centre=hall["east"].pk, status=Status.ACCEPTED) == [late.receipt_no]
    assert "没有符合筛选条件的办件" in client.get(
        reverse("hall:applications"), {"matter": "不存在"}).content.decode()


def test_the_list_is_paginated(tree, hall, client):
    for _ in range(31):
        online(hall)
    client.force_login(tree.east_clerk)
    response = client.get(reverse("hall:applications"), {"status": Status.SUBMITTED})
    assert len(response.context["page"].object_list) == 30
    assert "status=submitted&amp;page=2" in response.content.decode()
    response = client.get(reverse("hall:applications"), {"status": Status.SUBMITTED, "page": 2})
    assert len(response.context["page"].object_list) == 1


def test_personal_data_is_masked_on_every_page(tree, hall, client):
    application = accepted(tree, hall)
    client.force_login(tree.east_clerk)
    for url in (reverse("hall:applications"), reverse("hall:application", args=[application.pk])):
        html = client.get(url).content.decode()
        assert "王秀英" in html
        assert ID_NUMBER not in html and PHONE not in html
    html = client.get(reverse("hall:application", args=[application.pk])).content.decode()
    assert application.id_number_masked in html and application.phone_masked in html


# Counter intake


def test_intake_offers_the_clerks_centres_and_their_matters(tree, hall, client):
    client.force_login(tree.east_clerk)
    form = client.get(reverse("hall:accept")).context["form"]
    assert list(form.fields["centre"].queryset) == [hall["east"]]
    assert form["centre"].value() == hall["east"].pk  # the only centre, chosen already
    assert {m.code for m in form.fields["matter"].queryset} == {"HY-SW-001", "HY-SW-002"}
    assert list(form.fields["staff"].queryset) == [hall["helper"]]
    html = client.get(reverse("hall:accept")).content.decode()
    assert f'<option value="{hall["east"].pk}" selected>东城街道便民服务中心</option>' in html
    form = client.get(reverse("hall:accept"),
                      {"matter": hall["certificate"].matter_id}).context["form"]
    assert form.fields["mode"].choices == [(Mode.INSTANT, "即办")]

    client.force_login(tree.west_clerk)
    form = client.get(reverse("hall:accept")).context["form"]
    assert list(form.fields["matter"].queryset) == []  # 西河乡 offers none of these


def test_intake_accepts_and_says_receipt_and_deadline(tree, hall, client):
    client.force_login(tree.east_clerk)
    response = client.post(reverse("hall:accept"), intake(hall))
    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("hall:application", args=[application.pk])
    assert (application.status, application.staff) == (Status.ACCEPTED, hall["helper"])
    assert said(response) == [f"已受理，受理编号 {application.receipt_no}，"
                              "承诺办结日期为 2026年09月29日。"]
    html = client.get(response["Location"]).content.decode()
    assert "2026年9月29日" in html and "第 1 版" in html and "窗口受理" in html


def test_an_instant_matter_is_completed_at_once(tree, hall, client):
    client.force_login(tree.east_clerk)
    response = client.post(reverse("hall:accept"), intake(
        hall, matter=hall["certificate"].matter_id, mode=Mode.INSTANT, staff=""))
    application = Application.objects.get()
    assert application.status == Status.COMPLETED
    assert said(response) == [f"已受理并当场办结，受理编号 {application.receipt_no}。"]


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"id_number": "110105194912310021"}, "id_number", "校验"),
    ({"staff": ""}, "staff", "代办须登记办理的工作人员。"),
    ({"mode": Mode.DOORSTEP, "staff": ""}, "address", "上门办理须登记上门地址和预约时间。"),
    ({"mode": Mode.INSTANT}, "mode", "所选事项没有这种办理方式"),
    ({"applicant_name": ""}, "applicant_name", "必填"),
])
def test_intake_errors_stand_next_to_their_field(tree, hall, client, changes, field, message):
    client.force_login(tree.east_clerk)
    response = client.post(reverse("hall:accept"), intake(hall, **changes))
    assert response.status_code == 400
    errors = response.context["form"].errors[field]
    assert any(message in error for error in errors), errors
    assert 'class="field__error"' in response.content.decode()
    assert not Application.objects.exists()


def test_a_west_clerk_cannot_accept_at_the_east_centre(tree, hall, client):
    client.force_login(tree.west_clerk)
    response = client.post(reverse("hall:accept"), intake(hall))
    assert response.status_code == 400 and "centre" in response.context["form"].errors
    assert not Application.objects.exists()


def test_a_doorstep_intake_records_address_and_appointment(tree, hall, client):
    client.force_login(tree.east_clerk)
    client.post(reverse("hall:accept"), intake(
        hall, mode=Mode.DOORSTEP, staff="", address="东关社区3号楼",
        appointment_at="2026-09-24T09:00"))
    application = Application.objects.get()
    assert application.address == "东关社区3号楼" and application.appointment_at is not None


# Steps on one application


def step(client, application, name, status, **fields):
    data = {f"{name}-expected_status": status, **{f"{name}-{k}": v for k, v in fields.items()}}
    return client.post(reverse("hall:step", args=[application.pk, name]), data)


def offered(client, application):
    response = client.get(reverse("hall:application", args=[application.pk]))
    return [form.step for form in response.context["forms"]]


def test_an_online_application_is_accepted_or_refused(tree, hall, client):
    client.force_login(tree.east_clerk)
    application = online(hall)
    assert offered(client, application) == [Step.ACCEPT, Step.REFUSE, Step.WITHDRAW]
    response = step(client, application, Step.ACCEPT, Status.SUBMITTED)
    application.refresh_from_db()
    assert application.status == Status.ACCEPTED and application.accepted_on == MONDAY.date()
    assert said(response) == ["已受理，承诺办结日期为 2026年09月29日。"]

    other = online(hall)
    response = step(client, other, Step.REFUSE, Status.SUBMITTED, reason="  ")
    assert response.status_code == 400
    assert "请写明不予受理的理由" in response.content.decode()
    step(client, other, Step.REFUSE, Status.SUBMITTED, reason="不属于本中心受理范围")
    other.refresh_from_db()
    assert (other.status, other.reason) == (Status.NOT_ACCEPTED, "不属于本中心受理范围")
    assert offered(client, other) == []


def test_assign_supplement_and_complete(tree, hall, client):
    client.force_login(tree.east_clerk)
    application = accepted(tree, hall)
    assert offered(client, application) == [
        Step.ASSIGN, Step.REQUEST_SUPPLEMENT, Step.COMPLETE, Step.DENY, Step.WITHDRAW]
    form = client.get(reverse("hall:application", args=[application.pk])).context["forms"][0]
    assert hall["worker"] in form.fields["handler"].queryset
    assert step(client, application, Step.ASSIGN, Status.ACCEPTED).status_code == 400
    step(client, application, Step.ASSIGN, Status.ACCEPTED, handler=hall["worker"].pk)
    application.refresh_from_db()
    assert (application.status, application.handler) == (Status.IN_PROGRESS, hall["worker"])

    client.force_login(hall["worker"])  # the department's handler takes it from here
    step(client, application, Step.REQUEST_SUPPLEMENT, Status.IN_PROGRESS, reason="缺户口簿")
    application.refresh_from_db()
    assert application.status == Status.SUPPLEMENT
    assert offered(client, application) == [Step.SUPPLEMENTED, Step.WITHDRAW]
    step(client, application, Step.SUPPLEMENTED, Status.SUPPLEMENT)
    step(client, application, Step.COMPLETE, Status.IN_PROGRESS)
    application.refresh_from_db()
    assert application.status == Status.COMPLETED
    html = client.get(reverse("hall:application", args=[application.pk])).content.decode()
    for label in ("转办", "一次性告知补正", "补正材料已收", "办结", "缺户口簿"):
        assert label in html


@pytest.mark.parametrize(("name", "reason", "final"), [
    (Step.DENY, "不符合发放条件", Status.DENIED),
    (Step.WITHDRAW, "申请人书面申请撤回", Status.WITHDRAWN),
])
def test_deny_and_withdraw_need_a_reason(tree, hall, client, name, reason, final):
    client.force_login(tree.east_clerk)
    application = accepted(tree, hall)
    assert step(client, application, name, Status.ACCEPTED).status_code == 400
    step(client, application, name, Status.ACCEPTED, reason=reason)
    application.refresh_from_db()
    assert (application.status, application.reason) == (final, reason)


def test_a_stale_page_is_refused_as_a_conflict(tree, hall, client):
    client.force_login(tree.east_clerk)
    application = accepted(tree, hall)
    step(client, application, Step.COMPLETE, Status.ACCEPTED)
    response = step(client, application, Step.WITHDRAW, Status.ACCEPTED, reason="重复提交")
    assert response.status_code == 302
    assert said(response)[-1] == "该办件当前为“办结”，不能撤回。请刷新后查看。"
    application.refresh_from_db()
    assert application.status == Status.COMPLETED


def test_people_who_may_not_handle_it_see_no_steps(tree, hall, client):
    application = accepted(tree, hall)
    client.force_login(tree.supervisor)
    assert offered(client, application) == []
    response = step(client, application, Step.COMPLETE, Status.ACCEPTED)
    assert said(response) == ["您不是该办件的窗口或承办部门工作人员。"]
    application.refresh_from_db()
    assert application.status == Status.ACCEPTED


def test_the_deadline_note_when_the_calendar_is_unknown(tree, hall, client):
    application = accepted(tree, hall)
    Application.objects.filter(pk=application.pk).update(deadline_known=False)
    client.force_login(tree.east_clerk)
    html = client.get(reverse("hall:application", args=[application.pk])).content.decode()
    assert "尚未录入放假安排" in html


def test_accepting_an_online_proxy_application_names_the_staff_member(tree, hall, client):
    application = apps.submit_online(hall["allowance"], mode=Mode.PROXY, centre=hall["east"],
                                     applicant=applicant())
    client.force_login(tree.east_clerk)
    url = reverse("hall:step", args=[application.pk, Step.ACCEPT])
    base = {f"{Step.ACCEPT}-expected_status": Status.SUBMITTED}
    refused = client.post(url, base)
    assert refused.status_code == 400 and "代办须登记办理的工作人员" in refused.content.decode()
    response = client.post(url, {**base, f"{Step.ACCEPT}-staff": hall["helper"].pk})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.ACCEPTED and application.staff == hall["helper"]
