"""Intake of 10,000 applications through the API, against a bare insert of the same rows.

    .venv/bin/python bench/hall_intake.py                 # SQLite, var/bench/hall_intake.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/taizhang_bench_intake \\
        .venv/bin/python bench/hall_intake.py             # PostgreSQL, created if missing

The district, centres and catalogue are the demo's. A township clerk takes in 10,000
applications for the matters of their centre, in every mode the matters allow (代办 and 陪办
name a colleague on duty, 上门办理 an address and an appointment), as a centre's queueing
system would push them: ten POSTs of 1,000 to ``/api/v1/hall/applications/batch``, each with
its ``Idempotency-Key``, through Django's whole request stack (token, JSON parsing and
validation, the checks of each application, encryption, receipt numbers, deadlines in working
days, the timeline events, the audit entry, the stored answer). Two floors, timed in the same
run: the bare multi-row INSERT of the same 10,000 application rows, encrypted beforehand; and
storing them — encrypting the ID numbers and phones and hashing them for lookup, which no intake
may skip (personal data is encrypted at rest), then the same INSERT. One-by-one intake
(``POST /applications``) is timed on 500 for comparison.
"""

import argparse
import json
import random
import statistics
import sys
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import org_queries
from org_queries import setup_django

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = ROOT / "var" / "bench" / "hall_intake.sqlite3"
TOTAL, BATCH, SINGLE = 10_000, 1_000, 500
# A Tuesday morning: the deadlines in working days cross no holiday edge case on purpose.
NOW = datetime(2026, 11, 24, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕"
GIVEN = "伟强军磊涛斌峰建国明志勇海鹏辉刚杰芳娜敏静丽艳霞燕玲婷洁娟萍慧颖雪琳倩"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="drop the bench data and rebuild")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each (median)")
    return parser.parse_args()


def id_number(rng):
    from stdnum.cn import ric

    born = datetime(1940, 1, 1) + timedelta(days=rng.randrange(80 * 365))
    body = f"110105{born:%Y%m%d}{rng.randrange(1000):03d}"
    return body + ric.calc_check_digit(body + "0")  # it reads all but the last character


def bodies(rng, centre, clerk):
    """TOTAL intake bodies (JSON) for the matters of ``centre``, in every allowed mode."""
    from taizhang.hall.constants import Mode
    from taizhang.hall.models import Matter, Window

    matters = list(Matter.objects.filter(centres=centre, is_active=True)
                   .select_related("current"))
    on_duty = sorted({p.pk for w in Window.objects.filter(centre=centre).prefetch_related("staff")
                      for p in w.staff.all()})
    if not matters or not on_duty:
        sys.exit(f"{centre} offers no matters or has nobody on duty: the demo is incomplete.")
    made = []
    for _ in range(TOTAL):
        matter = rng.choice(matters)
        mode = rng.choice(matter.current.modes)
        body = {"centre": centre.pk, "matter": matter.code, "mode": mode,
                "applicant_name": rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=2)),
                "id_number": id_number(rng), "phone": f"13{rng.randrange(10**9):09d}"}
        if mode in (Mode.PROXY, Mode.ACCOMPANY):
            body["staff"] = rng.choice(on_duty)
        if mode == Mode.DOORSTEP:
            body["address"] = f"{centre.unit.name}幸福路{rng.randrange(1, 200)}号"
            body["appointment_at"] = (NOW + timedelta(days=2)).isoformat()
        made.append(body)
    return made


def floor_rows(payloads, centre):
    """The application rows the intake writes, ready to insert: encrypted and hashed here,
    outside the timing, so the floor is the INSERT alone."""
    from django.db import connection

    from taizhang.hall.constants import Channel, Mode, Status
    from taizhang.hall.models import Matter
    from taizhang.org import pii
    from taizhang.org.workdays import add_working_days

    ops, today = connection.ops, NOW.date()
    versions = {m.code: m.current for m in Matter.objects.select_related("current")}
    deadlines = {}
    rows = []
    for n, body in enumerate(payloads):
        version = versions[body["matter"]]
        limit = version.time_limit
        deadline = deadlines.setdefault(limit, add_working_days(today, limit))
        instant = body["mode"] == Mode.INSTANT
        rows.append((
            f"B{n:015d}", version.pk, centre.pk, Channel.COUNTER, body["mode"],
            body["applicant_name"], pii.encrypt(body["id_number"]),
            pii.blind_index(pii.normalize_id_number(body["id_number"])),
            pii.encrypt(body["phone"]), pii.blind_index(pii.normalize_phone(body["phone"])),
            pii.encrypt(body["address"]) if body.get("address") else "",
            ops.adapt_datetimefield_value(
                datetime.fromisoformat(body["appointment_at"]) if body.get("appointment_at")
                else None),
            body.get("staff"), version.department_id,
            Status.COMPLETED if instant else Status.ACCEPTED,
            ops.adapt_datefield_value(today), ops.adapt_datefield_value(deadline.date),
            deadline.calendar_known, "", 0, ops.adapt_datefield_value(today) if instant else None,
            0 if instant else None, "", ops.adapt_datetimefield_value(NOW)))
    return rows


def clear():
    """Remove what a run wrote, so that every run starts from the same tables."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    from taizhang.hall.models import Application
    from taizhang.org.models import Event, IdempotencyKey

    with transaction.atomic():
        kind = ContentType.objects.get_for_model(Application)
        Event.objects.filter(content_type=kind).delete()
        Application.objects.all().delete()
        IdempotencyKey.objects.all().delete()


def timed(run):
    clear()
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def main():
    args = parse_args()
    started = time.perf_counter()
    where = org_queries.prepare_database(args.rebuild, SQLITE_PATH)
    setup_django()

    import django
    import time_machine
    from django.db import connection, transaction
    from django.test import Client

    from taizhang.hall.demo.load import load_hall_demo
    from taizhang.hall.forms import clerk_centres
    from taizhang.hall.intake import APPLICATION_FIELDS
    from taizhang.hall.models import Application
    from taizhang.org.bulk import insert_rows
    from taizhang.org.demo.load import load_demo
    from taizhang.org.models import User
    from taizhang.org.tokens import create_token

    with time_machine.travel(NOW, tick=False):
        load_demo()
        load_hall_demo(applications=0)
        clerk = User.objects.get(username="clerk")
        centre = clerk_centres(clerk).select_related("unit").first()
        payloads = bodies(random.Random(2026), centre, clerk)
        rows = floor_rows(payloads, centre)
        token = create_token(clerk)[1]
        client = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {token}")

        def post(path, body):
            answer = client.post(f"/api/v1/hall/{path}", json.dumps(body),
                                 content_type="application/json",
                                 HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()))
            if answer.status_code != 201:
                sys.exit(f"{path}: {answer.status_code} {answer.content[:300]!r}")

        def batches():
            for start in range(0, TOTAL, BATCH):
                post("applications/batch", {"applications": payloads[start:start + BATCH]})
            assert Application.objects.count() == TOTAL

        def one_by_one():
            for body in payloads[:SINGLE]:
                post("applications", body)
            assert Application.objects.count() == SINGLE

        def floor():
            with transaction.atomic():
                insert_rows(Application, APPLICATION_FIELDS, rows)
            assert Application.objects.count() == TOTAL

        def stored():
            with transaction.atomic():
                insert_rows(Application, APPLICATION_FIELDS, floor_rows(payloads, centre))
            assert Application.objects.count() == TOTAL

        samples = {"batch": [], "single": [], "floor": [], "stored": []}
        for _ in range(args.repeat):  # alternate, so that neither side gets a warmer cache
            samples["floor"].append(timed(floor))
            samples["stored"].append(timed(stored))
            samples["batch"].append(timed(batches))
            samples["single"].append(timed(one_by_one))
        clear()

    with connection.cursor() as cur:
        cur.execute("SELECT sqlite_version()" if connection.vendor == "sqlite"
                    else "SHOW server_version")
        version = cur.fetchone()[0]
    floor_s = statistics.median(samples["floor"])
    stored_s = statistics.median(samples["stored"])
    batch_s = statistics.median(samples["batch"])
    single_s = statistics.median(samples["single"]) * TOTAL / SINGLE
    print(f"{NOW.date()} clock · {where} ({connection.vendor} {version}) · Django "
          f"{django.get_version()} · median of {args.repeat} runs · {TOTAL} applications at "
          f"{centre.name}")
    print(f"\n{'operation':44} {'seconds':>8} {'per second':>11} {'÷ INSERT':>9} "
          f"{'÷ stored':>9}")
    for label, seconds in (("bare INSERT of ready rows (floor)", floor_s),
                           ("encrypt, hash and INSERT (storing floor)", stored_s),
                           ("API, 10 batches of 1,000", batch_s),
                           (f"API, one by one ({SINGLE}, scaled to {TOTAL})", single_s)):
        print(f"{label:44} {seconds:8.2f} {TOTAL / seconds:11.0f} {seconds / floor_s:8.2f}× "
              f"{seconds / stored_s:8.2f}×")
    print(f"\nTotal run time {time.perf_counter() - started:.1f} s.")


if __name__ == "__main__":
    main()
