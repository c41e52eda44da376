"""October's monthly assessment (月考核) over a year of records, against the raw SQL of its sums.

    .venv/bin/python bench/reports.py                  # SQLite, var/bench/reports.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/taizhang_bench_reports \\
        .venv/bin/python bench/reports.py              # PostgreSQL, created if missing
    … --rebuild                                        # drop the bench data and build it again

The demo district, centres and catalogue (no demo ledgers); on top, over the twelve months to
31 October 2026, arriving day by day: 1,000,000 applications (as ``hall_figures.py`` makes
them, about a third of the finished ones rated), 200,000 ledger items in a few dozen ledgers,
led by the townships, departments and villages (about 70 % closed, some after the deadline;
some open past it), and 200,000 petitions (as ``petitions.py`` makes them) handled by units
all over the district, with their decisions, replies and evaluations, some overdue.

Timed on 2 November 2026, median of ``--repeat`` runs:

- ``reports.content.compute`` of October's 月考核 for the whole district with the default
  scheme, against the floor: the aggregations the report needs, as hand-written SQL — for
  October and September, the items' counts per lead unit, the applications' per department
  and the petitions' per handling unit; and October's overdue and late-closed items, the first
  of them by name, and the overdue unreplied petitions, for the deductions. The floor is
  checked to give the report's numbers. Then ``compute`` taken apart: ``gather`` (each source),
  ``assess`` and the rest.
- the dashboard (``reports:dashboard``), a whole request through the test client, for 督查室
  and for a township leader.
"""

import argparse
import importlib.util
import random
import statistics
import sys
import time
from collections import Counter
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from unittest import mock
from zoneinfo import ZoneInfo

import hall_figures
import org_queries
import petitions as petition_bench
from org_queries import elapsed_ms, print_table, setup_django

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = ROOT / "var" / "bench" / "reports.sqlite3"
APPLICATIONS, ITEMS, PETITIONS = 1_000_000, 200_000, 200_000
FIRST_DAY, LAST_DAY = date(2025, 11, 1), date(2026, 10, 31)
NOW = datetime(2026, 11, 2, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
TODAY = NOW.date()
MONTH, BEFORE = (date(2026, 10, 1), date(2026, 10, 31)), (date(2026, 9, 1), date(2026, 9, 30))
CHUNK = 50_000


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="drop the bench data and rebuild")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each (median)")
    return parser.parse_args()


def days_of_year(rng, k):
    return sorted(FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
                  for _ in range(k))


class Workdays:
    """The working days from the bench's first day well past its last, as
    ``hall_figures.Calendar`` for its year."""

    def __init__(self):
        from taizhang.org.workdays import is_working_day

        self.days = [FIRST_DAY + timedelta(days=n) for n in range(600)]
        self.days = [day for day in self.days if is_working_day(day)]
        self.index = {day: n for n, day in enumerate(self.days)}
        self.year = [day for day in self.days if day <= LAST_DAY]

    def after(self, day, n):
        return self.days[self.index[day] + n]


def build(rng):
    from django.db import connection

    from taizhang.hall.demo.load import load_hall_demo
    from taizhang.org.demo.load import load_demo

    load_demo()
    load_hall_demo(applications=0)
    build_applications(rng)
    build_items(rng)
    build_petitions(rng)
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def build_applications(rng):
    """hall_figures' applications and ratings, over this bench's year."""
    from django.db import transaction

    from taizhang.hall.models import Matter
    from taizhang.org.models import Person

    calendar = Workdays()
    matters = [(m.current, [(c.pk, c.unit_id) for c in m.centres.all()], rng.paretovariate(1.2))
               for m in Matter.objects.select_related("current").prefetch_related("centres")]
    weights = [weight for *_, weight in matters]
    staff = {}
    for pk, unit_id in Person.objects.values_list("pk", "unit_id"):
        staff.setdefault(unit_id, []).append(pk)
    secrets = hall_figures._secrets(rng)
    days = sorted(rng.choices(calendar.year, k=APPLICATIONS))
    # hall_figures leaves open what would finish after its NOW: here, after this bench's day.
    with mock.patch.object(hall_figures, "NOW", NOW), transaction.atomic():
        for start in range(0, APPLICATIONS, CHUNK):
            picked = rng.choices(matters, weights, k=min(CHUNK, APPLICATIONS - start))
            made = [hall_figures._application(rng, calendar, matter, days[n], staff, secrets, n)
                    for n, matter in enumerate(picked, start)]
            hall_figures._insert([row for row, _ in made], [done for _, done in made], rng)


def district_units():
    """The district, its townships, their villages (by township) and its departments."""
    from taizhang.org.constants import UnitKind
    from taizhang.org.demo.district import DISTRICT_CODE
    from taizhang.org.models import Unit

    root = Unit.objects.get(division_code=DISTRICT_CODE)
    under = Unit.objects.filter(parent=root)
    townships = list(under.filter(kind__in=(UnitKind.TOWNSHIP, UnitKind.SUBDISTRICT))
                     .values_list("pk", flat=True))
    villages = {t: list(Unit.objects.filter(parent_id=t).values_list("pk", flat=True))
                for t in townships}
    departments = list(under.filter(kind=UnitKind.DEPARTMENT).values_list("pk", flat=True))
    return root, townships, villages, departments


ITEM_FIELDS = ("ledger", "code", "title", "leader", "lead_unit", "goal", "measures", "deadline",
               "deadline_known", "frequency", "status", "assigned_on", "last_reported_on",
               "close_evidence", "closed_on", "created_at", "updated_at")


def build_items(rng):
    """A ledger of each kind for the district and for each township; ITEMS items created over
    the year, led by a department or township (district ledgers) or by the township or one
    of its villages (its own ledgers)."""
    from django.db import transaction

    from taizhang.ledger.models import Item, Ledger, LedgerKind
    from taizhang.org.bulk import insert_rows
    from taizhang.org.models import Person

    root, townships, villages, departments = district_units()
    leaders = list(Person.objects.filter(unit=root).values_list("pk", flat=True))
    kinds = list(LedgerKind.objects.all())
    with transaction.atomic():
        district_ledgers = Ledger.objects.bulk_create(
            Ledger(kind=kind, name=f"全区{kind.name}台账", unit=root, year=2026,
                   code_prefix=f"Q{kind.code.upper()[:8]}") for kind in kinds)
        township_ledgers = Ledger.objects.bulk_create(
            Ledger(kind=kind, name=f"{kind.name}台账", unit_id=t, year=2026,
                   code_prefix=f"T{t}{kind.code.upper()[:8]}")
            for t in townships for kind in kinds)
        numbers, rows = Counter(), []
        for day in days_of_year(rng, ITEMS):
            if rng.random() < 0.4:
                ledger = rng.choice(district_ledgers)
                lead = rng.choice(departments if rng.random() < 0.55 else townships)
            else:
                ledger = rng.choice(township_ledgers)
                lead = (ledger.unit_id if rng.random() < 0.3
                        else rng.choice(villages[ledger.unit_id]))
            numbers[ledger.pk] += 1
            rows.append(_item(rng, day, ledger, numbers[ledger.pk], lead, rng.choice(leaders)))
        insert_rows(Item, ITEM_FIELDS, rows)


def _item(rng, day, ledger, number, lead, leader):
    from django.db import connection

    ops = connection.ops
    deadline = day + timedelta(days=rng.randint(20, 150))
    closed = None
    if rng.random() < 0.8:  # closed by now, unless that day is still to come
        late = rng.random() < 0.12
        closed = (deadline + timedelta(days=rng.randint(1, 40)) if late
                  else day + timedelta(days=rng.randint(3, (deadline - day).days)))
        closed = closed if closed < TODAY else None  # not closed yet
    if closed is not None:
        status, reported = "closed", closed
    else:
        roll = rng.random()
        status = "pending" if roll < 0.03 else "close_requested" if roll < 0.1 else "in_progress"
        reported = min(TODAY, day + timedelta(days=rng.randint(0, 40)))
        if rng.random() < 0.1:  # open past the deadline, by up to four months
            deadline = max(day + timedelta(days=7), TODAY - timedelta(days=rng.randint(1, 120)))
        elif deadline < TODAY:
            deadline = TODAY + timedelta(days=rng.randint(1, 120))
    created = datetime.combine(day, clock(rng.randint(8, 17), rng.randrange(60)), NOW.tzinfo)
    return (ledger.pk, f"{ledger.code_prefix}-{number:05d}",
            f"第{number}项：解决群众反映的突出问题", leader, lead, "年底前全部解决到位。",
            "建立台账，逐项销号。", ops.adapt_datefield_value(deadline), True,
            "weekly" if rng.random() < 0.2 else "monthly", status,
            None if status == "pending" else ops.adapt_datefield_value(day),
            None if status == "pending" else ops.adapt_datefield_value(reported),
            "已完成，附验收材料。" if closed else "", ops.adapt_datefield_value(closed),
            ops.adapt_datetimefield_value(created), ops.adapt_datetimefield_value(NOW))


PETITION_FIELDS = ("id", "registration_no", "channel", "received_on", "content", "category",
                   "origin_unit", "bypassed", "head_count", "is_accusation", "accused_name",
                   "handling_unit", "status", "accept_due", "assign_due", "handling_due",
                   "due_on", "due_known", "decided_on", "assigned_on", "refusal_notice",
                   "reply_text", "replied_on", "evaluation", "evaluated_on", "closed_on",
                   "repeat_of", "created_at", "updated_at")


def build_petitions(rng):
    """petitions.py's petitioners and repeat chains, over this bench's year, each accepted one
    handled by a township (half), a department or a village."""
    from django.db import connection, transaction

    from taizhang.org.bulk import insert_rows
    from taizhang.org.constants import UnitKind
    from taizhang.org.models import Unit
    from taizhang.petitions.models import Category, Petition, Petitioner

    _, townships, villages, departments = district_units()
    places = list(Unit.objects.filter(kind__in=(UnitKind.VILLAGE, UnitKind.COMMUNITY,
                                                UnitKind.TOWNSHIP, UnitKind.SUBDISTRICT))
                  .values_list("pk", flat=True))
    all_villages = [v for township in villages.values() for v in township]
    categories = list(Category.objects.values_list("pk", flat=True))
    people = petition_bench.People(rng)
    repeaters = len(people.repeaters)
    matters = {n: (rng.choice(categories), rng.choice(places)) for n in range(repeaters)}
    days = days_of_year(rng, PETITIONS)
    chains = {}  # repeater → (first petition id, last day)
    with transaction.atomic():
        for start in range(0, PETITIONS, CHUNK):
            petitions, petitioners = [], []
            for n in range(start, min(start + CHUNK, PETITIONS)):
                pk, day = n + 1, days[n]
                repeater = rng.randrange(repeaters) if rng.random() < 0.25 else None
                first = None
                if repeater is None:
                    person = people.person()
                    category, place = rng.choice(categories), rng.choice(places)
                else:
                    person, (category, place) = people.repeaters[repeater], matters[repeater]
                    first, last = chains.get(repeater, (None, None))
                    if first is not None and (day - last).days > 180:
                        first = None
                    chains[repeater] = (first or pk, day)
                roll = rng.random()
                handler = rng.choice(townships if roll < 0.5 else departments if roll < 0.8
                                     else all_villages)
                petitions.append(_petition(rng, pk, day, category, place, handler, first))
                petitioners.append((pk, *person[:3], "", *person[3:5], 0))
            insert_rows(Petition, PETITION_FIELDS, petitions)
            insert_rows(Petitioner, petition_bench.PETITIONER_FIELDS, petitioners)
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT setval(pg_get_serial_sequence('petitions_petition', 'id'), "
                        "(SELECT max(id) FROM petitions_petition))")


def _petition(rng, pk, day, category, place, handler, first):
    """One petition's row: told within 15 days whether accepted (some late), 6 % refused; a
    third handled under the 10-day simple procedure, the rest within 60 days; replies mostly in
    time, 2 % never; four in five replies evaluated, then closed."""
    from django.db import connection

    from taizhang.petitions.constants import Channel, Status

    ops = connection.ops
    accept_due = day + timedelta(days=15)
    decided = day + timedelta(days=rng.randint(1, 17))
    decided = decided if decided <= TODAY else None
    unit = due = replied = evaluated = closed = None
    evaluation = ""
    if decided is None:
        status = Status.REGISTERED
    elif rng.random() < 0.06:
        status, closed = Status.NOT_ACCEPTED, decided
    else:
        limit = 10 if rng.random() < 0.3 else 60
        unit, due = handler, decided + timedelta(days=limit)
        if rng.random() > 0.02:
            replied = decided + timedelta(days=rng.randint(2, limit + limit // 5))
            replied = replied if replied <= TODAY else None
        if replied and rng.random() < 0.8:
            evaluated = replied + timedelta(days=rng.randint(1, 15))
            evaluated = evaluated if evaluated <= TODAY else None
        if evaluated:
            evaluation = rng.choices(("satisfied", "basic", "dissatisfied"), (85, 9, 6))[0]
        if replied and (evaluated or replied + timedelta(days=30)) <= TODAY:
            closed = evaluated or replied + timedelta(days=30)
        status = (Status.CLOSED if closed else Status.EVALUATED if evaluated
                  else Status.REPLIED if replied else Status.HANDLING)
    group = rng.random() < 0.02
    current = (accept_due if status == Status.REGISTERED
               else due if status == Status.HANDLING else None)
    dates = [ops.adapt_datefield_value(d) for d in (
        day, accept_due, accept_due, due, current, decided, decided if unit else None, replied,
        evaluated, closed)]
    return (pk, f"XF{day.year}-{pk:07d}",
            Channel.VISIT if group else rng.choice(Channel.values), dates[0], "反映问题",
            category, place, rng.random() < 0.05, rng.randint(5, 30) if group else 1, False, "",
            unit, status, *dates[1:5], True, *dates[5:7],
            "不符合受理条件" if status == Status.NOT_ACCEPTED else "",
            "已答复" if replied else "", dates[7], evaluation, dates[8], dates[9], first,
            ops.adapt_datetimefield_value(NOW), ops.adapt_datetimefield_value(NOW))


# The floor: what the report counts, as one would write it by hand. Open items (at the end of
# the day %(last)s) are those created by then and not closed by then.
ITEM_OPEN = ("i.created_at < %(end_at)s "
             "AND NOT (i.status = 'closed' AND i.closed_on <= %(last)s)")
ITEM_CLOSED = "i.status = 'closed' AND i.closed_on BETWEEN %(start)s AND %(last)s"
ITEMS_BY_UNIT = f"""
    SELECT i.lead_unit_id,
      COUNT(*) FILTER (WHERE i.created_at >= %(start_at)s AND i.created_at < %(end_at)s),
      COUNT(*) FILTER (WHERE {ITEM_CLOSED}),
      COUNT(*) FILTER (WHERE {ITEM_CLOSED} AND i.closed_on > i.deadline),
      COUNT(*) FILTER (WHERE {ITEM_OPEN}),
      COUNT(*) FILTER (WHERE {ITEM_OPEN} AND i.deadline < %(last)s)
    FROM ledger_item i GROUP BY i.lead_unit_id"""
# Applications: the month's cohort (accepted in it) and its 不予受理, in their state at the end
# of %(last)s: accepted, not accepted, completed, on time, overdue (open past the deadline or
# completed after it), rated, satisfied.
DONE = "a.status = 'completed' AND a.completed_on <= %(last)s"
STILL_OPEN = ("(a.status IN ('accepted', 'in_progress', 'supplement') OR (a.status IN "
              "('completed', 'denied', 'withdrawn') AND a.completed_on > %(last)s))")
RATED = "a.accepted_on IS NOT NULL AND r.rated_at < %(end_at)s"
APPLICATIONS_BY_DEPARTMENT = f"""
    SELECT a.department_id,
      COUNT(*) FILTER (WHERE a.accepted_on IS NOT NULL),
      COUNT(*) FILTER (WHERE a.accepted_on IS NULL),
      COUNT(*) FILTER (WHERE {DONE}),
      COUNT(*) FILTER (WHERE {DONE} AND a.completed_on <= a.deadline),
      COUNT(*) FILTER (WHERE ({STILL_OPEN} AND a.deadline < %(last)s)
                       OR ({DONE} AND a.completed_on > a.deadline)),
      COUNT(*) FILTER (WHERE {RATED}),
      COUNT(*) FILTER (WHERE {RATED} AND r.grade IN (5, 4, 3))
    FROM hall_application a LEFT JOIN hall_rating r ON r.application_id = a.id
    WHERE a.accepted_on BETWEEN %(start)s AND %(last)s
       OR (a.status = 'not_accepted' AND a.accepted_on IS NULL
           AND a.completed_on BETWEEN %(start)s AND %(last)s)
    GROUP BY a.department_id"""
# Petitions received in the month, at the end of %(last)s: 件次, told on time, due to be told,
# replied on time, overdue unreplied, evaluated, satisfied.
UNDECIDED_OVERDUE = ("((p.decided_on IS NULL OR p.decided_on > %(last)s) "
                     "AND p.accept_due < %(last)s)")
UNREPLIED_OVERDUE = ("(p.decided_on <= %(last)s AND p.status NOT IN ('registered', "
                     "'not_accepted') AND (p.replied_on IS NULL OR p.replied_on > %(last)s) "
                     "AND p.handling_due < %(last)s)")
PETITIONS_BY_UNIT = f"""
    SELECT p.handling_unit_id, COUNT(*),
      COUNT(*) FILTER (WHERE p.decided_on <= %(last)s AND p.decided_on <= p.accept_due),
      COUNT(*) FILTER (WHERE p.decided_on <= %(last)s OR {UNDECIDED_OVERDUE}),
      COUNT(*) FILTER (WHERE p.replied_on <= %(last)s AND p.replied_on <= p.handling_due),
      COUNT(*) FILTER (WHERE p.replied_on <= %(last)s OR {UNREPLIED_OVERDUE}),
      COUNT(*) FILTER (WHERE {UNREPLIED_OVERDUE}),
      COUNT(*) FILTER (WHERE p.evaluated_on <= %(last)s),
      COUNT(*) FILTER (WHERE p.evaluated_on <= %(last)s
                       AND p.evaluation IN ('satisfied', 'basic'))
    FROM petitions_petition p WHERE p.received_on BETWEEN %(start)s AND %(last)s
    GROUP BY p.handling_unit_id"""
# 新列积案 and 积案化解 of the month: the cases opened or closed out in it.
BACKLOG = ("SELECT id FROM petitions_backlogcase WHERE opened_on BETWEEN %(start)s AND %(last)s",
           "SELECT c.id FROM petitions_backlogcase c JOIN ledger_item i ON i.id = c.item_id "
           "WHERE i.closed_on BETWEEN %(start)s AND %(last)s")
GROUPED = {"ledger": ITEMS_BY_UNIT, "hall": APPLICATIONS_BY_DEPARTMENT,
           "petitions": PETITIONS_BY_UNIT}
# October's records behind the deductions, and the overdue items named (点名通报).
LISTS = {
    "overdue": f"""SELECT i.id, i.code, i.title, i.lead_unit_id FROM ledger_item i
        WHERE {ITEM_OPEN} AND i.deadline < %(last)s ORDER BY i.deadline, i.code""",
    "closed_late": f"""SELECT i.id, i.code, i.title, i.lead_unit_id FROM ledger_item i
        WHERE {ITEM_CLOSED} AND i.closed_on > i.deadline ORDER BY i.deadline, i.code""",
    "unreplied_overdue": f"""SELECT p.id, p.registration_no, c.name, p.handling_unit_id
        FROM petitions_petition p LEFT JOIN petitions_category c ON c.id = p.category_id
        WHERE p.received_on BETWEEN %(start)s AND %(last)s AND {UNREPLIED_OVERDUE}
        ORDER BY p.received_on, p.id""",
    "named": f"""SELECT i.id, i.code, i.title, u.name, l.name, i.deadline FROM ledger_item i
        JOIN org_unit u ON u.id = i.lead_unit_id JOIN org_person l ON l.id = i.leader_id
        WHERE {ITEM_OPEN} AND i.deadline < %(last)s ORDER BY i.deadline, i.code
        LIMIT %(named)s""",
}


def params(start, last):
    from django.conf import settings
    from django.db import connection

    ops = connection.ops

    def day_start(day):
        return ops.adapt_datetimefield_value(datetime.combine(day, clock.min, NOW.tzinfo))

    return {"start": ops.adapt_datefield_value(start), "last": ops.adapt_datefield_value(last),
            "start_at": day_start(start), "end_at": day_start(last + timedelta(days=1)),
            "named": settings.TAIZHANG_REPORT_NAMED_LIMIT}


def floor_grouped(source):
    """The floor of one source: its GROUP BY for October and for September."""
    from django.db import connection

    def run():
        found = {}
        with connection.cursor() as cur:
            for name, days in (("now", MONTH), ("before", BEFORE)):
                cur.execute(GROUPED[source], params(*days))
                found[name] = {unit: tuple(counts) for unit, *counts in cur.fetchall()}
                if source == "petitions":
                    for query in BACKLOG:
                        cur.execute(query, params(*days))
                        found[name, query] = cur.fetchall()
        return found
    return run


def floor_lists(names):
    from django.db import connection

    def run():
        with connection.cursor() as cur:
            found = {}
            for name in names:
                cur.execute(LISTS[name], params(*MONTH))
                found[name] = cur.fetchall()
            return found
    return run


def floor():
    found = {source: floor_grouped(source)() for source in GROUPED}
    return {**found, **floor_lists(LISTS)()}


def check(found):
    """Exit unless the floor counts what the report counts, unit by unit."""
    from taizhang.reports.periods import period
    from taizhang.reports.sources import hall, ledger, petitions

    def differ(what, ours, theirs):
        if ours != theirs:
            sys.exit(f"{what}: the report's source and the floor disagree ({len(ours)} against "
                     f"{len(theirs)} rows, or other counts); they would measure different "
                     "things.")

    for name, days in (("now", MONTH), ("before", BEFORE)):
        target = period(*days, TODAY)
        differ(f"items {name}", {unit: tuple(counts.values()) for unit, counts
                                 in ledger.unit_figures(target).items()},
               {unit: counts for unit, counts in found["ledger"][name].items() if any(counts)})
        differ(f"applications {name}", {unit: (f.accepted, f.not_accepted, f.completed,
                                               f.on_time, f.overdue, f.rated, f.satisfied)
                                        for unit, f in hall.unit_figures(target)[0].items()},
               found["hall"][name])
        differ(f"petitions {name}", {
            unit: (f.petitions, f.decided_on_time, f.decision_due, f.replied_on_time,
                   f.reply_due, f.unreplied_overdue, f.evaluated, f.satisfied)
            for unit, f in petitions.unit_figures(target)[0].items()}, found["petitions"][name])
    october = period(*MONTH, TODAY)
    for name, source in (("overdue", ledger), ("closed_late", ledger),
                         ("unreplied_overdue", petitions)):
        differ(name, list(source.records(name, october).values_list("pk", flat=True)
                          .order_by(*(("deadline", "code") if source is ledger
                                      else ("received_on", "pk")))),
               [row[0] for row in found[name]])


def median_ms(fn, repeat):
    return statistics.median(elapsed_ms(fn) for _ in range(repeat))


def run_report(repeat):
    """The report against its floor, then the report in its parts against theirs."""
    from taizhang.reports import content as content_module
    from taizhang.reports.constants import SECTIONS, ReportKind, ReportScope
    from taizhang.reports.content import compute
    from taizhang.reports.content.assessment import assess
    from taizhang.reports.content.gather import gather
    from taizhang.reports.models import Scheme
    from taizhang.reports.periods import period, previous
    from taizhang.reports.sources import hall, ledger, petitions

    scheme = Scheme.objects.first()
    now, before = period(*MONTH, TODAY), period(*previous(ReportKind.MONTHLY, MONTH[0]), TODAY)
    assert (before.start, before.end) == BEFORE

    def report():
        return compute(ReportKind.MONTHLY, ReportScope.ALL, *MONTH, today=TODAY, scheme=scheme)

    found = floor()
    check(found)
    content = report()
    deductions = sum(len(sheet["deductions"]) for ranking in ("townships", "departments")
                     for sheet in content["assessment"][ranking])
    report_ms, floor_ms = [], []
    for _ in range(repeat):
        report_ms.append(elapsed_ms(report))
        floor_ms.append(elapsed_ms(floor))
    table_rows = sum(len(block["rows"]) for block in content["blocks"] if "rows" in block)
    whole = [("月考核, 2026年10月, table rows", table_rows,
              statistics.median(report_ms), statistics.median(floor_ms))]

    gathered = gather(now, before, SECTIONS[ReportScope.ALL])
    gather_ms = median_ms(lambda: gather(now, before, SECTIONS[ReportScope.ALL]), repeat)
    assessment = assess(gathered, scheme)
    assess_ms = median_ms(lambda: assess(gathered, scheme), repeat)
    # The rest is compute itself with gather and assess answering at once from the above.
    with (mock.patch.object(content_module, "gather", lambda *_: gathered),
          mock.patch.object(content_module, "assess", lambda *_: assessment)):
        rest_ms = median_ms(report, repeat)

    def both(source):
        return lambda: [source.unit_figures(now), source.unit_figures(before)]

    grouped = {source: median_ms(floor_grouped(source), repeat) for source in GROUPED}
    parts = [
        ("gather (3 sources × 2 months)", len(gathered.units), gather_ms, sum(grouped.values())),
        *((f"  {label}", len(found[source]["now"]), median_ms(both(module), repeat),
           grouped[source])
          for label, source, module in (("items by lead unit", "ledger", ledger),
                                        ("applications by department", "hall", hall),
                                        ("petitions by handling unit", "petitions", petitions))),
        ("assess (deductions, scores)", deductions, assess_ms,
         median_ms(floor_lists(("overdue", "closed_late", "unreplied_overdue")), repeat)),
        ("the rest (sections, 点名通报)", len(found["named"]), rest_ms,
         median_ms(floor_lists(("named",)), repeat)),
    ]
    return whole, parts


def township_leader():
    """A login for the head of the demo clerk's township (单位工作人员 granted there)."""
    from taizhang.org.constants import Rank
    from taizhang.org.models import Person, User

    township = User.objects.select_related("person").get(username="clerk").person.unit_id
    user, _ = User.objects.get_or_create(username="bench_township_leader")
    if not Person.objects.filter(user=user).exists():
        head = (Person.objects.filter(unit_id=township, rank=Rank.SECTION, user=None)
                .order_by("sort_order", "pk").first())
        head.user = user
        head.save(update_fields=["user"])
    return User.objects.select_related("person").get(pk=user.pk)


def run_dashboard(repeat):
    """The dashboard page's server time and, apart, its figures' (``reports.dashboard``); only
    what exists yet."""
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from taizhang.org.models import User

    try:
        url = reverse("reports:dashboard")
    except (ImportError, NoReverseMatch):
        url = None
    module = importlib.util.find_spec("taizhang.reports.dashboard") is not None
    rows = []
    for label, user in (("督查室", User.objects.select_related("person").get(username="duchashi")),
                        ("township leader", township_leader())):
        if url:
            client = Client(HTTP_HOST="localhost")  # DEBUG is off: ALLOWED_HOSTS applies
            client.force_login(user)

            def page(client=client):
                response = client.get(url)
                if response.status_code != 200:
                    sys.exit(f"GET {url} answered {response.status_code}.")

            page()
            rows.append((f"page, {label}", median_ms(page, repeat)))
        if module:
            from taizhang.reports.dashboard import figures

            def compute_figures(user=user):
                user.__dict__.pop("_taizhang_scope", None)  # a fresh scope, as in a request
                figures(user, TODAY)

            compute_figures()
            rows.append((f"figures() alone, {label}", median_ms(compute_figures, repeat)))
    return rows


def counts():
    from taizhang.hall.models import Application, Rating
    from taizhang.ledger.models import Item, Ledger
    from taizhang.petitions.models import Petition, Petitioner

    open_items = Item.objects.exclude(status="closed")
    return {"applications": Application.objects.count(), "ratings": Rating.objects.count(),
            "ledgers": Ledger.objects.count(), "items": Item.objects.count(),
            "items closed": Item.objects.filter(status="closed").count(),
            "items open past the deadline": open_items.filter(deadline__lt=TODAY).count(),
            "petitions": Petition.objects.count(), "petitioners": Petitioner.objects.count(),
            "petitions unreplied past the limit": Petition.objects.filter(
                handling_unit__isnull=False, replied_on__isnull=True,
                handling_due__lt=TODAY).count()}


def main():
    args = parse_args()
    started = time.perf_counter()
    where = org_queries.prepare_database(args.rebuild, SQLITE_PATH)
    setup_django()

    import django
    import time_machine
    from django.db import connection

    from taizhang.hall.models import Application
    from taizhang.ledger.models import Item
    from taizhang.petitions.models import Petition

    built = (Application.objects.count(), Item.objects.count(), Petition.objects.count())
    if built == (APPLICATIONS, ITEMS, PETITIONS):
        print("Data: reusing the built data (--rebuild to build again).")
    elif any(built):
        sys.exit(f"The bench database holds {built} applications, items and petitions, not the "
                 "bench data; run with --rebuild to replace them.")
    else:
        build_started = time.perf_counter()
        with time_machine.travel(NOW, tick=False):
            build(random.Random(2026))
        print(f"Data: built in {time.perf_counter() - build_started:.1f} s.")
    print(" · ".join(f"{name} {n:,}" for name, n in counts().items()))

    with connection.cursor() as cur:
        cur.execute("SELECT sqlite_version()" if connection.vendor == "sqlite"
                    else "SHOW server_version")
        version = cur.fetchone()[0]
    print(f"{date.today()} · {where} ({connection.vendor} {version}) · Django "
          f"{django.get_version()} · median of {args.repeat} runs · today = {TODAY}")
    with time_machine.travel(NOW, tick=False):
        whole, parts = run_report(args.repeat)
        # The night's job: the finished months' application figures the dashboard reads.
        from taizhang.hall.figures.months import summarise

        summary_started = time.perf_counter()
        summarise(TODAY)
        summary_s = time.perf_counter() - summary_started
        dashboard = run_dashboard(args.repeat)
    print_table("The report against the SQL of its aggregations (target ≤ 2×, under 5 s)",
                "report ms", whole)
    print_table("compute() in its parts, each against its own part of the floor", "ORM ms",
                parts)
    print(f"\nNightly summary of the finished months (hall.summarise_months): {summary_s:.2f} s")
    print("\nDashboard, server time (target under 300 ms)")
    if not dashboard:
        print("  not measured: neither reports:dashboard nor reports.dashboard exists yet")
    for label, ms in dashboard:
        print(f"  {label:<40}{ms:>10.2f} ms")
    print(f"\nTotal run time {time.perf_counter() - started:.1f} s.")


if __name__ == "__main__":
    main()
