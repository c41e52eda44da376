"""The daily warning scan (催办/督办) over 200,000 open items, against the raw SQL floor.

    .venv/bin/python bench/ledger_scan.py                 # SQLite, var/bench/ledger_scan.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/taizhang_bench_scan \\
        .venv/bin/python bench/ledger_scan.py             # PostgreSQL, created if missing
    … --rebuild                                           # drop the bench data and build it again

The bench works in its own database only (its name must contain "bench"), never the dev one.
Each figure is the median of several runs:

- first run: ``scan(TODAY)`` on data where nothing has been sent yet, so it claims, writes
  the inbox messages and timeline events, and enqueues the email/webhook copies (whatever it
  wrote is deleted again, untimed, before the next sample);
- rerun: ``scan(TODAY)`` again the same day, which finds everything already sent;
- next day: ``scan(TODAY + 1)``, the daily steady state: it sends only for the items whose
  light changed overnight;
- floor: the hand-written SQL that selects the yellow and red items in 办理中 that day.
"""

import argparse
import gc
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

SQLITE_PATH = ROOT / "var" / "bench" / "ledger_scan.sqlite3"

TODAY = date(2026, 6, 15)  # a Monday; the data is built around it
OPEN_ITEMS = 200_000
CLOSED_ITEMS = 20_000
DEPARTMENTS, TOWNSHIPS, VILLAGES_PER_TOWNSHIP = 30, 20, 15
LEADERS, LEDGERS = 12, 40
BATCH = 5000
# Of the open items: 4 % not yet assigned, 4 % waiting for close-out verification; of those in
# 办理中: red, and yellow for each reason, in these shares; the rest are green.
PENDING, CLOSE_REQUESTED = 0.04, 0.04
RED, SOON, NO_REPORT, LATE_MILESTONE = 0.06, 0.05, 0.03, 0.02

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕"
GIVEN = "伟强军磊涛斌峰建国明志勇海鹏辉刚杰芳娜敏静丽艳霞燕玲婷洁娟萍慧颖雪琳倩"
TOPICS = ["村内道路硬化", "饮水安全提升", "农田灌溉渠修复", "城中村改造", "卫生室建设",
          "垃圾清运", "学校布局调整", "公交线路优化", "殡葬设施建设", "就业技能培训"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="drop the bench data and rebuild")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each (median)")
    return parser.parse_args()


def build_people(rng):
    """A district with departments, townships and villages, and the logins who handle items:
    three per department and township, one per village, plus the county leaders."""
    from taizhang.org.constants import Rank, Role, UnitKind
    from taizhang.org.models import Person, RoleGrant, Unit, User

    root = Unit(name="基准区", kind=UnitKind.DISTRICT)
    root.save()
    departments = Unit.objects.bulk_create(
        Unit(name=f"第{d + 1}局", kind=UnitKind.DEPARTMENT, parent=root, depth=1, sort_order=d)
        for d in range(DEPARTMENTS))
    townships = Unit.objects.bulk_create(
        Unit(name=f"第{t + 1}镇", kind=UnitKind.TOWNSHIP, parent=root, depth=1,
             sort_order=100 + t) for t in range(TOWNSHIPS))
    villages = Unit.objects.bulk_create(
        Unit(name=f"{t.name}第{v + 1}村", kind=UnitKind.VILLAGE, parent=t, depth=2, sort_order=v)
        for t in townships for v in range(VILLAGES_PER_TOWNSHIP))
    Unit.objects.rebuild_closure()

    posts = [(root, Rank.COUNTY, Role.LEADER)] * LEADERS
    posts += [(u, Rank.STAFF, Role.UNIT_STAFF) for u in departments + townships for _ in range(3)]
    posts += [(v, Rank.VILLAGE_CADRE, Role.UNIT_STAFF) for v in villages]
    users = User.objects.bulk_create(
        User(username=f"bench{n}", email=f"bench{n}@example.org", password="!")
        for n in range(len(posts)))
    persons = Person.objects.bulk_create(
        Person(unit=unit, user=user, rank=rank, phone="",
               name=rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=2)))
        for user, (unit, rank, _) in zip(users, posts, strict=True))
    RoleGrant.objects.bulk_create(
        RoleGrant(person=person, role=role, unit=unit)
        for person, (unit, _, role) in zip(persons, posts, strict=True))
    return persons[:LEADERS], departments + townships + villages


def build(rng):
    """OPEN_ITEMS open items and CLOSED_ITEMS closed ones, with the mix of lights above."""
    from django.db import connection, transaction

    from taizhang.ledger.constants import Frequency, ItemStatus
    from taizhang.ledger.lights import thresholds
    from taizhang.ledger.models import Item, Ledger, LedgerKind, Milestone

    th = thresholds(TODAY)
    with transaction.atomic():
        leaders, units = build_people(rng)
        kinds = list(LedgerKind.objects.all())
        ledgers = Ledger.objects.bulk_create(
            Ledger(kind=kinds[n % len(kinds)], name=f"基准台账{n + 1}", unit=units[0].parent,
                   year=2026, code_prefix=f"B{n + 1}") for n in range(LEDGERS))
        plans = []
        for n in range(OPEN_ITEMS + CLOSED_ITEMS):
            roll = rng.random()
            status = (ItemStatus.CLOSED if n >= OPEN_ITEMS else ItemStatus.PENDING
                      if roll < PENDING else ItemStatus.CLOSE_REQUESTED
                      if roll < PENDING + CLOSE_REQUESTED else ItemStatus.IN_PROGRESS)
            plans.append((status, rng.random()))
        items, milestones = [], []
        for n, (status, roll) in enumerate(plans):
            weekly = rng.random() < 0.3
            # Green unless a branch below says otherwise: reported on time, deadline far off.
            deadline = th.soon + timedelta(days=rng.randint(1, 200))
            reported = TODAY - timedelta(days=rng.randint(0, 6 if weekly else 27))
            late_milestone = False
            if status == ItemStatus.IN_PROGRESS:
                if roll < RED:
                    deadline = TODAY - timedelta(days=rng.randint(1, 60))
                elif roll < RED + SOON:
                    deadline = TODAY + timedelta(days=rng.randint(0, (th.soon - TODAY).days))
                elif roll < RED + SOON + NO_REPORT:
                    reported = TODAY - timedelta(days=rng.randint(8 if weekly else 32, 60))
                elif roll < RED + SOON + NO_REPORT + LATE_MILESTONE:
                    late_milestone = True
            ledger = ledgers[n % LEDGERS]
            items.append(Item(
                ledger=ledger, code=f"{ledger.code_prefix}-{n // LEDGERS + 1:05d}",
                title=f"{rng.choice(units).name}{rng.choice(TOPICS)}", leader=rng.choice(leaders),
                lead_unit=rng.choice(units), deadline=deadline, status=status,
                frequency=Frequency.WEEKLY if weekly else Frequency.MONTHLY,
                assigned_on=None if status == ItemStatus.PENDING else date(2026, 1, 15),
                last_reported_on=reported, closed_on=TODAY if status == ItemStatus.CLOSED else None,
            ))
            if late_milestone or rng.random() < 0.3:
                milestones.append((n, "完成方案设计", date(2026, 3, 31), date(2026, 3, 28)))
                later = deadline - timedelta(days=20)
                milestones.append((n, "完成主体工程", TODAY - timedelta(days=10) if late_milestone
                                   else later if later > TODAY else deadline, None))
        Item.objects.bulk_create(items, batch_size=BATCH)
        Milestone.objects.bulk_create(
            (Milestone(item=items[n], title=title, due=due, done_on=done)
             for n, title, due, done in milestones), batch_size=BATCH)
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def forget_warnings():
    """Delete what a scan wrote, so that the next scan is a first run again (untimed)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    from taizhang.inbox.models import Notification
    from taizhang.ledger.models import Item, Warning
    from taizhang.org.models import Event

    with transaction.atomic():
        Warning.objects.all()._raw_delete("default")
        Notification.objects.all()._raw_delete("default")
        Event.objects.filter(content_type=ContentType.objects.get_for_model(Item))._raw_delete(
            "default")
        DBTaskResult.objects.all()._raw_delete("default")


def elapsed_ms(fn):
    # As timeit does: no garbage collection inside a sample, so a pause lands on neither side.
    gc.collect()
    gc.disable()
    try:
        started = time.perf_counter()
        result = fn()
        return (time.perf_counter() - started) * 1000, result
    finally:
        gc.enable()


def floor_query(day):
    """The yellow and red items in 办理中, in hand-written SQL (the light of ``lights.py``)."""
    from django.db import connection

    from taizhang.ledger.lights import thresholds

    th = thresholds(day)
    query = """
        SELECT i.id FROM ledger_item i
        WHERE i.status = 'in_progress' AND (
            i.deadline <= %s
            OR (i.frequency = 'weekly' AND i.last_reported_on < %s)
            OR (i.frequency = 'monthly' AND i.last_reported_on < %s)
            OR EXISTS (SELECT 1 FROM ledger_milestone m WHERE m.item_id = i.id
                       AND m.done_on IS NULL AND m.due < %s))"""

    def run():
        with connection.cursor() as cur:
            cur.execute(query, [th.soon, th.weekly_since, th.monthly_since, day])
            return [row[0] for row in cur.fetchall()]
    return run


def run(repeat):
    from taizhang.inbox.models import Notification
    from taizhang.ledger.warnings import scan

    floor, next_floor = floor_query(TODAY), floor_query(TODAY + timedelta(days=1))
    selected = len(floor())
    samples = {"first": [], "rerun": [], "floor": [], "next": [], "next floor": []}
    for _ in range(repeat):
        forget_warnings()
        ms, result = elapsed_ms(lambda: scan(TODAY))
        samples["first"].append(ms)
        messages = Notification.objects.count()
        ms, again = elapsed_ms(lambda: scan(TODAY))
        if again.notifications:
            sys.exit(f"The rerun sent {again.notifications} messages; it must send none.")
        samples["rerun"].append(ms)
        samples["floor"].append(elapsed_ms(floor)[0])
        ms, next_day = elapsed_ms(lambda: scan(TODAY + timedelta(days=1)))
        samples["next"].append(ms)
        samples["next floor"].append(elapsed_ms(next_floor)[0])
    if result.reminders + result.escalations != selected:
        sys.exit(f"The scan warned {result.reminders + result.escalations} items, the floor "
                 f"selects {selected}; the benchmark would compare different things.")
    return {"selected": selected, "result": result, "messages": messages, "next_day": next_day,
            **{name: statistics.median(values) for name, values in samples.items()}}


def main():
    args = parse_args()
    started = time.perf_counter()
    where = prepare_database(args.rebuild, SQLITE_PATH)
    setup_django()

    import django
    from django.db import connection

    from taizhang.ledger.constants import OPEN_STATUSES
    from taizhang.ledger.models import Item

    total = Item.objects.count()
    if total == OPEN_ITEMS + CLOSED_ITEMS:
        print(f"Data: reusing {total} items (--rebuild to build again).")
    elif total:
        sys.exit(f"The bench database holds {total} items, not the bench data; run with "
                 "--rebuild to replace them.")
    else:
        build_started = time.perf_counter()
        build(random.Random(2026))
        print(f"Data: built {Item.objects.count()} items in "
              f"{time.perf_counter() - build_started:.1f} s.")

    with connection.cursor() as cur:
        cur.execute("SELECT sqlite_version()" if connection.vendor == "sqlite" else "SHOW "
                    "server_version")
        version = cur.fetchone()[0]
    print(f"{date.today()} · {where} ({connection.vendor} {version}) · Django "
          f"{django.get_version()} · Python {platform.python_version()} · "
          f"{os.cpu_count()} CPUs · median of {args.repeat} runs · scan date {TODAY}")
    open_items = Item.objects.filter(status__in=OPEN_STATUSES).count()
    figures = run(args.repeat)
    result, next_day = figures["result"], figures["next_day"]
    print(f"\n{open_items} open items; the floor selects {figures['selected']} yellow or red "
          f"items in 办理中.\nFirst run: {result.reminders} 催办 and {result.escalations} 督办 "
          f"claimed, {figures['messages']} inbox messages; rerun: nothing new; next day: "
          f"{next_day.reminders} 催办, {next_day.escalations} 督办, {next_day.notifications} "
          "messages.\n")
    print(f"{'operation':<34}{'scan ms':>10}{'floor ms':>11}{'ratio':>8}")
    for label, ms, floor in (
            ("first run (claims and notifies)", figures["first"], figures["floor"]),
            ("rerun (nothing new)", figures["rerun"], figures["floor"]),
            ("next day (steady state)", figures["next"], figures["next floor"])):
        print(f"{label:<34}{ms:>10.0f}{floor:>11.0f}{ms / floor:>7.2f}×")
    print(f"\nTarget: the scan under 5,000 ms on SQLite. Total run time "
          f"{time.perf_counter() - started:.1f} s.")


if __name__ == "__main__":
    main()
