"""The service hall's figures for one year over 1,000,000 applications, against the GROUP BY floor.

    .venv/bin/python bench/hall_figures.py                # SQLite, var/bench/hall_figures.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/taizhang_bench_hall \\
        .venv/bin/python bench/hall_figures.py            # PostgreSQL, created if missing
    … --rebuild                                           # drop the bench data and build it again

The district, centres and catalogue are the demo's (``taizhang demo`` minus the ledgers); on
top come 1,000,000 applications accepted (or refused) on the working days of 2025, written
with multi-row INSERTs, and ratings for about a third of the finished ones. The figures are
asked for as the dashboard asks for them (``hall.figures.figures(user, …)``, visibility
included), as of a fixed day early in 2026, and printed with their ratio to the single
hand-written GROUP BY that computes the same aggregates, timed in the same run.
"""

import argparse
import random
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import org_queries
from org_queries import elapsed_ms, print_table, setup_django

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = ROOT / "var" / "bench" / "hall_figures.sqlite3"

APPLICATIONS = 1_000_000
YEAR = 2025
# The figures are read as of a Friday early the next year, as for an annual report.
NOW = datetime(2026, 1, 9, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
CHUNK = 50_000
RATED = 0.35  # of the finished applications
GRADES = ((5, 0.80), (4, 0.14), (3, 0.045), (2, 0.01), (1, 0.005))
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕"
GIVEN = "伟强军磊涛斌峰建国明志勇海鹏辉刚杰芳娜敏静丽艳霞燕玲婷洁娟萍慧颖雪琳倩"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="drop the bench data and rebuild")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per query (median)")
    return parser.parse_args()


class Calendar:
    """Working days from the start of YEAR to well past NOW, by index, for quick arithmetic."""

    def __init__(self):
        from taizhang.org.workdays import is_working_day

        day, self.days = date(YEAR, 1, 1), []
        while day < date(YEAR + 1, 6, 30):
            if is_working_day(day):
                self.days.append(day)
            day += timedelta(days=1)
        self.index = {d: n for n, d in enumerate(self.days)}
        self.year = [d for d in self.days if d.year == YEAR]

    def after(self, day, n):
        return self.days[self.index[day] + n]


def build(rng):
    """The demo district, centres and catalogue, then the applications and their ratings."""
    from django.db import connection, transaction

    from taizhang.hall.demo.load import load_hall_demo
    from taizhang.hall.models import Matter
    from taizhang.org.demo.load import load_demo
    from taizhang.org.models import Person

    load_demo()
    load_hall_demo(applications=0)
    calendar = Calendar()
    matters = []
    for matter in Matter.objects.select_related("current").prefetch_related("centres"):
        version = matter.current
        centres = [(c.pk, c.unit_id) for c in matter.centres.all()]
        # A few matters are asked for far more often than the rest (身份证, 社保, 医保 …).
        matters.append((version, centres, rng.paretovariate(1.2)))
    weights = [w for _, _, w in matters]
    staff = {}
    for pk, unit_id in Person.objects.values_list("pk", "unit_id"):
        staff.setdefault(unit_id, []).append(pk)
    secrets = _secrets(rng)
    # Applications arrive day by day: ids follow the days, as they do in a live centre.
    days = sorted(rng.choices(calendar.year, k=APPLICATIONS))

    with transaction.atomic():
        made = 0
        while made < APPLICATIONS:
            n = min(CHUNK, APPLICATIONS - made)
            rows, outcomes = [], []
            for picked in rng.choices(matters, weights, k=n):
                row, outcome = _application(rng, calendar, picked, days[made], staff, secrets,
                                            made)
                rows.append(row)
                outcomes.append(outcome)
                made += 1
            _insert(rows, outcomes, rng)
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def _secrets(rng):
    """A thousand applicants' encrypted ID numbers and phones, with their search hashes: the
    rows get real-sized ciphertexts without encrypting a million values."""
    from taizhang.org import pii

    made = []
    for n in range(1000):
        id_number = f"41010{rng.randrange(10**12):012d}X"
        phone = f"13{rng.randrange(10**9):09d}"
        made.append((pii.encrypt(id_number), pii.blind_index(id_number), pii.encrypt(phone),
                     pii.blind_index(phone),
                     rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=n % 2 + 1))))
    return made


FIELDS = ("receipt_no", "version", "centre", "channel", "mode", "applicant_name", "id_number",
          "id_digest", "phone", "phone_digest", "address", "staff", "department", "status",
          "accepted_on", "deadline", "deadline_known", "paused_days", "completed_on",
          "days_taken", "paused_from", "reason", "created_at")


def _application(rng, calendar, picked, day, staff, secrets, n):
    """One application's row (values in Python form) and whether it may be rated."""
    from taizhang.hall.constants import Channel, Mode, Status

    version, centres, _ = picked
    centre, centre_unit = rng.choice(centres)
    online = version.online and rng.random() < 0.3
    mode = Mode.INSTANT if Mode.INSTANT in version.modes else rng.choice(version.modes)
    helper = rng.choice(staff[centre_unit]) if mode in (Mode.PROXY, Mode.ACCOMPANY) else None
    limit = version.time_limit
    roll = rng.random()
    accepted_on, deadline, paused = day, calendar.after(day, limit), 0
    if online and roll < 0.004:
        status, accepted_on, deadline, completed_on, days = (Status.NOT_ACCEPTED, None, None,
                                                             day, None)
    elif limit and roll < 0.007:
        status, days = Status.DENIED, rng.randint(1, limit)
        completed_on = calendar.after(day, days)
    elif limit and roll < 0.009:
        status, completed_on, days = Status.WITHDRAWN, calendar.after(day, 1), 1
    else:
        status = Status.COMPLETED
        days = 0 if not limit else (limit + rng.randint(1, 5) if roll > 0.9995
                                    else rng.randint(1, limit))
        if limit and rng.random() < 0.03:  # 补正: the clock and the deadline wait
            paused = rng.randint(1, 5)
            deadline = calendar.after(deadline, paused)
        completed_on = calendar.after(day, days + paused)
    if completed_on and completed_on > NOW.date():  # not finished yet on the day of the figures
        status = rng.choice((Status.ACCEPTED, Status.IN_PROGRESS, Status.SUPPLEMENT))
        completed_on = days = None
    id_number, id_digest, phone, phone_digest, name = secrets[n % len(secrets)]
    created = datetime.combine(accepted_on or completed_on, datetime.min.time(), NOW.tzinfo)
    row = (f"{day:%Y%m%d}{n:08d}", version.pk, centre, Channel.ONLINE if online
           else Channel.COUNTER, mode, name, id_number, id_digest, phone, phone_digest, "", helper,
           version.department_id, status, accepted_on, deadline, True, paused, completed_on,
           days, "", "不符合受理条件" if status == Status.NOT_ACCEPTED else "",
           created + timedelta(minutes=rng.randint(510, 1050)))
    # Only an outcome can be rated (RATEABLE_STATUSES): not a withdrawal, not an open one.
    return row, None if status in (Status.WITHDRAWN, Status.ACCEPTED, Status.IN_PROGRESS,
                                   Status.SUPPLEMENT) else completed_on


def _insert(rows, finished_on, rng):
    from django.db import connection

    from taizhang.hall.models import Application, Rating
    from taizhang.org.bulk import insert_rows

    ops = connection.ops
    at = FIELDS.index("accepted_on")

    def ready(row):
        row = list(row)
        for n in (at, at + 1, at + 4):
            row[n] = ops.adapt_datefield_value(row[n])
        row[-1] = ops.adapt_datetimefield_value(row[-1])
        return tuple(row)

    ids = insert_rows(Application, FIELDS, [ready(row) for row in rows], returning=True)
    grades, shares = zip(*GRADES, strict=True)
    ratings = [(pk, grade, "办事很方便" if grade > 2 else "等候时间太长",
                ops.adapt_datetimefield_value(datetime.combine(
                    day, datetime.min.time(), NOW.tzinfo) + timedelta(hours=20)))
               for pk, day, grade in zip(ids, finished_on, rng.choices(grades, shares, k=len(ids)),
                                         strict=True)
               if day is not None and rng.random() < RATED]
    insert_rows(Rating, ("application", "grade", "comment", "rated_at"), ratings)


def floor_sql(vendor, where="TRUE"):
    """The figures by centre and month as one hand-written GROUP BY: the same aggregates."""
    month = ("substr(COALESCE(a.accepted_on, a.completed_on), 1, 8) || '01'" if vendor == "sqlite"
             else "DATE_TRUNC('month', COALESCE(a.accepted_on, a.completed_on))::date")
    return f"""
        SELECT a.centre_id, {month} AS month,
          COUNT(*) FILTER (WHERE a.accepted_on IS NOT NULL),
          COUNT(*) FILTER (WHERE a.status = 'completed'),
          COUNT(*) FILTER (WHERE a.status = 'denied'),
          COUNT(*) FILTER (WHERE a.status = 'withdrawn'),
          COUNT(*) FILTER (WHERE a.accepted_on IS NULL),
          COUNT(*) FILTER (WHERE a.status IN ('accepted', 'in_progress', 'supplement')),
          COUNT(*) FILTER (WHERE a.status IN ('accepted', 'in_progress', 'supplement')
                           AND a.deadline < %(today)s),
          COUNT(*) FILTER (WHERE a.status = 'completed' AND a.completed_on > a.deadline),
          COUNT(*) FILTER (WHERE a.status = 'completed' AND a.completed_on <= a.deadline),
          COUNT(*) FILTER (WHERE a.accepted_on IS NOT NULL AND r.id IS NOT NULL),
          COUNT(*) FILTER (WHERE a.accepted_on IS NOT NULL AND r.grade IN (5, 4, 3)),
          COUNT(*) FILTER (WHERE a.accepted_on IS NOT NULL AND r.grade IN (2, 1)),
          COUNT(*) FILTER (WHERE a.status = 'completed' AND a.days_taken IS NOT NULL),
          SUM(a.days_taken) FILTER (WHERE a.status = 'completed')
        FROM hall_application a LEFT JOIN hall_rating r ON r.application_id = a.id
        WHERE (a.accepted_on BETWEEN %(start)s AND %(end)s
               OR (a.status = 'not_accepted' AND a.accepted_on IS NULL
                   AND a.completed_on BETWEEN %(start)s AND %(end)s))
          AND {where}
        GROUP BY 1, 2"""  # noqa: S608  (the two fragments are constants of this script)


# The clerk's visibility, by hand: the centre's unit or the department in their subtree.
CLERK_SEES = ("(a.centre_id IN (SELECT c.id FROM hall_centre c JOIN org_unitclosure u ON "
              "u.descendant_id = c.unit_id WHERE u.ancestor_id = %(unit)s) OR a.department_id IN "
              "(SELECT descendant_id FROM org_unitclosure WHERE ancestor_id = %(unit)s))")


def measure(label, orm, floor, repeat):
    """Median ms of the application's figures and of the floor, alternating, after a check that
    the two count the same."""
    ours, theirs = orm(), floor()
    if ours != theirs:
        sys.exit(f"{label}: the figures and the floor disagree ({len(ours)} vs {len(theirs)} "
                 "rows, or other counts); the benchmark would compare different things.")
    orm_samples, floor_samples = [], []
    for _ in range(repeat):
        orm_samples.append(elapsed_ms(orm))
        floor_samples.append(elapsed_ms(floor))
    return (label, len(ours), sorted(orm_samples)[repeat // 2],
            sorted(floor_samples)[repeat // 2])


def run(repeat):
    from django.db import connection

    from taizhang.hall import figures
    from taizhang.hall.models import Centre
    from taizhang.org.models import User

    year = figures.Period(date(YEAR, 1, 1), date(YEAR, 12, 31))
    supervisor = User.objects.select_related("person").get(username="duchashi")
    clerk = User.objects.select_related("person").get(username="clerk")
    params = {"start": year.start, "end": year.end, "today": NOW.date(),
              "unit": clerk.person.unit_id}
    if connection.vendor == "sqlite":
        params = {k: str(v) if isinstance(v, date) else v for k, v in params.items()}
    # Centre names are part of the answer, as the application's rows carry them.
    names = dict(Centre.objects.values_list("pk", "name"))

    def ours(user):
        def query():
            user.__dict__.pop("_taizhang_scope", None)  # a fresh scope, as in a request
            table = figures.figures(user, year, by="centre", bucket="month")
            return sorted((row.labels["centre"], row.bucket, *astuple(row.figures))
                          for row in table.rows)
        return query

    def floor(where="TRUE"):
        query = floor_sql(connection.vendor, where)

        def fetch():
            with connection.cursor() as cur:
                cur.execute(query, params)
                return sorted((names.get(centre, "未指定服务中心（网上申请）"), _day(month),
                               *(n or 0 for n in counts))
                              for centre, month, *counts in cur.fetchall())
        return fetch

    return [
        measure("by centre and month, 督查室", ours(supervisor), floor(), repeat),
        measure("by centre and month, clerk", ours(clerk), floor(CLERK_SEES), repeat),
    ]


def astuple(figures):
    from dataclasses import astuple as values

    return values(figures)


def _day(value):
    return value if isinstance(value, date) else date.fromisoformat(value)


def main():
    args = parse_args()
    started = time.perf_counter()
    where = org_queries.prepare_database(args.rebuild, SQLITE_PATH)
    setup_django()

    import django
    import time_machine
    from django.db import connection

    from taizhang.hall.models import Application, Rating

    applications = Application.objects.count()
    if applications == APPLICATIONS:
        print(f"Data: reusing {applications} applications and {Rating.objects.count()} ratings "
              "(--rebuild to build again).")
    elif applications:
        sys.exit(f"The bench database holds {applications} applications, not the bench data; "
                 "run with --rebuild to replace them.")
    else:
        build_started = time.perf_counter()
        with time_machine.travel(NOW, tick=False):
            build(random.Random(2026))
        print(f"Data: built {Application.objects.count()} applications and "
              f"{Rating.objects.count()} ratings in {time.perf_counter() - build_started:.1f} s.")

    with connection.cursor() as cur:
        cur.execute("SELECT sqlite_version()" if connection.vendor == "sqlite" else "SHOW "
                    "server_version")
        version = cur.fetchone()[0]
    print(f"{date.today()} · {where} ({connection.vendor} {version}) · Django "
          f"{django.get_version()} · median of {args.repeat} runs · figures of {YEAR} as of "
          f"{NOW.date()}")
    with time_machine.travel(NOW, tick=False):
        rows = run(args.repeat)
    print_table("Figures of one year, grouped by centre and month, against one GROUP BY",
                "figures ms", rows)
    print(f"\nTotal run time {time.perf_counter() - started:.1f} s.")


if __name__ == "__main__":
    main()
