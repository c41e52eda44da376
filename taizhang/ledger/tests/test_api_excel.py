"""Excel through the API: export of the filtered list, import with a dry run, then for real."""

import io
from datetime import date, datetime

import openpyxl
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from taizhang.ledger.constants import ItemStatus
from taizhang.ledger.models import Item
from taizhang.ledger.tests.apiclient import NOW, Api, ok, refused
from taizhang.ledger.tests.factories import ItemFactory, LedgerFactory

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def apis(world, client):
    class Apis:
        supervisor = Api(client, world.supervisor)
        west = Api(client, world.west_staff)
        east = Api(client, world.east_staff)

    return Apis


def sheet_rows(response):
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == XLSX
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def make_xlsx(rows, merges=()):
    """A sheet as an office makes it: a merged title row above the header."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def office_sheet(lead_unit="东城街道"):
    return make_xlsx([
        ["2026年民生问题台账"],
        ["序号", "事项名称", "责任领导", "牵头单位", "协办单位", "目标", "推进措施", "时限"],
        [1, "东关社区二次供水改造", "李区长", lead_unit, "西河乡", "水压达标", "更换水泵",
         datetime(2026, 10, 31)],
        [2, "西河村污水管网", "李区长", "西河乡", None, "", "", "年底前"],
    ], merges=["A1:H1"])


def upload(content, name="民生台账.xlsx"):
    return {"file": SimpleUploadedFile(name, content, content_type=XLSX)}


def test_export_of_a_ledger(world, apis):
    response = apis.supervisor.get("/ledger/items/export", ledger=world.ledger.pk)
    assert "attachment" in response["Content-Disposition"]
    rows = sheet_rows(response)
    assert rows[0][0] == "2026年民生问题台账"
    assert "事项名称" in rows[1]
    assert any("西河村饮水安全提升" in row for row in rows[2:])


def test_export_follows_filters_and_scope(world, apis):
    ItemFactory(ledger=world.ledger, leader=world.leader_person, lead_unit=world.tree.east,
                title="东关社区道路硬化", status=ItemStatus.IN_PROGRESS,
                deadline=date(2026, 8, 1), last_reported_on=date(2026, 8, 30))
    titles = {"西河村饮水安全提升", "东关社区道路硬化"}

    def exported(api, **params):
        return {cell for row in sheet_rows(api.get("/ledger/items/export", **params))[2:]
                for cell in row} & titles

    assert exported(apis.supervisor) == titles
    assert exported(apis.supervisor, light="red") == {"东关社区道路硬化"}
    assert exported(apis.west) == {"西河村饮水安全提升"}
    assert exported(apis.east) == {"东关社区道路硬化"}
    east_ledger = LedgerFactory(unit=world.tree.east)
    assert refused(apis.west.get("/ledger/items/export", ledger=east_ledger.pk), 404)


def test_dry_run_shows_the_plan_and_writes_nothing(world, apis):
    route = f"/ledger/ledgers/{world.ledger.pk}/import"
    body = ok(apis.supervisor.upload(route, upload(office_sheet())))
    assert body["ok"] is True and body["header_row"] == 2
    assert body["counts"] == {"create": 2, "update": 0, "unchanged": 0}
    first = body["rows"][0]
    assert first["row"] == 3 and first["action"] == "create"
    assert first["lead_unit"] == "东城街道" and first["cooperating"] == ["西河乡"]
    assert first["deadline"] == "2026-10-31"
    assert Item.objects.count() == 1


def test_problems_are_named_by_row_and_column(world, apis):
    route = f"/ledger/ledgers/{world.ledger.pk}/import"
    body = ok(apis.supervisor.upload(route, upload(office_sheet(lead_unit="南山镇"))))
    assert body["ok"] is False
    [problem] = body["problems"]
    assert problem["row"] == 3 and problem["column"] == "D" and problem["header"] == "牵头单位"
    assert problem["text"].startswith("第 3 行，D 列（牵头单位）：")
    # Committing the same sheet is refused with the same problems, and writes nothing.
    response = apis.supervisor.upload(f"{route}?dry_run=false",
                                      upload(office_sheet(lead_unit="南山镇")))
    assert response.status_code == 422
    refusal = response.json()
    assert refusal["message"] == "导入未执行：发现 1 个问题，请修改表格后重新导入。"
    assert refusal["problems"] == body["problems"]
    assert refusal["errors"] == [{"field": "file", "message": problem["text"]}]
    assert Item.objects.count() == 1


def test_commit_imports_everything_once(world, apis):
    route = f"/ledger/ledgers/{world.ledger.pk}/import?dry_run=false"
    body = ok(apis.supervisor.upload(route, upload(office_sheet())), 201)
    assert body["counts"] == {"create": 2, "update": 0, "unchanged": 0}
    created = Item.objects.filter(pk__in=body["created"])
    assert {i.title for i in created} == {"东关社区二次供水改造", "西河村污水管网"}
    assert created.get(title="西河村污水管网").deadline == date(2026, 12, 31)
    # The same sheet again creates nothing.
    again = ok(apis.supervisor.upload(route, upload(office_sheet())), 201)
    assert again["counts"] == {"create": 0, "update": 0, "unchanged": 2}
    assert Item.objects.count() == 3


def test_a_retried_commit_with_its_key_is_answered_from_the_first(world, apis):
    route = f"/ledger/ledgers/{world.ledger.pk}/import?dry_run=false"
    first = apis.supervisor.upload(route, upload(office_sheet()), key="import-1")
    again = apis.supervisor.upload(route, upload(office_sheet()), key="import-1")
    assert first.status_code == again.status_code == 201
    assert first.content == again.content
    assert Item.objects.count() == 3


def test_export_then_import_changes_nothing(world, apis):
    exported = apis.supervisor.get("/ledger/items/export", ledger=world.ledger.pk).content
    route = f"/ledger/ledgers/{world.ledger.pk}/import"
    body = ok(apis.supervisor.upload(route, upload(exported)))
    assert body["ok"] is True
    assert body["counts"] == {"create": 0, "update": 0, "unchanged": 1}


def test_import_is_for_supervision_within_scope(world, apis):
    route = f"/ledger/ledgers/{world.ledger.pk}/import"
    assert refused(apis.west.upload(route, upload(office_sheet())), 403) == (
        "只有督查室可以导入台账。")
    assert refused(apis.east.upload(route, upload(office_sheet())), 404)
    assert Item.objects.count() == 1


@pytest.mark.parametrize(("data", "message"), [
    ({}, "请选择要导入的 Excel 文件。"),
    (upload(b"a,b\n", name="台账.csv"),
     "请上传 .xlsx 格式的 Excel 文件（旧版 .xls 请先另存为 .xlsx）。"),
])
def test_import_needs_an_xlsx(world, apis, data, message):
    response = apis.supervisor.upload(f"/ledger/ledgers/{world.ledger.pk}/import", data)
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "file", "message": message}]


def test_a_broken_file_is_a_problem_of_the_plan(world, apis):
    body = ok(apis.supervisor.upload(f"/ledger/ledgers/{world.ledger.pk}/import",
                                     upload(b"not a workbook")))
    assert body["ok"] is False and body["problems"][0]["row"] is None
