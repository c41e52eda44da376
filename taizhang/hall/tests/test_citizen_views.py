"""Online application by a citizen without an account: the form, its limits and errors, the
confirmation page with the receipt number, the hourly limit on submissions (429), and nothing
saved when anything is wrong."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from taizhang.hall import applications as apps
from taizhang.hall.catalogue import publish_matter
from taizhang.hall.constants import Category, Channel, MaterialForm, Mode, Status
from taizhang.hall.models import Application, ApplicationFile, Centre

pytestmark = pytest.mark.django_db

ID_NUMBER = "11010519491231002X"
PHONE = "13912345678"
MONDAY = datetime(2026, 9, 21, 9, 20, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def _monday(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with time_machine.travel(MONDAY, tick=False) as traveller:
        yield traveller


@pytest.fixture
def household(hall, tree):
    """An online matter with two materials, offered at two centres."""
    west = Centre.objects.create(unit=tree.west, name="西河乡便民服务中心",
                                 address="西河乡政府院内", opening_hours="周一至周五")
    version = publish_matter(
        "HY-GA-002", centres=[hall["centre"], west], name="户口迁入", department=tree.east,
        category=Category.LICENCE, legal_basis="《中华人民共和国户口登记条例》第十三条",
        materials=[{"name": "居民户口簿", "form": MaterialForm.ORIGINAL, "copies": 1, "note": ""},
                   {"name": "亲属关系证明", "form": MaterialForm.ORIGINAL_AND_COPY, "copies": 2,
                    "note": "投靠亲属的提供"}],
        steps=["窗口受理", "审核", "办结"], time_limit=5, fee="不收费",
        modes=[Mode.PROXY, Mode.DOORSTEP], online=True, max_trips=0)
    return {"version": version, "west": west}


def upload(name="户口簿.jpg", size=10, content=None):
    content = b"\xff" * size if content is None else content
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def filled(hall, **changes):
    return {"centre": hall["centre"].pk, "mode": Mode.PROXY, "applicant_name": "王秀英",
            "id_number": ID_NUMBER, "phone": PHONE, "address": "", "appointment_at": "",
            **changes}


def url(version):
    return reverse("public:apply", args=[version.matter.code])


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def nothing_saved(tmp_path):
    return (not Application.objects.exists() and not ApplicationFile.objects.exists()
            and not [path for path in tmp_path.rglob("*") if path.is_file()])


def test_the_form_offers_the_matters_centres_modes_and_one_input_per_material(client, household):
    response = client.get(url(household["version"]))
    assert response.status_code == 200
    page = text(response)
    assert 'enctype="multipart/form-data"' in page and "csrfmiddlewaretoken" in page
    assert "东城街道便民服务中心" in page and "西河乡便民服务中心" in page
    assert "代办：由窗口工作人员代您办理" in page and "上门办理：工作人员按预约时间上门" in page
    assert "陪办" not in page and "即办：" not in page
    assert 'name="material_0"' in page and 'name="material_1"' in page
    assert page.count('accept=".pdf,.jpg,.jpeg,.png,') == 2 and "multiple" in page
    assert "每个文件不超过 20 MB" in page and "合计最多 10 个文件" in page
    assert "原件及复印件 2 份；投靠亲属的提供" in page
    assert "5 个工作日" in page and "受理编号" in page
    # Only the CSRF cookie: no session for someone without an account.
    assert set(response.cookies) == {"csrftoken"}


def test_an_instant_matter_says_it_is_completed_when_the_window_accepts_it(client, hall, tree):
    version = publish_matter(
        "HY-GA-009", centres=[hall["centre"]], name="户籍证明开具", department=tree.east,
        category=Category.CONFIRMATION, legal_basis="《户口登记条例》", materials=[],
        steps=["窗口受理", "办结"], time_limit=0, fee="不收费", modes=[Mode.INSTANT], online=True,
        max_trips=0)
    page = text(client.get(url(version)))
    assert "窗口审核受理时当场办结" in page and "本事项无需提交申请材料" in page
    response = client.post(url(version), filled(hall, mode=Mode.INSTANT))
    done = text(client.get(response["Location"]))
    assert "本事项为即办事项，窗口审核受理时当场办结" in done


def test_a_matter_not_online_answers_404_pointing_to_the_counter(client, hall):
    response = client.get(url(hall["certificate"]))
    assert response.status_code == 404
    page = text(response)
    assert "“居住证明开具”不能网上申请" in page and "东城街道便民服务中心" in page
    assert "东城街道政府一楼" in page and "<form" not in page
    response = client.post(url(hall["certificate"]), filled(hall, mode=Mode.INSTANT))
    assert response.status_code == 404 and not Application.objects.exists()
    assert client.get(reverse("public:apply", args=["HY-XX-404"])).status_code == 404


def test_an_application_with_files_is_made_and_its_receipt_number_shown(client, hall,
                                                                        household):
    response = client.post(url(household["version"]), filled(
        hall, material_0=[upload("户口簿首页.jpg"), upload("户口簿本人页.jpg")],
        material_1=upload("亲属关系证明.pdf")))
    assert response.status_code == 302
    application = Application.objects.get()
    assert (application.channel, application.status, application.mode, application.centre) == (
        Channel.ONLINE, Status.SUBMITTED, Mode.PROXY, hall["centre"])
    assert application.phone == PHONE and application.id_number == ID_NUMBER
    assert sorted(application.files.values_list("material", "name")) == [
        ("亲属关系证明", "亲属关系证明.pdf"), ("居民户口簿", "户口簿本人页.jpg"),
        ("居民户口簿", "户口簿首页.jpg")]

    done = client.get(response["Location"])
    assert done.status_code == 200 and "no-store" in done["Cache-Control"]
    page = text(done)
    assert f'<p class="receipt__no" id="receipt-no">{application.receipt_no}</p>' in page
    assert "王**" in page and "1101**********002X" in page and "3 个文件" in page
    assert "5 个工作日" in page and "补正期间暂停计算" in page
    assert reverse("public:lookup") in page
    for secret in ("王秀英", ID_NUMBER, PHONE, "139****5678"):
        assert secret not in page
    assert application.receipt_no not in response["Location"]


def test_files_are_optional_and_doorstep_keeps_address_and_appointment(client, hall, household):
    appointment = (MONDAY + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(url(household["version"]), filled(
        hall, mode=Mode.DOORSTEP, centre=household["west"].pk, address="西河村3组12号",
        appointment_at=appointment))
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.address == "西河村3组12号" and application.centre == household["west"]
    assert application.appointment_at == MONDAY + timedelta(days=2)
    assert not application.files.exists()
    assert "预约上门" in text(client.get(response["Location"]))


def test_an_address_typed_for_another_mode_is_not_kept(client, hall, household):
    client.post(url(household["version"]), filled(hall, address="东关社区3号楼"))
    assert Application.objects.get().address == ""


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"applicant_name": " "}, "applicant_name", "请填写申请人姓名。"),
    ({"id_number": "110105194912310021"}, "id_number", "身份证号码无效"),
    ({"id_number": "1101051949123100"}, "id_number", "身份证号码无效"),
    ({"phone": "0371-1234567"}, "phone", "手机号码无效"),
    ({"mode": Mode.INSTANT}, "mode", "请从所列办理方式中选择。"),
    ({"mode": ""}, "mode", "请选择办理方式。"),
    ({"centre": ""}, "centre", "请选择办理的服务中心。"),
    ({"mode": Mode.DOORSTEP}, "address", "上门办理请填写上门地址。"),
    ({"mode": Mode.DOORSTEP}, "appointment_at", "上门办理请填写预约上门时间。"),
    ({"mode": Mode.DOORSTEP, "address": "东关社区", "appointment_at": "2026-09-20T09:00"},
     "appointment_at", "预约时间应晚于现在。"),
    ({"mode": Mode.DOORSTEP, "address": "东关社区", "appointment_at": "下周一"},
     "appointment_at", "请输入有效的日期和时间"),
])
def test_errors_are_said_next_to_the_field_and_nothing_is_saved(client, hall, household,
                                                                 tmp_path, changes, field,
                                                                 message):
    response = client.post(url(household["version"]), filled(
        hall, material_0=upload(), **changes))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert message in " ".join(errors[field])
    page = text(response)
    assert "申请尚未提交" in page and message in page
    assert "已选择的文件不会保留：请重新选择要上传的文件" in page
    assert nothing_saved(tmp_path)


def test_a_centre_that_does_not_offer_the_matter_is_refused(client, hall, household, tree):
    elsewhere = Centre.objects.create(unit=tree.west_village, name="西河村便民服务站",
                                      address="村委会", opening_hours="周一至周五")
    response = client.post(url(household["version"]), filled(hall, centre=elsewhere.pk))
    assert response.status_code == 400 and "centre" in response.context["form"].errors
    assert not Application.objects.exists()


@pytest.mark.parametrize(("files", "field", "message"), [
    ({"material_0": upload("户口簿.exe")}, "material_0", "文件类型不支持"),
    ({"material_1": upload("证明.pdf", size=101)}, "material_1", "超过 0 MB"),
    ({"material_0": upload("空白.jpg", content=b"")}, "material_0", "是空文件"),
    ({"material_0": [upload("1.jpg"), upload("2.jpg")], "material_1": upload("3.pdf")},
     None, "最多上传 2 个文件，您选择了 3 个"),
])
def test_upload_limits_refuse_the_whole_application(client, hall, household, tmp_path, settings,
                                                    files, field, message):
    settings.TAIZHANG_UPLOAD_MAX_BYTES = 100
    settings.TAIZHANG_HALL_MAX_FILES = 2
    response = client.post(url(household["version"]), filled(hall, **files))
    assert response.status_code == 400
    form = response.context["form"]
    said = form.non_field_errors() if field is None else form.errors[field]
    assert message in " ".join(said)
    assert message in text(response) and "请重新选择要上传的文件" in text(response)
    assert nothing_saved(tmp_path)


def test_the_limits_shown_follow_the_settings(client, household, settings):
    settings.TAIZHANG_UPLOAD_MAX_BYTES = 5 * 1024 * 1024
    settings.TAIZHANG_UPLOAD_EXTENSIONS = (".pdf", ".jpg")
    settings.TAIZHANG_HALL_MAX_FILES = 4
    page = text(client.get(url(household["version"])))
    assert "每个文件不超过 5 MB，可上传 pdf、jpg 格式；全部材料合计最多 4 个文件" in page
    assert 'accept=".pdf,.jpg"' in page


def test_a_refusal_by_the_rules_is_shown_where_it_belongs(client, hall, household, monkeypatch):
    def refuse(*args, **kwargs):
        raise apps.Invalid("手机号码已停用。", "phone")

    monkeypatch.setattr(apps, "submit_online", refuse)
    response = client.post(url(household["version"]), filled(hall))
    assert response.status_code == 400
    assert response.context["form"].errors["phone"] == ["手机号码已停用。"]


def test_csrf_is_required(hall, household):
    browser = Client(enforce_csrf_checks=True)
    assert browser.post(url(household["version"]), filled(hall)).status_code == 403
    assert not Application.objects.exists()
    browser.get(url(household["version"]))
    token = browser.cookies["csrftoken"].value
    response = browser.post(url(household["version"]),
                            filled(hall, csrfmiddlewaretoken=token))
    assert response.status_code == 302 and Application.objects.count() == 1


def test_the_confirmation_page_is_only_for_a_while_and_cannot_be_forged(client, hall, household,
                                                                       _monday):
    response = client.post(url(household["version"]), filled(hall))
    done = response["Location"]
    assert client.get(done).status_code == 200
    token = done.rstrip("/").rsplit("/", 1)[1]
    forged = reverse("public:apply_done", args=[token[:-2] + ("AA" if token[-2:] != "AA"
                                                              else "BB")])
    assert client.get(forged).status_code == 404
    _monday.shift(timedelta(minutes=31))
    expired = client.get(done)
    assert expired.status_code == 404 and "凭受理编号和手机号码后四位查询" in text(expired)


def test_the_matter_page_and_the_catalogue_link_to_the_application(client, hall):
    matter_page = text(client.get(reverse("public:matter", args=["HY-SW-001"])))
    assert url(hall["allowance"]) in matter_page and reverse("public:lookup") in matter_page
    assert url(hall["certificate"]) not in text(
        client.get(reverse("public:matter", args=["HY-SW-002"])))
    catalogue = text(client.get(reverse("public:catalogue")))
    assert url(hall["allowance"]) in catalogue and url(hall["certificate"]) not in catalogue


def stored_files(tmp_path):
    return [path for path in tmp_path.rglob("*") if path.is_file()]


def test_submissions_over_the_hourly_limit_answer_429_and_save_nothing(client, hall, household,
                                                                      tmp_path, settings,
                                                                      _monday):
    settings.TAIZHANG_APPLY_LIMIT_PER_CLIENT = 2
    apply_url = url(household["version"])
    for _ in range(3):  # reading the form costs nothing
        assert client.get(apply_url).status_code == 200
    assert client.post(apply_url, filled(hall, material_0=upload())).status_code == 302
    # A form sent back with a mistake counts as well.
    assert client.post(apply_url, filled(hall, phone="123")).status_code == 400
    files = stored_files(tmp_path)

    response = client.post(apply_url, filled(hall, material_0=upload("户口簿本人页.jpg")))
    assert response.status_code == 429 and response["Retry-After"] == "2400"  # until 10:00
    assert "no-store" in response["Cache-Control"]
    page = text(response)
    assert "提交过于频繁，申请未提交" in page and "“户口迁入”申请<strong>没有保存</strong>" in page
    assert "请于 <strong>10:00</strong> 以后（约 40 分钟后）重新填写提交" in page
    assert reverse("public:matter", args=["HY-GA-002"]) in page
    assert reverse("public:lookup") in page
    assert Application.objects.count() == 1 and ApplicationFile.objects.count() == 1
    assert stored_files(tmp_path) == files

    # Another address has its own count; the next hour starts a new one.
    other = client.post(apply_url, filled(hall), REMOTE_ADDR="198.51.100.20")
    assert other.status_code == 302
    _monday.shift(timedelta(minutes=40))
    assert client.post(apply_url, filled(hall)).status_code == 302
    assert Application.objects.count() == 3


def test_ten_submissions_an_hour_by_default(client, hall, household):
    apply_url = url(household["version"])
    answers = [client.post(apply_url, filled(hall, applicant_name="")).status_code
               for _ in range(11)]
    assert answers == [400] * 10 + [429]
    assert not Application.objects.exists()
