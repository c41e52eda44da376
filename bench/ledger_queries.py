"""Overdue-by-unit and item-list queries on 200,000 ledger items, against the raw SQL floor.

    .venv/bin/python bench/ledger_queries.py              # SQLite, var/bench/ledger_queries.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/taizhang_bench_ledger \\
        .venv/bin/python bench/ledger_queries.py          # PostgreSQL, created if missing
    … --rebuild                                           # drop the bench data and build it again

The unit tree and people are the 100,000 units and 50,000 people of ``org_queries.py``, built
by its own ``build``; on top of them come 66 ledgers and 200,000 items. Each query runs as the
application runs it (``visible_items``, ``ItemFilter``, ``overdue_by_unit``, the item list's
light annotation, sort and page) and is printed with its ratio to the hand-written SQL that
returns the same rows, timed in the same run on the same connection.
"""

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import org_queries
from org_queries import elapsed_ms, print_table, setup_django

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = ROOT / "var" / "bench" / "ledger_queries.sqlite3"

TODAY = date(2026, 11, 25)
ITEMS = 200_000
DISTRICT_ITEMS = 80_000  # in the district's ledgers; the rest in the townships' own
BATCH = 5000


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="drop the bench data and rebuild")
    parser.add_argument("--repeat", type=int, default=9, help="timed runs per query (median)")
    return parser.parse_args()


def build_items(rng):
    """66 ledgers and ITEMS items over the org_queries tree, with milestones and cooperating
    units; about 10 % of the open items are overdue."""
    from django.db import connection, transaction

    from taizhang.ledger.models import Item, Ledger, LedgerKind, Milestone
    from taizhang.org.constants import UnitKind
    from taizhang.org.models import Person, Unit

    root = Unit.objects.get(parent=None)
    departments = list(Unit.objects.filter(parent=root, kind=UnitKind.DEPARTMENT))
    townships = list(Unit.objects.filter(parent=root).exclude(kind=UnitKind.DEPARTMENT))
    villages = {t.pk: list(Unit.objects.filter(parent=t).values_list("pk", flat=True))
                for t in townships}
    leaders = list(Person.objects.filter(unit=root).values_list("pk", flat=True))
    kinds = {k.code: k for k in LedgerKind.objects.all()}

    with transaction.atomic():
        district_ledgers = Ledger.objects.bulk_create(
            Ledger(kind=kind, name=f"{kind.name}台账", unit=root, year=2026,
                   code_prefix=f"Q{kind.code.upper()}")
            for kind in kinds.values())
        township_ledgers = Ledger.objects.bulk_create(
            Ledger(kind=kinds[code], name=f"{t.name}{kinds[code].name}台账", unit=t, year=2026,
                   code_prefix=f"T{t.pk}{code.upper()}")
            for t in townships for code in ("minsheng", "zhongdian"))
        items, cooperating, numbers = [], [], {}
        for n in range(ITEMS):
            if n < DISTRICT_ITEMS:
                ledger = rng.choice(district_ledgers)
                lead = rng.choice(departments) if rng.random() < 0.6 else rng.choice(townships)
                lead_id = lead.pk
                partners = rng.sample(townships + departments, rng.choice((0, 1, 2)))
                partner_ids = [u.pk for u in partners]
            else:
                ledger = township_ledgers[(n - DISTRICT_ITEMS) % len(township_ledgers)]
                places = villages[ledger.unit_id]
                lead_id = ledger.unit_id if rng.random() < 0.25 else rng.choice(places)
                partner_ids = rng.sample(places, rng.choice((0, 0, 1)))
            numbers[ledger.pk] = numbers.get(ledger.pk, 0) + 1
            items.append(_item(rng, n, ledger, lead_id, rng.choice(leaders),
                               numbers[ledger.pk]))
            cooperating.append(partner_ids)
        Item.objects.bulk_create(items, batch_size=BATCH)
        through = Item.cooperating_units.through
        through.objects.bulk_create(
            (through(item_id=item.pk, unit_id=unit_id)
             for item, units in zip(items, cooperating, strict=True) for unit_id in units),
            batch_size=BATCH)
        Milestone.objects.bulk_create(
            (milestone for item in items if rng.random() < 0.3
             for milestone in _milestones(rng, item)),
            batch_size=BATCH)
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def _item(rng, n, ledger, lead_id, leader_id, number):
    from taizhang.ledger.models import Item

    roll = rng.random()
    status = ("closed" if roll < 0.30 else "pending" if roll < 0.33
              else "close_requested" if roll < 0.38 else "in_progress")
    if status == "closed":
        deadline = TODAY - timedelta(days=rng.randint(1, 330))
    elif rng.random() < 0.10:
        deadline = TODAY - timedelta(days=rng.randint(1, 120))
    else:
        deadline = TODAY + timedelta(days=rng.randint(0, 200))
    assigned = None if status == "pending" else deadline - timedelta(days=rng.randint(60, 200))
    return Item(
        ledger=ledger, code=f"{ledger.code_prefix}-{number:05d}",
        title=f"第{n + 1}项：解决群众反映的突出问题", leader_id=leader_id, lead_unit_id=lead_id,
        goal="年底前全部解决到位，群众满意率达到95%以上。", measures="建立台账，逐项销号。",
        deadline=deadline, frequency="weekly" if rng.random() < 0.2 else "monthly",
        status=status, assigned_on=assigned,
        last_reported_on=None if assigned is None else TODAY - timedelta(days=rng.randint(0, 40)),
        closed_on=TODAY - timedelta(days=rng.randint(1, 60)) if status == "closed" else None,
    )


def _milestones(rng, item):
    from taizhang.ledger.models import Milestone

    start = item.assigned_on or TODAY
    for k in range(3):
        due = start + (item.deadline - start) * (k + 1) // 3
        done = due if due < TODAY and rng.random() < 0.9 else None
        yield Milestone(item=item, title=f"第{k + 1}阶段", due=due, done_on=done, sort_order=k)


def measure(label, orm, floor, repeat):
    """As org_queries.measure, but the rows must also come back in the same order."""
    orm_rows, floor_rows = orm(), floor()
    if orm_rows != floor_rows:
        sys.exit(f"{label}: the ORM and the floor disagree ({len(orm_rows)} vs {len(floor_rows)}"
                 " rows, or another order); the benchmark would compare different things.")
    orm_samples, floor_samples = [], []
    for _ in range(repeat):
        orm_samples.append(elapsed_ms(orm))
        floor_samples.append(elapsed_ms(floor))
    return (label, len(orm_rows), sorted(orm_samples)[repeat // 2],
            sorted(floor_samples)[repeat // 2])


def run(repeat):
    from django.db import connection

    from taizhang.ledger.filters import ItemFilter
    from taizhang.ledger.lights import annotate_light, thresholds
    from taizhang.ledger.queries import by_urgency, light_counts, overdue_by_unit, visible_items
    from taizhang.ledger.views.pages import PAGE_SIZE, SORTS
    from taizhang.org.models import User

    clerk = User.objects.select_related("person").get(username="bench_clerk")
    supervisor = User.objects.select_related("person").get(username="bench_duchashi")
    township = clerk.person.unit

    def fresh(user):
        # A fresh scope each time, as in a request: includes reading the role grants.
        user.__dict__.pop("_taizhang_scope", None)
        return visible_items(user)

    def overdue_orm(user, unit=None):
        def query():
            items = ItemFilter(unit=unit).apply(fresh(user), TODAY)
            return [(r["lead_unit_id"], r["lead_unit__name"], r["n"])
                    for r in overdue_by_unit(items, TODAY)]
        return query

    def page_orm(user, unit=None):
        def query():
            items = annotate_light(ItemFilter(unit=unit).apply(fresh(user), TODAY), TODAY)
            items = by_urgency(items).order_by(*SORTS[""][1]).select_related(
                "ledger__kind", "leader", "lead_unit")
            return [(item.pk, item.light) for item in items[:PAGE_SIZE]]
        return query

    th = thresholds(TODAY)
    params = {"township": township.pk, "today": TODAY, "soon": th.soon,
              "weekly": th.weekly_since, "monthly": th.monthly_since, "leader": clerk.person.pk,
              "limit": PAGE_SIZE}
    if connection.vendor == "sqlite":
        params = {k: str(v) if isinstance(v, date) else v for k, v in params.items()}

    def fetch(query, columns=3):
        def run_query():
            with connection.cursor() as cur:
                cur.execute(query, params)
                return [tuple(row[:columns]) for row in cur.fetchall()]
        return run_query

    def counts_orm(user):
        def query():
            counts = light_counts(fresh(user), TODAY)
            return sorted((light, n) for light, n in counts.items() if n)
        return query

    rows = [
        measure("overdue by unit, 督查室, township", overdue_orm(supervisor, township.pk),
                fetch(OVERDUE_BY_UNIT.format(where=IN_TOWNSHIP)), repeat),
        measure("overdue by unit, township staff", overdue_orm(clerk),
                fetch(OVERDUE_BY_UNIT.format(where=VISIBLE_TO_STAFF)), repeat),
        measure("list page 1, 督查室, township", page_orm(supervisor, township.pk),
                fetch(PAGE.format(where=IN_TOWNSHIP), 2), repeat),
        measure("list page 1, township staff", page_orm(clerk),
                fetch(PAGE.format(where=VISIBLE_TO_STAFF), 2), repeat),
        measure("light counts, township staff", counts_orm(clerk),
                fetch(LIGHT_COUNTS.format(where=VISIBLE_TO_STAFF), 2), repeat),
    ]
    informative = [
        measure("overdue by unit, township staff", overdue_orm(clerk),
                fetch(OVERDUE_BY_UNIT.format(where=VISIBLE_UNION)), repeat),
        measure("list page 1, township staff", page_orm(clerk),
                fetch(PAGE.format(where=VISIBLE_UNION), 2), repeat),
    ]
    return rows, informative, township


# The floors: the SQL one would write by hand for the same rows, in the same order.
IN_TOWNSHIP = ("i.lead_unit_id IN (SELECT descendant_id FROM org_unitclosure "
               "WHERE ancestor_id = %(township)s)")
VISIBLE_TO_STAFF = (
    "(i.lead_unit_id IN (SELECT descendant_id FROM org_unitclosure WHERE ancestor_id = "
    "%(township)s) OR i.ledger_id IN (SELECT l.id FROM ledger_ledger l JOIN org_unitclosure c "
    "ON c.descendant_id = l.unit_id WHERE c.ancestor_id = %(township)s) OR i.id IN (SELECT "
    "cu.item_id FROM ledger_item_cooperating_units cu JOIN org_unitclosure c ON c.descendant_id "
    "= cu.unit_id WHERE c.ancestor_id = %(township)s) OR i.leader_id = %(leader)s)")
# The same rule as one UNION of the four ways an item is visible, rather than OR.
VISIBLE_UNION = (
    "i.id IN (SELECT i2.id FROM org_unitclosure c JOIN ledger_item i2 ON i2.lead_unit_id = "
    "c.descendant_id WHERE c.ancestor_id = %(township)s UNION SELECT i3.id FROM org_unitclosure c "
    "JOIN ledger_ledger l ON l.unit_id = c.descendant_id JOIN ledger_item i3 ON i3.ledger_id = "
    "l.id WHERE c.ancestor_id = %(township)s UNION SELECT cu.item_id FROM org_unitclosure c JOIN "
    "ledger_item_cooperating_units cu ON cu.unit_id = c.descendant_id WHERE c.ancestor_id = "
    "%(township)s UNION SELECT id FROM ledger_item WHERE leader_id = %(leader)s)")
OVERDUE_BY_UNIT = (
    "SELECT i.lead_unit_id, u.name, COUNT(*) AS n FROM ledger_item i "
    "JOIN org_unit u ON u.id = i.lead_unit_id "
    "WHERE i.status IN ('pending', 'in_progress', 'close_requested') "
    "AND i.deadline < %(today)s AND {where} "
    "GROUP BY i.lead_unit_id, u.name ORDER BY n DESC, u.name")
LIGHT = (
    "CASE WHEN i.status = 'closed' THEN 'none' WHEN i.deadline < %(today)s THEN 'red' "
    "WHEN i.deadline <= %(soon)s OR (i.status = 'in_progress' AND ("
    "(i.frequency = 'weekly' AND i.last_reported_on < %(weekly)s) OR "
    "(i.frequency = 'monthly' AND i.last_reported_on < %(monthly)s))) "
    "OR EXISTS (SELECT 1 FROM ledger_milestone m WHERE m.item_id = i.id "
    "AND m.done_on IS NULL AND m.due < %(today)s) THEN 'yellow' ELSE 'green' END")
LIGHT_COUNTS = ("SELECT light, COUNT(*) FROM (SELECT " + LIGHT + " AS light FROM ledger_item i "
                "WHERE {where}) lit GROUP BY light ORDER BY light")
PAGE = (
    "SELECT i.id, " + LIGHT + " AS light, "
    "i.*, l.*, k.*, p.*, u.* FROM ledger_item i "
    "JOIN ledger_ledger l ON l.id = i.ledger_id JOIN ledger_ledgerkind k ON k.id = l.kind_id "
    "JOIN org_person p ON p.id = i.leader_id JOIN org_unit u ON u.id = i.lead_unit_id "
    "WHERE {where} ORDER BY i.ledger_id, i.code LIMIT %(limit)s")


def main():
    args = parse_args()
    started = time.perf_counter()
    where = org_queries.prepare_database(args.rebuild, SQLITE_PATH)
    setup_django()

    import django
    from django.db import connection

    from taizhang.ledger.models import Item
    from taizhang.org.models import Person, Unit

    units, people, items = Unit.objects.count(), Person.objects.count(), Item.objects.count()
    expected = (org_queries.TOTAL_UNITS, org_queries.TOTAL_PEOPLE, ITEMS)
    if (units, people, items) == expected:
        print(f"Data: reusing {units} units, {people} people and {items} items "
              "(--rebuild to build again).")
    elif units or people or items:
        sys.exit(f"The bench database holds {units} units, {people} people and {items} items, "
                 "not the bench data; run with --rebuild to replace them.")
    else:
        build_started = time.perf_counter()
        org_queries.build(random.Random(2026))
        build_items(random.Random(2027))
        print(f"Data: built {Unit.objects.count()} units, {Person.objects.count()} people and "
              f"{Item.objects.count()} items in {time.perf_counter() - build_started:.1f} s.")

    with connection.cursor() as cur:
        cur.execute("SELECT sqlite_version()" if connection.vendor == "sqlite" else "SHOW "
                    "server_version")
        version = cur.fetchone()[0]
    print(f"{date.today()} · {where} ({connection.vendor} {version}) · Django "
          f"{django.get_version()} · median of {args.repeat} runs · today = {TODAY}")

    rows, informative, township = run(args.repeat)
    print_table(f"ORM against the raw SQL floor ({township.name}, its subtree)", "ORM ms", rows)
    print_table("The township staff's rule written as UNION instead of OR (for comparison)",
                "ORM ms", informative)
    print(f"\nTotal run time {time.perf_counter() - started:.1f} s.")


if __name__ == "__main__":
    main()
