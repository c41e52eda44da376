import io
from datetime import date, datetime, timedelta

import openpyxl
import pytest
from django.utils import timezone

from taizhang.ledger.constants import ItemStatus
from taizhang.ledger.excel import commit_import, export_filename, export_items, export_title
from taizhang.ledger.models import Item, ProgressReport
from taizhang.ledger.queries import visible_items
from taizhang.ledger.tests.factories import ItemFactory, LedgerFactory

TODAY = date(2026, 6, 1)
HEADER = ("序号", "编号", "事项名称", "责任领导", "责任单位", "配合单位", "目标任务", "工作措施",
          "完成时限", "进展情况", "状态", "预警")
COMPARED = ("code", "title", "leader_id", "lead_unit_id", "goal", "measures", "deadline",
            "working_days")


@pytest.fixture
def full(world):
    """The world's ledger with items in every state the sheet has to show."""
    tree, ledger = world.tree, world.ledger
    Item.objects.filter(pk=world.item.pk).update(code="MS2026-001")
    world.item.cooperating_units.set([tree.east, tree.east_village])
    ProgressReport.objects.create(item=world.item, text="旧的进展", reported_on=date(2026, 5, 1),
                                  at=timezone.now() - timedelta(days=30))
    ProgressReport.objects.create(item=world.item, text="管网已铺设 80%",
                                  reported_on=date(2026, 5, 28))
    ItemFactory(ledger=ledger, code="MS2026-002", title="东关社区道路硬化",
                leader=world.leader_person, lead_unit=tree.east, deadline=date(2026, 5, 20),
                status=ItemStatus.IN_PROGRESS, last_reported_on=date(2026, 5, 25))
    ItemFactory(ledger=ledger, code="MS2026-003", title="便民服务窗口", leader=world.leader_person,
                lead_unit=tree.east, deadline=None, working_days=15, goal="", measures="")
    ItemFactory(ledger=ledger, code="MS2026-004", title="=HYPERLINK(\"http://x\")",
                leader=world.leader_person, lead_unit=tree.west, deadline=date(2026, 3, 31),
                status=ItemStatus.CLOSED, goal="多行\n目标", measures="")
    return world


def read(data):
    return openpyxl.load_workbook(io.BytesIO(data))


def test_layout_offices_print(full):
    data = export_items(Item.objects.all(), "2026年民生问题台账", TODAY)
    sheet = read(data).active
    assert sheet.title == "台账"
    assert sheet["A1"].value == "2026年民生问题台账" and sheet["A1"].font.b
    assert "A1:L1" in {str(r) for r in sheet.merged_cells.ranges}
    assert tuple(c.value for c in sheet[2]) == HEADER
    assert sheet.freeze_panes == "A3"
    assert sheet.print_title_rows == "$2:$2"
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.column_dimensions["C"].width == 28
    assert sheet["C3"].alignment.wrap_text and sheet["H3"].alignment.wrap_text


def test_content_of_each_column(full):
    sheet = read(export_items(Item.objects.all(), "台账", TODAY)).active
    rows = [tuple(c.value for c in row) for row in sheet.iter_rows(min_row=3)]
    assert rows[0] == (1, "MS2026-001", "西河村饮水安全提升", "李区长", "西河乡",
                       "东城街道、东关社区", "年底前全部解决", "排查摸底，分类施策",
                       datetime(2026, 12, 31), "管网已铺设 80%", "待交办", "绿灯")
    assert rows[1][1:] == ("MS2026-002", "东关社区道路硬化", "李区长", "东城街道", None,
                           "年底前全部解决", "排查摸底，分类施策", datetime(2026, 5, 20), None,
                           "办理中", "红灯")
    assert rows[2][8] == "交办后15个工作日"
    assert rows[3][10:] == ("已销号", "已销号")
    assert sheet["I3"].number_format == 'yyyy"年"m"月"d"日"'


def test_text_that_looks_like_a_formula_stays_text(full):
    sheet = read(export_items(Item.objects.filter(code="MS2026-004"), "台账", TODAY)).active
    assert sheet["C3"].value == '=HYPERLINK("http://x")' and sheet["C3"].data_type == "s"
    assert sheet["G3"].value == "多行\n目标"


def test_export_reads_a_fixed_number_of_queries(full, django_assert_num_queries):
    export_items(Item.objects.all(), "台账", TODAY)  # reads the working-day calendar once
    # The items (with leader, unit, light and latest report), their cooperating units.
    with django_assert_num_queries(2):
        export_items(Item.objects.all(), "台账", TODAY)
    for n in range(20):
        item = ItemFactory(ledger=full.ledger, leader=full.leader_person, lead_unit=full.tree.west)
        item.cooperating_units.set([full.tree.east])
        ProgressReport.objects.create(item=item, text=f"进展{n}", reported_on=TODAY)
    with django_assert_num_queries(2):
        data = export_items(Item.objects.all(), "台账", TODAY)
    assert read(data).active.max_row == 2 + 24


def test_export_then_import_gives_the_same_items(full):
    data = export_items(full.ledger.items.all(), export_title(full.ledger), TODAY)
    copy = LedgerFactory(unit=full.ledger.unit, name="副本", code_prefix="FB")
    result = commit_import(copy, data, full.supervisor)
    assert len(result.created) == 4

    def fields(ledger):
        return {item.code: ({f: getattr(item, f) for f in COMPARED},
                            set(item.cooperating_units.values_list("pk", flat=True)))
                for item in ledger.items.all()}

    assert fields(copy) == fields(full.ledger)
    # And the original ledger takes its own export back without a change.
    again = commit_import(full.ledger, data, full.supervisor)
    assert (again.created, again.updated, again.unchanged) == ([], [], 4)


def test_a_township_exports_only_what_it_sees(full):
    items = visible_items(full.west_staff)
    sheet = read(export_items(items, "台账", TODAY)).active
    codes = [row[1] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert codes == ["MS2026-001", "MS2026-004"]  # the items led by 西河乡


def test_titles_and_file_names(world):
    assert export_title(world.ledger) == "2026年民生问题台账"
    other = LedgerFactory(unit=world.tree.district, name="重点工作台账", year=2026)
    assert export_title(other) == "2026年重点工作台账"
    assert export_title(other, filtered=True) == "2026年重点工作台账（筛选结果）"
    assert export_title() == "台账事项清单"
    assert export_filename("2026年 民生/问题", TODAY) == "2026年_民生_问题_20260601.xlsx"
