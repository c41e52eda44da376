"""Repeat detection over 500,000 petitions, and the petition figures of a year.

    .venv/bin/python bench/petitions.py                  # SQLite, var/bench/petitions.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/taizhang_bench_petitions \\
        .venv/bin/python bench/petitions.py              # PostgreSQL, created if missing
    … --rebuild                                          # drop the bench data and build it again

The demo district (``load_demo``: its 信访局 login and the villages and townships where matters
arise) with 500,000 petitions received over three years (to 31 August 2026), one petitioner
each, arriving day by day: most people come once; a pool of 20,000 come back again and again
on the same matter, linked as repeats by the rule (same person, category and place within
180 days). Personal data encrypted as in production, from a pool of people encrypted once.

Timed, median over 200 new petitions (half by people of the repeat pool on their matter):

- ``repeats.find_earlier`` — the detection query registration runs — against its floor, the
  single indexed lookup written by hand (the petitioner's digest, joined to the petition on
  the same matter within the window, latest first, LIMIT 1), checked to give the same answer;
- ``register_petition`` whole (checks, encryption, the rows, the events, the detection), rolled
  back each time: informative.

And the figures of the last year grouped by the place the matter arose and by month, as the
petition office asks for them (``petitions.figures.figures``, visibility included), against
the very GROUP BY statement they run, executed as raw SQL.
"""

import argparse
import random
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import org_queries
from org_queries import elapsed_ms, print_table, setup_django

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = ROOT / "var" / "bench" / "petitions.sqlite3"
PETITIONS = 500_000
REPEATERS = 20_000
SAMPLES = 200
FIRST_DAY, LAST_DAY = date(2023, 9, 1), date(2026, 8, 31)
NOW = datetime(2026, 9, 1, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
CHUNK = 20_000
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕"
GIVEN = "伟强军磊涛斌峰建国明志勇海鹏辉刚杰芳娜敏静丽艳霞燕玲婷洁娟萍慧颖雪琳倩"
PETITION_FIELDS = ("id", "registration_no", "channel", "received_on", "content", "category",
                   "origin_unit", "bypassed", "head_count", "is_accusation", "accused_name",
                   "status", "accept_due", "assign_due", "due_known", "decided_on",
                   "refusal_notice", "reply_text", "replied_on", "evaluation", "evaluated_on",
                   "closed_on", "repeat_of", "created_at", "updated_at", "handling_due")
PETITIONER_FIELDS = ("petition", "name", "id_number", "phone", "address", "id_digest",
                     "name_phone_digest", "sort_order")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="drop the bench data and rebuild")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of the figures")
    return parser.parse_args()


def id_number(rng):
    from stdnum.cn import ric

    born = date(1945, 1, 1) + timedelta(days=rng.randrange(60 * 365))
    body = f"110105{born:%Y%m%d}{rng.randrange(1000):03d}"
    return body + ric.calc_check_digit(body + "0")  # it reads all but the last character


class People:
    """Petitioners, encrypted once each: a pool of repeaters, and new people made on demand
    from a smaller pool of ciphertexts (their digests are made unique, as people are)."""

    def __init__(self, rng):
        from taizhang.org import pii
        from taizhang.petitions.models.petitions import name_phone_key

        self.pii, self.key, self.rng = pii, name_phone_key, rng
        self.cipher = [self._encrypted() for _ in range(500)]
        self.repeaters = [self.person() for _ in range(REPEATERS)]

    def _encrypted(self):
        name = self.rng.choice(SURNAMES) + "".join(self.rng.choices(GIVEN, k=2))
        number, phone = id_number(self.rng), f"13{self.rng.randrange(10**9):09d}"
        return name, number, phone, tuple(self.pii.encrypt(v) for v in (name, number, phone))

    def person(self):
        """(encrypted name, id, phone, id digest, name+phone digest) of a new person."""
        name, _, _, (c_name, c_id, c_phone) = self.rng.choice(self.cipher)
        number = id_number(self.rng)
        phone = f"13{self.rng.randrange(10**9):09d}"
        return (c_name, c_id, c_phone, self.pii.blind_index(number),
                self.pii.blind_index(self.key(name, phone)), number, name, phone)


def build(rng):
    from django.db import connection, transaction

    from taizhang.org.bulk import insert_rows
    from taizhang.org.constants import UnitKind
    from taizhang.org.demo.load import load_demo
    from taizhang.org.models import Unit
    from taizhang.petitions.constants import Channel, Status
    from taizhang.petitions.models import Category, Petition, Petitioner

    load_demo()
    places = list(Unit.objects.filter(kind__in=(UnitKind.VILLAGE, UnitKind.COMMUNITY,
                                                UnitKind.TOWNSHIP, UnitKind.SUBDISTRICT))
                  .values_list("pk", flat=True))
    categories = list(Category.objects.values_list("pk", flat=True))
    people = People(rng)
    matters = {n: (rng.choice(categories), rng.choice(places)) for n in range(REPEATERS)}
    days = sorted(FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
                  for _ in range(PETITIONS))
    ops = connection.ops
    chains = {}  # repeater → (first petition id, last day)
    with transaction.atomic():
        for start in range(0, PETITIONS, CHUNK):
            petitions, petitioners = [], []
            for n in range(start, min(start + CHUNK, PETITIONS)):
                pk, day = n + 1, days[n]
                repeater = rng.randrange(REPEATERS) if rng.random() < 0.25 else None
                if repeater is None:
                    person = people.person()
                    category, place = rng.choice(categories), rng.choice(places)
                    first = None
                else:
                    person = people.repeaters[repeater]
                    category, place = matters[repeater]
                    first, last = chains.get(repeater, (None, None))
                    if first is not None and (day - last).days > 180:
                        first = None
                    chains[repeater] = (first or pk, day)
                closed = day + timedelta(days=40) <= LAST_DAY
                petitions.append((
                    pk, f"XF{day.year}-{n:07d}", rng.choice(Channel.values),
                    ops.adapt_datefield_value(day), "反映问题", category, place,
                    rng.random() < 0.05, 1, False, "",
                    Status.CLOSED if closed else Status.HANDLING,
                    ops.adapt_datefield_value(day + timedelta(days=15)),
                    ops.adapt_datefield_value(day + timedelta(days=15)), True,
                    ops.adapt_datefield_value(day + timedelta(days=3)), "",
                    "已答复" if closed else "",
                    ops.adapt_datefield_value(day + timedelta(days=35)) if closed else None,
                    "satisfied" if closed else "",
                    ops.adapt_datefield_value(day + timedelta(days=38)) if closed else None,
                    ops.adapt_datefield_value(day + timedelta(days=40)) if closed else None,
                    first, ops.adapt_datetimefield_value(NOW), ops.adapt_datetimefield_value(NOW),
                    ops.adapt_datefield_value(day + timedelta(days=63))))
                petitioners.append((pk, *person[:3], "", *person[3:5], 0))
            insert_rows(Petition, PETITION_FIELDS, petitions)
            insert_rows(Petitioner, PETITIONER_FIELDS, petitioners)
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SELECT setval(pg_get_serial_sequence('petitions_petition', 'id'), "
                        "(SELECT max(id) FROM petitions_petition))")
            cur.execute("VACUUM ANALYZE")
        else:
            cur.execute("ANALYZE")
    return people, matters


FLOOR = """
    SELECT p.id, p.repeat_of_id FROM petitions_petitioner r
    JOIN petitions_petition p ON p.id = r.petition_id
    WHERE (r.id_digest = %(id)s OR r.name_phone_digest = %(np)s)
      AND p.category_id = %(category)s AND p.origin_unit_id = %(place)s
      AND p.received_on BETWEEN %(since)s AND %(day)s AND p.is_accusation = %(false)s
    ORDER BY p.received_on DESC, p.id DESC LIMIT 1"""


def newcomers(rng, people, matters):
    """SAMPLES new petitions on 1 September 2026: half by repeaters on their matter."""
    from taizhang.org.constants import UnitKind
    from taizhang.org.models import Unit
    from taizhang.petitions.models import Category

    places = list(Unit.objects.filter(kind=UnitKind.VILLAGE).values_list("pk", flat=True))
    categories = list(Category.objects.values_list("pk", flat=True))
    made = []
    for n in range(SAMPLES):
        if n % 2:
            repeater = rng.randrange(REPEATERS)
            made.append((people.repeaters[repeater], *matters[repeater]))
        else:
            made.append((people.person(), rng.choice(categories), rng.choice(places)))
    return made


def run_detection(samples):
    from django.db import connection

    from taizhang.petitions.limits import repeat_window_start
    from taizhang.petitions.models import Petition
    from taizhang.petitions.repeats import find_earlier

    day = NOW.date()
    ops = connection.ops
    ours, floor, found = [], [], 0
    with connection.cursor() as cur:
        for person, category, place in samples:
            probe = Petition(category_id=category, origin_unit_id=place, received_on=day)
            params = {"id": person[3], "np": person[4], "category": category, "place": place,
                      "since": ops.adapt_datefield_value(repeat_window_start(day)),
                      "day": ops.adapt_datefield_value(day), "false": False}

            def detect(probe=probe, person=person):
                return find_earlier(probe, {person[3]}, {person[4]})

            def lookup(params=params):
                cur.execute(FLOOR, params)
                row = cur.fetchone()
                return None if row is None else tuple(row)

            if detect() != lookup():
                sys.exit("find_earlier and the floor disagree: they would measure different "
                         "things.")
            found += detect() is not None
            for _ in range(3):
                ours.append(elapsed_ms(detect))
                floor.append(elapsed_ms(lookup))
    return statistics.median(ours), statistics.median(floor), found


def run_registration(samples):
    from django.db import transaction

    from taizhang.org.models import Unit, User
    from taizhang.petitions.constants import Channel
    from taizhang.petitions.models import Category
    from taizhang.petitions.registration import register_petition

    officer = User.objects.select_related("person").get(username="xinfang")
    units, categories = Unit.objects.in_bulk(), Category.objects.in_bulk()
    times = []
    for person, category, place in samples[:60]:
        def register(person=person, category=category, place=place):
            with transaction.atomic():
                register_petition(
                    actor=officer, channel=Channel.VISIT, received_on=NOW.date(),
                    content="反映问题", category=categories[category], origin_unit=units[place],
                    petitioners=[{"name": person[6], "id_number": person[5],
                                  "phone": person[7], "address": ""}])
                transaction.set_rollback(True)
        times.append(elapsed_ms(register))
    return statistics.median(times)


def run_figures(repeat):
    from django.db import connection

    from taizhang.hall.figures.periods import BucketStart
    from taizhang.org.models import User
    from taizhang.petitions import figures
    from taizhang.petitions.figures.compute import PREFIX
    from taizhang.petitions.figures.definitions import aggregates, in_scope
    from taizhang.petitions.queries import visible_petitions

    officer = User.objects.select_related("person").get(username="xinfang")
    year = figures.Period(date(2025, 9, 1), date(2026, 8, 31))

    def ours():
        officer.__dict__.pop("_taizhang_scope", None)
        officer.__dict__.pop("_taizhang_petition_office", None)
        return figures.figures(officer, year, by="origin_unit", bucket="month")

    # The same GROUP BY the figures run for the petitions, as one raw statement.
    each = {PREFIX + k: v for k, v in aggregates(None, NOW.date()).items()}
    grouped = (visible_petitions(officer).filter(in_scope(year)).order_by()
               .annotate(bucket=BucketStart("received_on", "month"))
               .values("origin_unit_id", "bucket").annotate(**each))
    sql, params = grouped.query.sql_with_params()

    def floor():
        with connection.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall()

    rows = len(ours().rows)
    samples = [(elapsed_ms(ours), elapsed_ms(floor)) for _ in range(repeat)]
    return rows, statistics.median(s[0] for s in samples), statistics.median(
        s[1] for s in samples)


def main():
    args = parse_args()
    started = time.perf_counter()
    where = org_queries.prepare_database(args.rebuild, SQLITE_PATH)
    setup_django()

    import django
    import time_machine
    from django.db import connection

    from taizhang.petitions.models import Petition

    rng = random.Random(2026)
    with time_machine.travel(NOW, tick=False):
        count = Petition.objects.count()
        if count and count != PETITIONS:
            sys.exit(f"The bench database holds {count} petitions; run with --rebuild.")
        build_started = time.perf_counter()
        if count:
            sys.exit("Reusing a built database needs the same people: run with --rebuild.")
        people, matters = build(rng)
        print(f"Data: built {Petition.objects.count()} petitions in "
              f"{time.perf_counter() - build_started:.1f} s.")
        samples = newcomers(rng, people, matters)
        detect_ms, floor_ms, found = run_detection(samples)
        register_ms = run_registration(samples)
        rows, figures_ms, figures_floor = run_figures(args.repeat)

    with connection.cursor() as cur:
        cur.execute("SELECT sqlite_version()" if connection.vendor == "sqlite"
                    else "SHOW server_version")
        version = cur.fetchone()[0]
    print(f"{date.today()} · {where} ({connection.vendor} {version}) · Django "
          f"{django.get_version()} · {SAMPLES} new petitions, {found} of them repeats")
    print_table("Repeat detection and figures over 500,000 petitions", "ms", [
        ("repeat detection (find_earlier)", found, detect_ms, floor_ms),
        ("registration, whole (rolled back)", found, register_ms, floor_ms),
        ("figures of a year by place and month", rows, figures_ms, figures_floor),
    ])
    print(f"\nTotal run time {time.perf_counter() - started:.1f} s.")


if __name__ == "__main__":
    main()
