"""Subtree and visibility queries on 100,000 units and 50,000 people, against the raw SQL floor.

    .venv/bin/python bench/org_queries.py                 # SQLite, var/bench/org_queries.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/taizhang_bench \\
        .venv/bin/python bench/org_queries.py             # PostgreSQL, created if missing
    … --rebuild                                           # drop the bench data and build it again

The bench works in its own database only (its name must contain "bench"), never the dev one.
Each operation is timed several times, ORM and floor interleaved, and the median is printed
with the ratio ORM / floor; both run on the same connection with warm caches.
"""

import argparse
import gc
import os
import platform
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = ROOT / "var" / "bench" / "org_queries.sqlite3"

TOTAL_UNITS = 100_000
TOTAL_PEOPLE = 50_000
DEPARTMENTS = 20
SECTIONS_PER_DEPARTMENT = 4
TOWNSHIPS = 30
PLACES_PER_TOWNSHIP = 330
BATCH = 5000

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕"
GIVEN = "伟强军磊涛斌峰建国明志勇海鹏辉刚杰芳娜敏静丽艳霞燕玲婷洁娟萍慧颖雪琳倩"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="drop the bench data and rebuild")
    parser.add_argument("--repeat", type=int, default=9, help="timed runs per query (median)")
    return parser.parse_args()


def prepare_database(rebuild, sqlite_path=SQLITE_PATH):
    """Point Django at the bench database (creating it if needed); return a description.

    Every bench script calls this, each with its own SQLite file under var/bench/."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        sqlite_path.parent.mkdir(parents=True, exist_ok=True)
        if rebuild:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{sqlite_path}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{sqlite_path}"
        return f"SQLite {sqlite_path.relative_to(ROOT)}"

    import dj_database_url
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(url)
    name = config["NAME"]
    if config["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("DATABASE_URL is for PostgreSQL; leave it unset to bench SQLite in var/bench/.")
    if "bench" not in name:
        sys.exit(f"Refusing to use database {name!r}: the bench database's name must contain "
                 "'bench', so that it is never a dev or production database.")
    server = psycopg.connect(
        host=config["HOST"] or None, port=config["PORT"] or None, user=config["USER"] or None,
        password=config["PASSWORD"] or None, dbname="postgres", autocommit=True,
    )
    with server:
        exists = server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and rebuild:
            server.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            exists = None
        if not exists:
            server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return f"PostgreSQL {name}"


def setup_django():
    os.environ["DJANGO_SETTINGS_MODULE"] = "taizhang.settings"
    # As in production: with DEBUG on, every query is also logged, which would skew the timings.
    os.environ["TAIZHANG_DEBUG"] = "0"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def build(rng):
    """A district of exactly TOTAL_UNITS units and TOTAL_PEOPLE people, with two logins."""
    from django.db import connection, transaction

    from taizhang.org import pii
    from taizhang.org.constants import Rank, Role, UnitKind
    from taizhang.org.models import Person, RoleGrant, Unit, User

    def name():
        return rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2, 2))))

    with transaction.atomic():
        root = Unit(name="基准区", kind=UnitKind.DISTRICT, division_code="419950000000")
        root.save()
        departments = Unit.objects.bulk_create(
            Unit(name="督查室" if d == 0 else f"第{d}局", kind=UnitKind.DEPARTMENT, parent=root,
                 depth=1, sort_order=d)
            for d in range(DEPARTMENTS)
        )
        townships = Unit.objects.bulk_create(
            Unit(name=f"第{t + 1}{'街道' if t < 12 else '镇'}",
                 kind=UnitKind.SUBDISTRICT if t < 12 else UnitKind.TOWNSHIP, parent=root,
                 division_code=f"419950{t + 1:03d}000", depth=1, sort_order=100 + t)
            for t in range(TOWNSHIPS)
        )
        sections = Unit.objects.bulk_create(
            Unit(name=f"{dept.name}第{s + 1}科", kind=UnitKind.DEPARTMENT, parent=dept,
                 depth=2, sort_order=s)
            for dept in departments for s in range(SECTIONS_PER_DEPARTMENT)
        )
        places = Unit.objects.bulk_create(
            (Unit(name=f"{t.name}第{p + 1}村", kind=UnitKind.VILLAGE, parent=t,
                  division_code=f"{t.division_code[:9]}{p + 1:03d}",
                  population=rng.randint(800, 4500), depth=2, sort_order=p)
             for t in townships for p in range(PLACES_PER_TOWNSHIP)),
            batch_size=BATCH,
        )
        # Spread the remaining units over the villages as grids: 9 or 10 each.
        built = 1 + len(departments) + len(townships) + len(sections) + len(places)
        per_place, extra = divmod(TOTAL_UNITS - built, len(places))
        grids = Unit.objects.bulk_create(
            (Unit(name=f"{place.name}第{g + 1}网格", kind=UnitKind.GRID, parent=place,
                  population=place.population // (per_place + 1), depth=3, sort_order=g)
             for i, place in enumerate(places) for g in range(per_place + (i < extra))),
            batch_size=BATCH,
        )
        Unit.objects.rebuild_closure()

        posts = [(root, Rank.COUNTY, Role.LEADER)] * 10
        for dept in departments:
            role = Role.SUPERVISION if dept.name == "督查室" else Role.UNIT_STAFF
            posts += [(dept, Rank.SECTION, role)] * 2 + [(dept, Rank.STAFF, role)] * 4
        posts += [(s, Rank.STAFF, Role.UNIT_STAFF) for s in sections for _ in range(4)]
        for t in townships:
            posts += [(t, Rank.SECTION, Role.UNIT_STAFF)] * 15 + [(t, Rank.STAFF, Role.CLERK)] * 5
        posts += [(p, Rank.VILLAGE_CADRE, Role.UNIT_STAFF) for p in places for _ in range(2)]
        posts += [(g, Rank.OTHER, Role.GRID_WORKER)
                  for g in rng.sample(grids, TOTAL_PEOPLE - len(posts))]
        people = []
        for unit, rank, _ in posts:
            phone = f"13{rng.randrange(10**9):09d}"
            people.append(Person(unit=unit, name=name(), rank=rank, phone=phone,
                                 phone_digest=pii.blind_index(phone)))
        Person.objects.bulk_create(people, batch_size=BATCH)
        staffed = list(zip(people, posts, strict=True))
        RoleGrant.objects.bulk_create(
            (RoleGrant(person=person, role=role, unit=unit) for person, (unit, _, role) in staffed),
            batch_size=BATCH,
        )

        # The clerk works in a township in the middle; the supervisor in 督查室.
        clerk_person = next(p for p, (unit, _, role) in staffed
                            if role == Role.CLERK and unit == townships[TOWNSHIPS // 2])
        supervisor_person = next(p for p, (_, _, role) in staffed if role == Role.SUPERVISION)
        for username, person in (("bench_clerk", clerk_person),
                                 ("bench_duchashi", supervisor_person)):
            user = User(username=username)
            user.set_unusable_password()
            user.save()
            Person.objects.filter(pk=person.pk).update(user=user)
    with connection.cursor() as cur:
        # Fresh statistics, so the planner does not guess on tables it has never seen; on
        # PostgreSQL also a visibility map, so the closure index can answer without the heap
        # (autovacuum does both on a live system).
        cur.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


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


def measure(label, orm, floor, repeat):
    """Medians of the ORM and floor timings; the two alternate, run by run, after a warm-up."""
    orm_rows, floor_rows = orm(), floor()
    if sorted(orm_rows) != sorted(floor_rows):
        sys.exit(f"{label}: the ORM and the floor disagree ({len(orm_rows)} vs {len(floor_rows)}"
                 " rows); the benchmark would compare different things.")
    orm_samples, floor_samples = [], []
    for _ in range(repeat):
        orm_samples.append(elapsed_ms(orm))
        floor_samples.append(elapsed_ms(floor))
    return (label, len(orm_rows), statistics.median(orm_samples),
            statistics.median(floor_samples))


def run(repeat):
    from django.db import connection

    from taizhang.org.constants import UnitKind
    from taizhang.org.models import Person, Unit, User
    from taizhang.org.visibility import restrict

    def fetch(query, params=()):
        with connection.cursor() as cur:
            cur.execute(query, params)
            return [row[0] for row in cur.fetchall()]

    def subtree_floor(unit):
        return lambda: fetch(
            "SELECT descendant_id FROM org_unitclosure WHERE ancestor_id = %s", [unit.pk])

    def subtree_cte(unit):
        return lambda: fetch(
            "WITH RECURSIVE sub(id) AS (SELECT id FROM org_unit WHERE id = %s "
            "UNION ALL SELECT u.id FROM org_unit u JOIN sub ON u.parent_id = sub.id) "
            "SELECT id FROM sub", [unit.pk])

    def subtree_orm(unit):
        return lambda: list(unit.descendants().values_list("pk", flat=True))

    def visible_people(user):
        def query():
            # A fresh scope each time, as in a request: includes reading the role grants.
            user.__dict__.pop("_taizhang_scope", None)
            return list(restrict(Person.objects.all(), user).values_list("pk", flat=True))
        return query

    root = Unit.objects.get(parent=None)
    clerk = User.objects.select_related("person").get(username="bench_clerk")
    supervisor = User.objects.select_related("person").get(username="bench_duchashi")
    township = clerk.person.unit
    assert township.kind in (UnitKind.TOWNSHIP, UnitKind.SUBDISTRICT)

    rows = [
        measure("(a) subtree of a township", subtree_orm(township), subtree_floor(township),
                repeat),
        measure("(b) subtree of the district", subtree_orm(root), subtree_floor(root), repeat),
        measure("(c) people visible to a clerk", visible_people(clerk), lambda: fetch(
            "SELECT p.id FROM org_person p JOIN org_unitclosure c ON c.descendant_id = p.unit_id "
            "WHERE c.ancestor_id = %s", [township.pk]), repeat),
        measure("(d) people visible to supervision", visible_people(supervisor),
                lambda: fetch("SELECT id FROM org_person"), repeat),
    ]
    informative = [
        measure("recursive CTE, township", subtree_cte(township), subtree_floor(township),
                repeat),
        measure("recursive CTE, district", subtree_cte(root), subtree_floor(root), repeat),
    ]
    return rows, informative


def print_table(title, first_column, rows):
    print(f"\n{title}")
    print(f"{'operation':<34}{'rows':>8}{first_column:>12}{'floor ms':>11}{'ratio':>8}")
    for label, count, orm_ms, floor_ms in rows:
        print(f"{label:<34}{count:>8}{orm_ms:>12.2f}{floor_ms:>11.2f}"
              f"{orm_ms / floor_ms:>7.2f}×")


def main():
    args = parse_args()
    started = time.perf_counter()
    where = prepare_database(args.rebuild)
    setup_django()

    import django
    from django.db import connection

    from taizhang.org.models import Person, Unit

    units, people = Unit.objects.count(), Person.objects.count()
    if (units, people) == (TOTAL_UNITS, TOTAL_PEOPLE):
        print(f"Data: reusing {units} units and {people} people (--rebuild to build again).")
    elif units or people:
        sys.exit(f"The bench database holds {units} units and {people} people, not the bench "
                 "data; run with --rebuild to replace them.")
    else:
        build_started = time.perf_counter()
        build(random.Random(2026))
        print(f"Data: built {Unit.objects.count()} units and {Person.objects.count()} people in "
              f"{time.perf_counter() - build_started:.1f} s.")

    with connection.cursor() as cur:
        cur.execute("SELECT sqlite_version()" if connection.vendor == "sqlite" else "SHOW "
                    "server_version")
        version = cur.fetchone()[0]
    print(f"{date.today()} · {where} ({connection.vendor} {version}) · Django "
          f"{django.get_version()} · Python {platform.python_version()} · "
          f"{os.cpu_count()} CPUs · median of {args.repeat} runs")

    rows, informative = run(args.repeat)
    print_table("ORM against the raw SQL floor", "ORM ms", rows)
    print_table("Recursive CTE on parent_id instead of the closure table (for comparison)",
                "CTE ms", informative)
    print(f"\nTotal run time {time.perf_counter() - started:.1f} s.")


if __name__ == "__main__":
    main()
