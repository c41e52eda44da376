import io
from datetime import date, datetime

import openpyxl
import pytest

from taizhang.ledger.constants import ItemStatus
from taizhang.ledger.excel import ImportRejected, commit_import, preview_import
from taizhang.ledger.excel.reading import MAX_ROWS
from taizhang.ledger.models import Item
from taizhang.ledger.rules import NotAllowed
from taizhang.ledger.tests.factories import ItemFactory, LedgerFactory
from taizhang.org.constants import AuditAction, Rank, UnitKind
from taizhang.org.events import timeline
from taizhang.org.models import AuditEntry, Event
from taizhang.org.tests.factories import PersonFactory, UnitFactory

HEADER = ["序号", "问题", "包案领导", "牵头单位", "协办单位", "目标", "推进措施", "时限",
          "进展情况"]


def make_xlsx(rows, merges=(), title="Sheet1", hidden_first=False):
    """An .xlsx as an office would make it: rows as given, merged ranges, one sheet."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    if hidden_first:
        decoy = workbook.create_sheet("说明", 0)
        decoy.append(["事项名称", "责任领导"])
        decoy.sheet_state = "hidden"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def messy_rows():
    """Title rows, a section heading, synonyms, a vertical merge and a footer."""
    return [
        ["2026年民生问题台账"],
        ["填报单位：督查室", None, None, None, None, None, None, "填报时间：2026年3月1日"],
        [],
        HEADER,
        ["一、饮水安全"],
        [1, "西河村饮水工程", "李区长", "西河乡", "东城街道、东关社区", "通自来水", "铺设管网",
         datetime(2026, 6, 30), "已开工"],
        [2, "东关社区二次供水改造", "王副区长", "东城街道", None, "水压达标", "更换水泵",
         "6月底前", ""],
        [3, "西河村污水管网", None, "西河村", None, "", "", "三季度末", ""],
        ["二、出行"],
        [4, "东关社区道路硬化", "张伟", "东城街道", "", "", "", "年底前", ""],
        ["注：完成时限以区委区政府通知为准"],
    ]


MESSY_MERGES = ["A1:I1", "A2:G2", "A5:I5", "C7:C8", "A9:I9", "A11:I11"]


@pytest.fixture
def org(world):
    """Leaders as a district has them: a deputy head, namesakes, units with the same name."""
    tree = world.tree
    world.wang = PersonFactory(name="王强", unit=tree.district, rank=Rank.COUNTY, title="副区长")
    world.zhang = PersonFactory(name="张伟", unit=tree.district, rank=Rank.COUNTY,
                                title="区长助理")
    PersonFactory(name="张伟", unit=tree.west, rank=Rank.STAFF)
    world.liu_a = PersonFactory(name="刘洋", unit=tree.district, rank=Rank.COUNTY)
    world.liu_b = PersonFactory(name="刘洋", unit=tree.east, rank=Rank.COUNTY)
    world.west_office = UnitFactory(name="综合办", kind=UnitKind.DEPARTMENT, parent=tree.west)
    world.east_office = UnitFactory(name="综合办", kind=UnitKind.DEPARTMENT, parent=tree.east)
    tree.east.short_name = "东城"
    tree.east.save()
    world.empty = LedgerFactory(unit=tree.district, name="2026年民生实事台账", code_prefix="SS")
    return world


def plan_of(org, rows, merges=(), ledger=None):
    return preview_import(ledger or org.empty, make_xlsx(rows, merges), org.supervisor)


def problems(plan):
    return [str(p) for p in plan.problems]


def row(title, leader="李区长", unit="西河乡", deadline="2026-06-30", cooperating="",
        code=None):
    values = [title, leader, unit, cooperating, "", "", deadline]
    return values if code is None else [code, *values]


SIMPLE = ["事项名称", "责任领导", "责任单位", "配合单位", "目标任务", "工作措施", "完成时限"]


# -- reading messy sheets ------------------------------------------------------------------

def test_messy_sheet_is_read_below_its_title_rows(org):
    plan = plan_of(org, messy_rows(), MESSY_MERGES)
    assert problems(plan) == []
    assert plan.header_row == 4
    assert [(r.row, r.action, r.code) for r in plan.rows] == [
        (6, "create", "SS-001"), (7, "create", "SS-002"), (8, "create", "SS-003"),
        (10, "create", "SS-004")]
    first, second, third, fourth = (r.values for r in plan.rows)
    assert first["title"] == "西河村饮水工程"
    assert first["leader"] == org.leader_person.pk
    assert first["lead_unit"] == org.tree.west.pk
    assert first["cooperating"] == [org.tree.east.pk, org.tree.east_village.pk]
    assert (first["goal"], first["measures"]) == ("通自来水", "铺设管网")
    assert first["deadline"].date == date(2026, 6, 30)
    # 王副区长: surname and post; the merged cell C7:C8 gives row 8 the same leader.
    assert second["leader"] == third["leader"] == org.wang.pk
    assert second["deadline"].date == date(2026, 6, 30)
    assert third["lead_unit"] == org.tree.west_village.pk
    assert third["deadline"].date == date(2026, 9, 30)
    # Two 张伟: the county leader is meant.
    assert fourth["leader"] == org.zhang.pk
    assert fourth["deadline"].date == date(2026, 12, 31)
    assert "第 5 行是分类标题，未导入" in plan.notices
    assert "第 11 行是表尾说明，未导入" in plan.notices
    assert any("进展情况列只供查看" in n for n in plan.notices)


@pytest.mark.parametrize("header", [
    ["事项名称", "责任领导", "责任单位", "完成时限"],
    ["事项", "分管领导", "责任单位", "完成时间"],
    ["问题", "包案领导", "牵头单位", "时限"],
    ["项目名称", "牵头领导", "主责单位", "办结时限"],
    ["事项名称\n（必填）", "责 任 领 导", "*责任单位", "完成时限："],
])
def test_header_synonyms(org, header):
    plan = plan_of(org, [header, ["西河村饮水工程", "李区长", "西河乡", "年底前"]])
    assert problems(plan) == []
    assert plan.rows[0].values["deadline"].date == date(2026, 12, 31)


def test_every_date_form_in_one_column(org):
    forms = [datetime(2026, 6, 30), 46203, "2026-06-30", "2026/6/30", "2026.6.30",
             "2026年6月30日", "6月30日前", "6月底前", "二季度末", "上半年"]
    rows = [SIMPLE] + [row(f"事项{i}", deadline=f) for i, f in enumerate(forms)]
    rows.append(row("年底的事", deadline="年底前"))
    rows.append(row("按工作日的事", deadline="交办后10个工作日内"))
    plan = plan_of(org, rows)
    assert problems(plan) == []
    deadlines = [r.values["deadline"] for r in plan.rows]
    assert {d.date for d in deadlines[:len(forms)]} == {date(2026, 6, 30)}
    assert deadlines[-2].date == date(2026, 12, 31)
    assert deadlines[-1].working_days == 10 and deadlines[-1].date is None


def test_the_ledgers_year_completes_partial_dates(org):
    ledger = LedgerFactory(unit=org.tree.district, year=2027, name="2027年台账",
                           code_prefix="X27")
    plan = plan_of(org, [SIMPLE, row("事项", deadline="6月底前")], ledger=ledger)
    assert plan.rows[0].values["deadline"].date == date(2027, 6, 30)


def test_hidden_sheets_are_passed_over(org):
    data = make_xlsx([SIMPLE, row("事项")], hidden_first=True)
    plan = preview_import(org.empty, data, org.supervisor)
    assert plan.sheet == "Sheet1" and len(plan.rows) == 1


def test_repeated_header_and_column_number_rows_are_skipped(org):
    plan = plan_of(org, [SIMPLE, [1, 2, 3, 4, 5, 6, 7], row("事项一"), SIMPLE, row("事项二")])
    assert problems(plan) == [] and len(plan.rows) == 2
    assert plan.notices == ["第 2 行是栏次（列序号），未导入", "第 4 行是重复的表头，未导入"]


# -- problems, by row and column -----------------------------------------------------------

def test_every_problem_names_its_row_and_column(org):
    rows = [
        ["2026年台账"],
        HEADER,
        [1, "西河村饮水工程", "李区长", "西和乡", "", "", "", "6月底前", ""],
        [2, "", "李区长", "西河乡", "", "", "", "6月底前", ""],
        [3, "道路", "", "西河乡", "", "", "", "6月底前", ""],
        [4, "路灯", "李区长", "西河乡", "东城街道、北山镇", "", "", "尽快", ""],
        [5, "广场", "刘洋", "综合办", "", "", "", "2026-02-30", ""],
        [6, "公厕", "李区长、王强", "西河乡、东城街道", "", "", "", "长期坚持", ""],
        [7, "菜场", "李区常", "", "", "", "", "", ""],
    ]
    plan = plan_of(org, rows)
    assert problems(plan) == [
        "第 3 行，D 列（牵头单位）：找不到单位“西和乡”，您是否要找：西河乡？",
        "第 4 行，B 列（问题）：未填写事项名称",
        "第 5 行，C 列（包案领导）：未填写责任领导",
        "第 6 行，E 列（协办单位）：找不到单位“北山镇”。",
        "第 6 行，H 列（时限）：无法识别“尽快”，"
        "请写成 2026-06-30、2026年6月30日、6月底前或年底前等形式",
        "第 7 行，C 列（包案领导）：有 2 位同名人员“刘洋”（示范区、东城街道），无法确定是哪一位",
        "第 7 行，D 列（牵头单位）：有 2 个单位名为“综合办”（西河乡综合办、东城街道综合办），"
        "请写明上级单位，如“西河乡综合办”",
        "第 7 行，H 列（时限）：2026年2月30日不是有效日期",
        "第 8 行，C 列（包案领导）：责任领导只能填写一人，其他领导可写入工作措施",
        "第 8 行，D 列（牵头单位）：责任单位只能填写一个，其他单位请填入配合单位",
        "第 8 行，H 列（时限）：“长期坚持”不是确定的完成时限，请写明日期，如 2026年12月31日",
        "第 9 行，C 列（包案领导）：找不到人员“李区常”，您是否要找：李区长？",
        "第 9 行，D 列（牵头单位）：未填写责任单位",
        "第 9 行，H 列（时限）：未填写完成时限",
    ]
    assert plan.rows == [] and not plan.ok
    as_dict = plan.to_dict()["problems"][0]
    assert as_dict == {"row": 3, "column": "D", "header": "牵头单位",
                       "message": "找不到单位“西和乡”，您是否要找：西河乡？",
                       "text": problems(plan)[0]}


def test_units_by_short_name_and_by_parent_and_name(org):
    plan = plan_of(org, [SIMPLE, row("一", unit="东城"), row("二", unit="西河乡综合办"),
                         row("三", unit="西河乡 综合办")])
    assert problems(plan) == []
    assert [r.values["lead_unit"] for r in plan.rows] == [
        org.tree.east.pk, org.west_office.pk, org.west_office.pk]


def test_a_townships_ledger_prefers_its_own_units(org):
    ledger = LedgerFactory(unit=org.tree.west, name="西河乡台账", code_prefix="XH")
    plan = plan_of(org, [SIMPLE, row("事项", unit="综合办")], ledger=ledger)
    assert problems(plan) == [] and plan.rows[0].values["lead_unit"] == org.west_office.pk


def test_leader_with_post_in_brackets(org):
    plan = plan_of(org, [SIMPLE, row("事项", leader="王强（副区长）")])
    assert plan.rows[0].values["leader"] == org.wang.pk


def test_duplicate_rows_in_the_file(org):
    plan = plan_of(org, [["编号", *SIMPLE], row("甲", code="SS-009"), row("乙", code="SS-009"),
                         row("丙", code=""), row("丙", code="")])
    assert problems(plan) == ["第 3 行，A 列（编号）：编号 SS-009 与第 2 行重复",
                              "第 5 行，B 列（事项名称）：与第 4 行是同一事项"]


def test_a_bare_number_in_the_code_column_is_a_row_number(org):
    plan = plan_of(org, [["编号", *SIMPLE], row("甲", code=1), row("乙", code="2")])
    assert problems(plan) == []
    assert [r.code for r in plan.rows] == ["SS-001", "SS-002"]


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "文件是空的"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "旧版 Excel（.xls）"),
    ("序号,事项名称\n1,修路\n".encode(), "这不是 Excel（.xlsx）文件"),
    (b"PK\x03\x04broken", "文件已损坏"),
])
def test_files_that_are_not_workbooks(org, data, reason):
    plan = preview_import(org.empty, data, org.supervisor)
    assert len(plan.problems) == 1 and reason in str(plan.problems[0])
    assert plan.problems[0].row is None


def test_a_zip_that_is_not_a_workbook(org):
    output = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("hello.txt", "hi")
    plan = preview_import(org.empty, output.getvalue(), org.supervisor)
    assert "无法作为 Excel 表格打开" in problems(plan)[0]


def test_no_header_found(org):
    plan = plan_of(org, [["2026年台账"], ["甲", "乙", "丙"]])
    assert "在表格前 15 行中没有找到表头" in problems(plan)[0]


def test_header_without_a_required_column(org):
    plan = plan_of(org, [["事项名称", "责任领导", "责任单位"], ["事项", "李区长", "西河乡"]])
    assert problems(plan) == [
        "第 1 行的表头中没有“完成时限”列（也可写作：时限、完成时间、办结时限、完成期限）"]


def test_header_with_nothing_under_it(org):
    assert problems(plan_of(org, [SIMPLE, []])) == ["表头（第 1 行）下面没有事项。"]


def test_too_big(org, settings):
    settings.TAIZHANG_UPLOAD_MAX_BYTES = 1000
    plan = plan_of(org, [SIMPLE] + [row(f"事项{i}") for i in range(50)])
    assert "文件超过 0 MB" in problems(plan)[0]


def test_too_many_rows(org, monkeypatch):
    monkeypatch.setattr("taizhang.ledger.excel.importer.MAX_ROWS", 3)
    plan = plan_of(org, [SIMPLE] + [row(f"事项{i}") for i in range(4)])
    assert problems(plan)[-1] == "表格超过 3 行，请拆分后分批导入。"
    assert MAX_ROWS == 20_000


# -- committing ----------------------------------------------------------------------------

def test_commit_creates_items_with_events_and_one_audit_entry(org):
    data = make_xlsx(messy_rows(), MESSY_MERGES)
    audits = AuditEntry.objects.count()
    result = commit_import(org.empty, data, org.supervisor, filename="台账.xlsx")
    assert len(result.created) == 4 and result.updated == [] and result.unchanged == 0
    items = list(Item.objects.filter(ledger=org.empty).order_by("code"))
    assert [i.code for i in items] == ["SS-001", "SS-002", "SS-003", "SS-004"]
    first = items[0]
    assert first.status == ItemStatus.PENDING and first.deadline == date(2026, 6, 30)
    assert set(first.cooperating_units.all()) == {org.tree.east, org.tree.east_village}
    [event] = timeline(first)
    assert (event.action, event.actor, event.to_status) == ("import", org.supervisor, "pending")
    assert event.data["row"] == 6
    assert AuditEntry.objects.count() == audits + 1
    entry = AuditEntry.objects.latest("seq")
    assert entry.action == AuditAction.STATE_CHANGE and entry.object_type == "ledger.ledger"
    assert entry.detail["action"] == "import" and entry.detail["created"] == 4
    assert entry.detail["file"] == "台账.xlsx" and entry.detail["sha256"] == result.digest
    events = Event.objects.filter(action="import").order_by("pk")
    assert entry.detail["events"] == [events.first().pk, events.last().pk]


def test_commit_is_all_or_nothing(org):
    data = make_xlsx([SIMPLE, row("好的一行"), row("坏的一行", unit="北山镇"), row("又一行")])
    items, events, audits = Item.objects.count(), Event.objects.count(), AuditEntry.objects.count()
    with pytest.raises(ImportRejected) as rejected:
        commit_import(org.empty, data, org.supervisor)
    assert rejected.value.message == "导入未执行：发现 1 个问题，请修改表格后重新导入。"
    assert problems(rejected.value.plan) == ["第 3 行，C 列（责任单位）：找不到单位“北山镇”。"]
    assert (Item.objects.count(), Event.objects.count(), AuditEntry.objects.count()) == (
        items, events, audits)


def test_same_file_twice_creates_nothing_the_second_time(org):
    data = make_xlsx(messy_rows(), MESSY_MERGES)
    commit_import(org.empty, data, org.supervisor)
    plan = preview_import(org.empty, data, org.supervisor)
    assert {r.action for r in plan.rows} == {"unchanged"}
    again = commit_import(org.empty, data, org.supervisor)
    assert (again.created, again.updated, again.unchanged) == ([], [], 4)
    assert Item.objects.filter(ledger=org.empty).count() == 4


def test_changed_rows_are_updated_through_the_rules(org):
    rows = [["编号", *SIMPLE], row("西河村饮水工程", code="SS-001"), row("东关道路", code="")]
    commit_import(org.empty, make_xlsx(rows), org.supervisor)
    rows[1] = row("西河村饮水工程（一期）", leader="王强", unit="东城街道", deadline="9月底前",
                  cooperating="西河乡", code="SS-001")
    plan = preview_import(org.empty, make_xlsx(rows), org.supervisor)
    assert [(r.action, r.code) for r in plan.rows] == [("update", "SS-001"),
                                                       ("unchanged", "SS-002")]
    assert plan.rows[0].changes == {
        "事项名称": ["西河村饮水工程", "西河村饮水工程（一期）"],
        "责任领导": ["李区长", "王强"],
        "责任单位": ["西河乡", "东城街道"],
        "配合单位": ["", "西河乡"],
        "完成时限": ["2026-06-30", "2026-09-30"],
    }
    result = commit_import(org.empty, make_xlsx(rows), org.supervisor)
    assert len(result.updated) == 1 and result.created == [] and result.unchanged == 1
    item = Item.objects.get(ledger=org.empty, code="SS-001")
    assert (item.title, item.leader, item.lead_unit, item.deadline) == (
        "西河村饮水工程（一期）", org.wang, org.tree.east, date(2026, 9, 30))
    assert list(item.cooperating_units.all()) == [org.tree.west]
    assert [e.action for e in timeline(item)] == ["import", "update"]


def test_a_sheet_with_nothing_to_import_is_refused(org):
    with pytest.raises(ImportRejected, match="表格中没有可导入的事项|发现 1 个问题"):
        commit_import(org.empty, make_xlsx([SIMPLE, []]), org.supervisor)


def test_a_working_day_deadline_cannot_be_given_to_an_assigned_item(org):
    ItemFactory(ledger=org.empty, code="SS-001", title="窗口服务", leader=org.leader_person,
                lead_unit=org.tree.west, deadline=date(2026, 6, 30), goal="", measures="",
                status=ItemStatus.IN_PROGRESS)
    plan = plan_of(org, [["编号", *SIMPLE], row("窗口服务", code="SS-001", deadline="10个工作日")])
    assert problems(plan) == [
        "第 2 行，H 列（完成时限）：事项已交办，完成时限请填写具体日期，不能再写工作日数"]


def test_rows_without_code_match_by_title(org):
    commit_import(org.empty, make_xlsx([SIMPLE, row("西河村饮水工程")]), org.supervisor)
    plan = plan_of(org, [SIMPLE, row("西河村饮水工程", deadline="年底前")])
    assert [(r.action, r.code) for r in plan.rows] == [("update", "SS-001")]


def test_title_shared_by_two_items_needs_a_code(org):
    ItemFactory(ledger=org.empty, title="道路", leader=org.leader_person, lead_unit=org.tree.west)
    ItemFactory(ledger=org.empty, title="道路", leader=org.leader_person, lead_unit=org.tree.east)
    assert problems(plan_of(org, [SIMPLE, row("道路")])) == [
        "第 2 行，A 列（事项名称）：台账中有 2 个名为“道路”的事项，请在编号列写明要更新的是哪一项"]


def test_closed_items_are_not_changed(org):
    ItemFactory(ledger=org.empty, code="SS-001", title="已办结的事", leader=org.leader_person,
                lead_unit=org.tree.west, deadline=date(2026, 6, 30), status=ItemStatus.CLOSED,
                goal="", measures="")
    same = plan_of(org, [["编号", *SIMPLE], row("已办结的事", code="SS-001")])
    assert problems(same) == [] and same.rows[0].action == "unchanged"
    changed = plan_of(org, [["编号", *SIMPLE], row("已办结的事", code="SS-001",
                                                   deadline="年底前")])
    assert problems(changed) == ["第 2 行：事项 SS-001 已销号，不能再修改（完成时限与台账不同）"]


def test_new_codes_skip_codes_already_taken(org):
    ItemFactory(ledger=org.empty, code="SS-001", leader=org.leader_person,
                lead_unit=org.tree.west)
    plan = plan_of(org, [["编号", *SIMPLE], row("甲", code=""), row("乙", code="SS-002"),
                         row("丙", code="")])
    assert [r.code for r in plan.rows] == ["SS-003", "SS-002", "SS-004"]


def test_only_the_supervision_office_imports(org):
    data = make_xlsx([SIMPLE, row("事项")])
    for user in (org.west_staff, org.leader):
        with pytest.raises(NotAllowed, match="只有督查室可以导入台账"):
            preview_import(org.empty, data, user)
        with pytest.raises(NotAllowed):
            commit_import(org.empty, data, user)
    assert not Item.objects.filter(ledger=org.empty).exists()


def test_plan_as_a_dict_for_the_api(org):
    plan = plan_of(org, messy_rows(), MESSY_MERGES)
    data = plan.to_dict()
    assert data["ok"] is True and data["header_row"] == 4
    assert data["counts"] == {"create": 4, "update": 0, "unchanged": 0}
    assert data["rows"][0] == {
        "row": 6, "action": "create", "item": None, "code": "SS-001", "title": "西河村饮水工程",
        "leader": "李区长", "lead_unit": "西河乡", "cooperating": ["东城街道", "东关社区"],
        "goal": "通自来水", "measures": "铺设管网", "deadline": "2026-06-30", "changes": {},
    }
