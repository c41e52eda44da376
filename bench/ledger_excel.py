"""Excel export of 10,000 items and import of a 10,000-row sheet, against openpyxl's own floor.

    .venv/bin/python bench/ledger_excel.py                # SQLite, var/bench/ledger_excel.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/taizhang_bench_excel \\
        .venv/bin/python bench/ledger_excel.py            # PostgreSQL, created if missing
    … --rebuild                                           # drop the bench data and build it again

The bench works in its own database only (its name must contain "bench"), never the dev one.
Each operation is timed several times, application and floor interleaved, and the median is
printed with the ratio application / floor:

- export: ``export_items`` on a ledger of 10,000 items (three queries, styled write-only
  sheet) against openpyxl write-only writing the same 10,000 × 12 values, unstyled;
- import: ``commit_import`` of a 10,000-row sheet made the way offices make them (title rows,
  synonym headers, dates written as text, units by name) into an empty ledger — reading,
  matching, planning and writing 10,000 items, their cooperating units and events — against
  openpyxl read-only reading the same sheet's values; the items written are deleted again,
  untimed, before the next sample;
- preview, and the re-import of the same sheet into the ledger that already holds its items
  (all 10,000 rows unchanged), against the same floor.
"""

import argparse
import gc
import io
import os
import platform
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from org_queries import prepare_database, setup_django  # noqa: E402

SQLITE_PATH = ROOT / "var" / "bench" / "ledger_excel.sqlite3"

TODAY = date(2026, 6, 15)
ITEMS = 10_000
DEPARTMENTS, TOWNSHIPS, VILLAGES_PER_TOWNSHIP, LEADERS = 30, 20, 15, 12
BATCH = 5000

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕"
GIVEN = "伟强军磊涛斌峰建国明志勇海鹏辉刚杰芳娜敏静丽艳霞燕玲婷洁娟萍慧颖雪琳倩"
TOPICS = ["村内道路硬化", "饮水安全提升", "农田灌溉渠修复", "城中村改造", "卫生室建设",
          "垃圾清运", "学校布局调整", "公交线路优化", "殡葬设施建设", "就业技能培训"]
DEADLINES = ["6月底前", "2026年9月30日", "2026-10-31", "2026/11/30", "三季度末", "年底前",
             "8月30日前", "2026.12.15"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="drop the bench data and rebuild")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each (median)")
    return parser.parse_args()


def build(rng):
    """A district (units, county leaders, a 督查室 login) and one ledger of ITEMS items."""
    from django.db import connection, transaction

    from taizhang.ledger.constants import ItemStatus
    from taizhang.ledger.models import Item, Ledger, LedgerKind, ProgressReport
    from taizhang.org.constants import Rank, Role, UnitKind
    from taizhang.org.models import Person, RoleGrant, Unit, User

    def name():
        return rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=2))

    with transaction.atomic():
        root = Unit(name="基准区", kind=UnitKind.DISTRICT, division_code="419960000000")
        root.save()
        departments = Unit.objects.bulk_create(
            Unit(name="督查室" if d == 0 else f"第{d}局", kind=UnitKind.DEPARTMENT, parent=root,
                 depth=1, sort_order=d) for d in range(DEPARTMENTS))
        townships = Unit.objects.bulk_create(
            Unit(name=f"第{t + 1}镇", kind=UnitKind.TOWNSHIP, parent=root, depth=1,
                 division_code=f"419960{t + 1:03d}000", sort_order=100 + t)
            for t in range(TOWNSHIPS))
        villages = Unit.objects.bulk_create(
            Unit(name=f"{t.name}第{v + 1}村", kind=UnitKind.VILLAGE, parent=t, depth=2,
                 division_code=f"{t.division_code[:9]}{v + 1:03d}", sort_order=v)
            for t in townships for v in range(VILLAGES_PER_TOWNSHIP))
        Unit.objects.rebuild_closure()
        leaders = Person.objects.bulk_create(
            Person(unit=root, name=f"{SURNAMES[i]}{GIVEN[i]}{GIVEN[-i - 1]}", rank=Rank.COUNTY,
                   title="副区长") for i in range(LEADERS))
        staff = Person.objects.bulk_create(
            Person(unit=u, name=name(), rank=Rank.STAFF) for u in townships + departments
            for _ in range(3))
        supervisor = User(username="bench_duchashi")
        supervisor.set_unusable_password()
        supervisor.save()
        Person.objects.filter(pk=staff[-3].pk).update(user=supervisor)  # in 督查室
        RoleGrant.objects.create(person=staff[-3], role=Role.SUPERVISION, unit=departments[0])

        ledger = Ledger.objects.create(kind=LedgerKind.objects.get(code="minsheng"),
                                       name="2026年民生问题台账", unit=root, year=2026,
                                       code_prefix="MS2026")
        leads = townships + villages + departments[1:]
        items = Item.objects.bulk_create(
            (Item(ledger=ledger, code=f"MS2026-{n:05d}",
                  title=f"{rng.choice(villages).name}{rng.choice(TOPICS)}（{n}）",
                  leader=rng.choice(leaders), lead_unit=rng.choice(leads),
                  goal="年内完成，群众满意度达到90%以上", measures="摸底排查，制定方案，分步实施，"
                  "每月调度一次，确保按期完成",
                  deadline=TODAY + timedelta(days=rng.randint(-60, 200)),
                  status=ItemStatus.IN_PROGRESS, assigned_on=date(2026, 3, 1),
                  last_reported_on=TODAY - timedelta(days=rng.randint(0, 40)))
             for n in range(1, ITEMS + 1)), batch_size=BATCH)
        through = Item.cooperating_units.through
        through.objects.bulk_create(
            (through(item_id=item.pk, unit_id=unit.pk) for item in items
             for unit in rng.sample(departments[1:], rng.choice((0, 1, 1, 2)))), batch_size=BATCH)
        ProgressReport.objects.bulk_create(
            (ProgressReport(item=item, text=f"已完成第{k + 1}阶段工作，正在推进下一步。",
                            reported_on=TODAY - timedelta(days=30 * (2 - k)))
             for item in items for k in range(rng.choice((0, 1, 2)))), batch_size=BATCH)
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def office_sheet(rng):
    """A 10,000-row sheet as an office would type it: title rows, synonyms, text dates."""
    import openpyxl

    from taizhang.ledger.models import Item

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["2026年民生实事台账"])
    sheet.append(["填报单位：督查室", None, None, None, None, None, None, "填报日期：2026年6月"])
    sheet.append(["序号", "问题", "包案领导", "牵头单位", "协办单位", "目标", "推进措施", "时限",
                  "进展情况", "状态", "预警", "备注"])
    sheet.merge_cells("A1:L1")
    rows = Item.objects.order_by("code").values_list(
        "title", "leader__name", "lead_unit__name", "goal", "measures")
    for n, (title, leader, unit, goal, measures) in enumerate(rows, start=1):
        helpers = "、".join(f"第{d}局" for d in rng.sample(range(1, DEPARTMENTS), rng.choice(
            (0, 1, 2))))
        sheet.append([n, title, leader, unit, helpers, goal, measures, rng.choice(DEADLINES),
                      "按计划推进", "办理中", "绿灯", ""])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def elapsed_ms(fn):
    # As timeit does: no garbage collection inside a sample, so a pause lands on neither side.
    gc.collect()
    gc.disable()
    try:
        started = time.perf_counter()
        fn()
        return (time.perf_counter() - started) * 1000
    finally:
        gc.enable()


def measure(label, rows, app, floor, repeat, after=None):
    """Medians of the application and floor timings, alternating, after a warm-up."""
    app()
    if after:
        after()
    floor()
    app_samples, floor_samples = [], []
    for _ in range(repeat):
        app_samples.append(elapsed_ms(app))
        if after:
            after()
        floor_samples.append(elapsed_ms(floor))
    return label, rows, statistics.median(app_samples), statistics.median(floor_samples)


def run(repeat, sheet_bytes):
    import openpyxl
    from django.contrib.contenttypes.models import ContentType

    from taizhang.ledger.excel import commit_import, export_items, preview_import
    from taizhang.ledger.models import Item, Ledger
    from taizhang.org.models import Event, User

    supervisor = User.objects.select_related("person").get(username="bench_duchashi")
    ledger = Ledger.objects.get(code_prefix="MS2026")
    target, _ = Ledger.objects.get_or_create(
        unit=ledger.unit, year=2026, name="2026年民生实事台账",
        defaults={"kind": ledger.kind, "code_prefix": "SS2026"})

    def export():
        return export_items(ledger.items.all(), "2026年民生问题台账", TODAY)

    exported = openpyxl.load_workbook(io.BytesIO(export()), read_only=True)
    values = list(exported.active.iter_rows(min_row=3, values_only=True))
    exported.close()
    if len(values) != ITEMS or len(values[0]) != 12:
        sys.exit(f"The export holds {len(values)} rows, not {ITEMS}; nothing to compare.")

    def write_floor():
        workbook = openpyxl.Workbook(write_only=True)
        sheet = workbook.create_sheet()
        for row in values:
            sheet.append(row)
        workbook.save(io.BytesIO())

    def read_floor():
        workbook = openpyxl.load_workbook(io.BytesIO(sheet_bytes), read_only=True,
                                          data_only=True)
        rows = sum(1 for _ in workbook.active.iter_rows(values_only=True))
        workbook.close()
        return rows

    def clear_target():
        ids = list(target.items.values_list("pk", flat=True))
        Event.objects.filter(content_type=ContentType.objects.get_for_model(Item),
                             object_id__in=ids).delete()
        Item.cooperating_units.through.objects.filter(item__ledger=target).delete()
        target.items.all().delete()

    def import_sheet():
        result = commit_import(target, sheet_bytes, supervisor, filename="bench.xlsx")
        if len(result.created) != ITEMS:
            sys.exit(f"The import created {len(result.created)} items, not {ITEMS}.")

    def preview():
        plan = preview_import(target, sheet_bytes, supervisor)
        if plan.problems or len(plan.rows) != ITEMS:
            sys.exit(f"The preview found problems: {[str(p) for p in plan.problems[:5]]}")

    def reimport():
        result = commit_import(target, sheet_bytes, supervisor)
        if result.created or result.updated or result.unchanged != ITEMS:
            sys.exit("The second import of the same sheet changed something.")

    clear_target()
    if read_floor() != ITEMS + 3:
        sys.exit("The floor did not read the whole sheet.")
    rows = [
        measure("export of 10,000 items", ITEMS, export, write_floor, repeat),
        measure("import of 10,000 rows (commit)", ITEMS, import_sheet, read_floor, repeat,
                after=clear_target),
    ]
    informative = [measure("preview of 10,000 rows", ITEMS, preview, read_floor, repeat)]
    import_sheet()
    informative.append(measure("same sheet again (all unchanged)", ITEMS, reimport, read_floor,
                               repeat))
    clear_target()
    return rows, informative


def print_table(title, rows):
    print(f"\n{title}")
    print(f"{'operation':<36}{'rows':>8}{'app ms':>11}{'floor ms':>11}{'ratio':>8}")
    for label, count, app_ms, floor_ms in rows:
        print(f"{label:<36}{count:>8}{app_ms:>11.1f}{floor_ms:>11.1f}{app_ms / floor_ms:>7.2f}×")


def main():
    args = parse_args()
    started = time.perf_counter()
    where = prepare_database(args.rebuild, SQLITE_PATH)
    setup_django()

    import django
    from django.db import connection

    from taizhang.ledger.models import Item

    count = Item.objects.count()
    if count == ITEMS:
        print(f"Data: reusing {count} items (--rebuild to build again).")
    elif count:
        sys.exit(f"The bench database holds {count} items, not the bench data; run with "
                 "--rebuild to replace them.")
    else:
        build_started = time.perf_counter()
        build(random.Random(2026))
        print(f"Data: built {Item.objects.count()} items in "
              f"{time.perf_counter() - build_started:.1f} s.")
    sheet_bytes = office_sheet(random.Random(7))

    with connection.cursor() as cur:
        cur.execute("SELECT sqlite_version()" if connection.vendor == "sqlite" else "SHOW "
                    "server_version")
        version = cur.fetchone()[0]
    print(f"{date.today()} · {where} ({connection.vendor} {version}) · Django "
          f"{django.get_version()} · Python {platform.python_version()} · "
          f"{os.cpu_count()} CPUs · sheet {len(sheet_bytes) / 1e6:.1f} MB · "
          f"median of {args.repeat} runs")

    rows, informative = run(args.repeat, sheet_bytes)
    print_table("Application against the openpyxl floor (target: import within 3×)", rows)
    print_table("For comparison, against the read floor", informative)
    print(f"\nTotal run time {time.perf_counter() - started:.1f} s.")


if __name__ == "__main__":
    main()
