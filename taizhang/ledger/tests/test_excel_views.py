import io
from datetime import timedelta
from urllib.parse import quote

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from taizhang.ledger.models import ImportBatch, Item
from taizhang.ledger.tests.factories import ItemFactory, LedgerFactory
from taizhang.ledger.tests.test_excel_import import SIMPLE, make_xlsx, row
from taizhang.org.constants import Role
from taizhang.org.tests.factories import make_user

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def site(world, client):
    world.client = client
    world.other = ItemFactory(ledger=world.ledger, code="MS2026-009", title="东关社区道路",
                              leader=world.leader_person, lead_unit=world.tree.east)
    world.empty = LedgerFactory(unit=world.tree.district, name="民生实事台账", code_prefix="SS")
    return world


def login(site, user):
    site.client.force_login(user)
    return site.client


def codes_in(response):
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [r[1] for r in sheet.iter_rows(min_row=3, values_only=True)]


def upload(client, ledger, data, name="台账.xlsx"):
    return client.post(reverse("ledger:import", args=[ledger.pk]),
                       {"file": SimpleUploadedFile(name, data, content_type=XLSX)})


# -- export --------------------------------------------------------------------------------

def test_export_needs_a_login(site):
    response = site.client.get(reverse("ledger:export"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_export_of_a_ledger_with_a_chinese_file_name(site):
    response = login(site, site.supervisor).get(reverse("ledger:export"),
                                                 {"ledger": site.ledger.pk})
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    name = "2026年民生问题台账_"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''" + quote(name))
    assert codes_in(response) == sorted([site.item.code, "MS2026-009"])


def test_export_follows_the_item_list_filters(site):
    response = login(site, site.supervisor).get(reverse("ledger:export"),
                                                {"q": "东关", "status": "pending"})
    assert codes_in(response) == ["MS2026-009"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "台账事项清单"


def test_a_township_exports_only_its_items(site):
    response = login(site, site.west_staff).get(reverse("ledger:export"))
    assert codes_in(response) == [site.item.code]


def test_export_of_a_ledger_out_of_sight_is_404(site):
    hidden = LedgerFactory(unit=site.tree.east, name="东城台账", code_prefix="DC")
    response = login(site, site.west_staff).get(reverse("ledger:export"), {"ledger": hidden.pk})
    assert response.status_code == 404


# -- import --------------------------------------------------------------------------------

def test_only_the_supervision_office_may_import(site):
    url = reverse("ledger:import", args=[site.ledger.pk])
    assert login(site, site.west_staff).get(url).status_code == 403
    assert login(site, site.leader).get(url).status_code == 403
    data = make_xlsx([SIMPLE, row("事项")])
    assert upload(site.client, site.ledger, data).status_code == 403
    assert not ImportBatch.objects.exists()


def test_upload_preview_confirm(site):
    client = login(site, site.supervisor)
    page = client.get(reverse("ledger:import", args=[site.empty.pk]))
    assert page.status_code == 200 and "上传并预览" in page.content.decode()
    data = make_xlsx([["2026年民生实事"], SIMPLE, row("西河村饮水工程"), row("东关道路")],
                     merges=["A1:G1"])
    preview = upload(client, site.empty, data)
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "西河村饮水工程" in html and "确认导入" in html and "表头在第 2 行" in html
    assert not Item.objects.filter(ledger=site.empty).exists()  # a preview writes nothing
    batch = ImportBatch.objects.get()
    assert batch.created_by == site.supervisor and bytes(batch.content) == data
    done = client.post(reverse("ledger:import_confirm", args=[site.empty.pk]),
                       {"token": batch.token})
    assert done.status_code == 200 and "已新增 2 项" in done.content.decode()
    assert Item.objects.filter(ledger=site.empty).count() == 2
    batch.refresh_from_db()
    assert batch.committed_at and bytes(batch.content) == b""
    assert batch.result["counts"] == {"create": 2, "update": 0, "unchanged": 0}
    # The same confirm again (a double click, a back button) does nothing.
    again = client.post(reverse("ledger:import_confirm", args=[site.empty.pk]),
                        {"token": batch.token})
    assert again.status_code == 409 and "这份预览已失效" in again.content.decode()
    assert Item.objects.filter(ledger=site.empty).count() == 2


def test_preview_with_problems_offers_no_confirm(site):
    client = login(site, site.supervisor)
    response = upload(client, site.empty, make_xlsx([SIMPLE, row("事项", unit="西和乡")]))
    html = response.content.decode()
    assert "第 2 行，C 列（责任单位）：找不到单位“西和乡”，您是否要找：西河乡？" in html
    assert "确认导入" not in html and not ImportBatch.objects.exists()


@pytest.mark.parametrize(("name", "data", "message"), [
    ("台账.xls", b"\xd0\xcf\x11\xe0", "请上传 .xlsx 格式的 Excel 文件"),
    ("台账.xlsx", b"not a zip", "这不是 Excel（.xlsx）文件"),
    ("台账.xlsx", make_xlsx([["随便写的表"], ["甲", "乙"]]), "没有找到表头"),
])
def test_bad_files_get_a_clear_message(site, name, data, message):
    response = upload(login(site, site.supervisor), site.empty, data, name=name)
    assert message in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_no_file_chosen(site):
    response = login(site, site.supervisor).post(reverse("ledger:import", args=[site.empty.pk]))
    assert response.status_code == 400 and "请选择要导入的 Excel 文件" in response.content.decode()


def test_a_token_is_good_only_for_its_uploader_and_its_ledger_and_its_time(site):
    client = login(site, site.supervisor)
    upload(client, site.empty, make_xlsx([SIMPLE, row("事项")]))
    batch = ImportBatch.objects.get()
    confirm = reverse("ledger:import_confirm", args=[site.empty.pk])

    other = make_user(site.tree.supervision, Role.SUPERVISION, username="duchashi3")
    assert login(site, other).post(confirm, {"token": batch.token}).status_code == 409
    client = login(site, site.supervisor)
    wrong_ledger = reverse("ledger:import_confirm", args=[site.ledger.pk])
    assert client.post(wrong_ledger, {"token": batch.token}).status_code == 409
    ImportBatch.objects.filter(pk=batch.pk).update(
        created_at=timezone.now() - timedelta(hours=3))
    assert client.post(confirm, {"token": batch.token}).status_code == 409
    assert not Item.objects.filter(ledger=site.empty).exists()


def test_confirm_replans_and_refuses_what_no_longer_fits(site):
    client = login(site, site.supervisor)
    upload(client, site.empty, make_xlsx([SIMPLE, row("事项", unit="东城街道")]))
    batch = ImportBatch.objects.get()
    site.tree.east.is_active = False  # the unit was closed after the preview
    site.tree.east.save()
    response = client.post(reverse("ledger:import_confirm", args=[site.empty.pk]),
                           {"token": batch.token})
    assert response.status_code == 409
    assert "找不到单位“东城街道”" in response.content.decode()
    assert not Item.objects.filter(ledger=site.empty).exists()


def test_stale_uploads_are_cleared_on_the_next_upload(site):
    client = login(site, site.supervisor)
    data = make_xlsx([SIMPLE, row("事项")])
    upload(client, site.empty, data)
    ImportBatch.objects.update(created_at=timezone.now() - timedelta(hours=3))
    upload(client, site.empty, data)
    assert ImportBatch.objects.count() == 1
