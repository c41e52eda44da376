"""Load a year of applications (办件) into the six township centres of the demo district.

What happens is planned in ``demand`` (how many, where, what), ``stories`` (each one's dated
steps and outcome), ``applicants`` (who) and ``ratings`` (好差评); all from one random stream
seeded with the day of loading, so the same day always gives the same year. The applications
go in with ``bulk_create`` (personal data encrypted by the model's fields, search hashes filled
as ``Application.save`` would) and their timelines and ratings as multi-row INSERTs. The
historical steps are timeline events only, not audit entries: the audit trail records what
this load did through the rules (the bad ratings and their 整改事项, the logins it made), at the
real time of writing.

A centre that already has applications is left exactly as it is, so loading twice adds nothing.
"""

import random

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from pypinyin import lazy_pinyin

from ...ledger.models import Ledger
from ...ledger.rectification import RECTIFICATION_KIND
from ...org import pii
from ...org.bulk import insert_rows
from ...org.constants import Role, UnitKind
from ...org.membership import users_acting_for
from ...org.models import Event, Person, RoleGrant, Unit, User
from ..constants import Channel, Grade, Status
from ..models import Application, Centre, Matter, MatterVersion, Rating
from . import applicants, centres, demand, ratings, stories

# The window that takes each department's matters; others go to the general window.
WINDOWS = {"公安分局": "户籍窗口", "社会事务局": "社会事务窗口",
           "卫生和计划生育局": "社会事务窗口", "人力资源和社会保障局": "人社医保窗口",
           "国土资源局": "国土林业窗口", "林业站": "国土林业窗口", "农林水利局": "国土林业窗口",
           "住房和城乡建设局": "国土林业窗口"}
GENERAL_WINDOW = "综合受理窗口"
EVENT_FIELDS = ("content_type", "object_id", "action", "from_status", "to_status", "note", "data",
                "actor", "at")
BATCH = 2000


def load_applications(progress=None, today=None,
                      accepted=demand.ANNUAL_ACCEPTED) -> dict[str, int]:
    """Create the demo year of about ``accepted`` applications in the centres that have none;
    return counts. ``accepted`` 0 makes none (tests that need only the catalogue)."""
    say = progress or (lambda message: None)
    if accepted <= 0:
        return {"applications": 0, "window_logins": 0}
    today = today or timezone.localdate()
    townships = list(Centre.objects.filter(name__in=centres.TOWNSHIPS)
                     .select_related("unit", "head__user").order_by("sort_order", "pk"))
    if len(townships) != len(centres.TOWNSHIPS):
        raise ValueError("演示办件需要先加载六个乡镇（街道）便民服务中心。")
    with transaction.atomic():
        cast = _Cast(townships)
        filled = set(Application.objects.filter(centre__in=townships)
                     .values_list("centre_id", flat=True))
        if len(filled) == len(townships):
            say("办件：各便民服务中心已有办件，未新增。")
            return {"applications": 0, "window_logins": cast.created}
        year = _Year(today, townships, cast, accepted)
        keep = [n for n, story in enumerate(year.stories) if story.draw.centre.pk not in filled]
        ledgers = set(Ledger.objects.filter(kind__code=RECTIFICATION_KIND)
                      .values_list("pk", flat=True))
        made = _insert(year, keep)
        supervisor = User.objects.get(username="duchashi")
        for n in (n for n in keep if n in year.bad):
            story = year.stories[n]
            ratings.rate_badly(random.Random(made[n].receipt_no), made[n], year.bad[n],
                               cast.head(story.draw.centre), supervisor, today)
        _date_new_ledgers(ledgers)
        rated = sum(n in year.rated or n in year.bad for n in keep)
        say(f"办件：新建 {len(keep)} 件（{len(townships) - len(filled)} 个便民服务中心），"
            f"好差评 {rated} 条，其中差评 {sum(n in year.bad for n in keep)} 条已生成整改事项。")
    return {"applications": len(keep), "window_logins": cast.created}


class _Year:
    """The whole demo year, drawn in one fixed order from one seeded random stream."""

    def __init__(self, today, townships, cast, accepted):
        rng = random.Random(f"taizhang-hall-demo-{today:%Y-%m-%d}")
        offers = {centre: list(MatterVersion.objects.filter(
            pk__in=Matter.objects.filter(centres=centre, is_active=True).values("current"))
            .select_related("matter", "department").order_by("matter__code"))
            for centre in townships}
        busy = {centre: cast.population(centre) for centre in townships}
        draws = demand.draws(rng, today, offers, busy, accepted)
        kinds = stories.outcomes(rng, draws, today)
        self.stories = [stories.tell(rng, draw, kinds.get(n), cast, today)
                        for n, draw in enumerate(draws)]
        online = [draw for draw in draws if draw.channel == Channel.ONLINE]
        self.stories += [stories.refused(rng, draw, cast) for draw in
                         rng.sample(online, min(stories.NOT_ACCEPTED, len(online)))]
        self.people = [applicants.applicant(rng, s.draw.version.matter.code, s.draw.day)
                       for s in self.stories]
        self.rated = {}
        for n, story in enumerate(self.stories):
            given = story.status == Status.COMPLETED and ratings.rating(rng, story, today)
            if given:
                self.rated[n] = given
        self.bad = ratings.bad(rng, self.stories, today)
        self.receipts = _receipts(rng, self.stories)


def _receipts(rng, told):
    """Receipt numbers as the intake makes them (the day sent, eight random digits), unique
    here and against the database."""
    taken = set()

    def draw(day):
        number = f"{day:%Y%m%d}{rng.randrange(10**8):08d}"
        while number in taken:
            number = f"{day:%Y%m%d}{rng.randrange(10**8):08d}"
        taken.add(number)
        return number

    days = [timezone.localdate(story.submitted_at) for story in told]
    numbers = [draw(day) for day in days]
    clashes = set()
    for start in range(0, len(numbers), 500):
        clashes.update(Application.objects.filter(receipt_no__in=numbers[start:start + 500])
                       .values_list("receipt_no", flat=True))
    return [draw(day) if number in clashes else number
            for day, number in zip(days, numbers, strict=True)]


def _insert(year, keep):
    """Write the applications, their timelines and the good ratings; the applications by
    index of ``year.stories``."""
    made = {}
    for n in keep:
        story, person = year.stories[n], year.people[n]
        made[n] = Application(
            receipt_no=year.receipts[n], version=story.draw.version, centre=story.draw.centre,
            channel=story.draw.channel, mode=story.draw.mode, applicant_name=person["name"],
            id_number=person["id_number"], phone=person["phone"], address=story.place,
            # What Application.save() fills, which bulk_create skips.
            id_digest=pii.blind_index(pii.normalize_id_number(person["id_number"])),
            phone_digest=pii.blind_index(pii.normalize_phone(person["phone"])),
            appointment_at=story.appointment_at, staff=story.staff,
            department_id=story.draw.version.department_id, handler=story.handler,
            status=story.status, accepted_on=story.accepted_on, deadline=story.deadline,
            deadline_known=story.deadline_known, paused_on=story.paused_on,
            paused_from=story.paused_from, paused_days=story.paused_days,
            completed_on=story.completed_on, days_taken=story.days_taken, reason=story.reason,
            created_at=story.submitted_at)
    Application.objects.bulk_create(made.values(), batch_size=BATCH)
    ops, data = connection.ops, Event._meta.get_field("data")
    kind = ContentType.objects.get_for_model(Application).pk
    events = [(kind, made[n].pk, action, before, after, note, data.get_db_prep_save(
        detail, connection), actor.pk if actor else None, ops.adapt_datetimefield_value(at))
        for n in keep for at, action, before, after, actor, note, detail in year.stories[n].steps]
    good = [n for n in keep if n in year.rated and n not in year.bad]
    for n in good:
        grade, _, at = year.rated[n]
        events.append((kind, made[n].pk, "rate", "", "", Grade(grade).label,
                       data.get_db_prep_save({"grade": int(grade)}, connection), None,
                       ops.adapt_datetimefield_value(at)))
    insert_rows(Event, EVENT_FIELDS, sorted(events, key=lambda row: (row[1], row[-1])))
    insert_rows(Rating, ("application", "grade", "comment", "rated_at"), [
        (made[n].pk, int(year.rated[n][0]), year.rated[n][1],
         ops.adapt_datetimefield_value(year.rated[n][2])) for n in good])
    return made


def _date_new_ledgers(existing):
    """A rectification ledger this load opened dates from its first item."""
    for ledger in Ledger.objects.filter(kind__code=RECTIFICATION_KIND).exclude(pk__in=existing):
        first = ledger.items.order_by("created_at").values_list("created_at", flat=True).first()
        if first is not None:
            Ledger.objects.filter(pk=ledger.pk).update(created_at=first)


class _Cast:
    """Who acts in the stories: each centre's window staff (given a login without a usable
    password where they have none, as staff on duty need one), the people of the departments
    who handle the work (``users_acting_for``), and the places where citizens live."""

    def __init__(self, townships):
        self.created = self._logins()
        self.windows, self.clerks, self.places, self.handlers = {}, {}, {}, {}
        for centre in townships:
            clerks = set(RoleGrant.objects.filter(role=Role.CLERK, unit=centre.unit_id)
                         .values_list("person_id", flat=True))
            self.windows[centre.pk] = {
                window.name: list(window.staff.select_related("user").order_by("pk"))
                for window in centre.windows.order_by("number")}
            self.clerks[centre.pk] = {
                name: [p.user for p in staff if p.pk in clerks and p.user_id]
                for name, staff in self.windows[centre.pk].items()}
            self.places[centre.pk] = list(
                Unit.objects.filter(parent=centre.unit_id,
                                    kind__in=(UnitKind.VILLAGE, UnitKind.COMMUNITY))
                .order_by("sort_order", "pk").values_list("name", "kind", "population"))

    @staticmethod
    def _logins():
        created, taken = 0, set(User.objects.values_list("username", flat=True))
        for person in (Person.objects.filter(service_windows__isnull=False, user__isnull=True)
                       .distinct().order_by("pk")):
            base = "ck_" + "".join(lazy_pinyin(person.name))
            username, n = base, 1
            while username in taken:
                n += 1
                username = f"{base}{n}"
            user = User(username=username)
            user.set_unusable_password()
            user.save()
            taken.add(username)
            person.user = user
            person.save(update_fields=["user"])
            created += 1
        return created

    def _window(self, table, centre, department):
        windows = table[centre.pk]
        name = WINDOWS.get(department.name, GENERAL_WINDOW)
        return (windows.get(name) or windows.get(GENERAL_WINDOW)
                or [x for found in windows.values() for x in found])

    def clerk(self, rng, centre, department):
        """A window clerk of the centre who takes the department's matters."""
        found = self._window(self.clerks, centre, department)
        if not found:
            raise ValueError(f"{centre.name}没有可以受理的窗口工作人员账号。")
        return rng.choice(found)

    def staff(self, rng, centre, department):
        """Who does a 代办/陪办: someone on duty at the department's window."""
        return rng.choice(self._window(self.windows, centre, department))

    def handler(self, rng, department):
        if department.pk not in self.handlers:
            self.handlers[department.pk] = list(users_acting_for(department).order_by("pk"))
        found = self.handlers[department.pk]
        return rng.choice(found) if found else None

    def address(self, rng, centre):
        name, kind, _ = rng.choice(self.places[centre.pk])
        return applicants.doorstep_address(rng, centre.unit.name, name,
                                           kind == UnitKind.VILLAGE)

    def population(self, centre):
        return sum(population or 0 for _, _, population in self.places[centre.pk]) or 1

    def head(self, centre):
        """Who asks to close a 整改事项 out: the centre's head, else one of its clerks."""
        if centre.head_id and centre.head.user_id:
            return centre.head.user
        return next(user for users in self.clerks[centre.pk].values() for user in users)
