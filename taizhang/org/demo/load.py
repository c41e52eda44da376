"""Load the demo district into the database, creating only what is missing.

Existing records are matched by a natural key and left exactly as they are (no updates), so
loading twice changes nothing: units by division code, or by (parent, name) when they have
none; people by (unit, name); role grants by (person, role, unit); logins by username.
"""

from collections import defaultdict

from django.db import transaction

from .. import pii
from ..models import Person, RoleGrant, Unit, User
from . import district


def load_demo(progress=None) -> dict[str, int]:
    """Create the missing parts of the demo district; return how many rows of each were made."""
    say = progress or (lambda message: None)
    plan = district.plan()
    with transaction.atomic():
        units, created_units = _load_units(plan.units)
        say(f"单位：新建 {created_units} 个，共 {len(plan.units)} 个。")
        people, created_people = _load_people(plan.people, units)
        say(f"人员：新建 {created_people} 人，共 {len(plan.people)} 人。")
        created_grants = _load_grants(plan.people, units, people)
        say(f"角色授权：新建 {created_grants} 条。")
        created_users = _load_logins(plan.people, people)
        say(f"登录账号：新建 {created_users} 个，共 {len(district.DEMO_LOGINS)} 个。")
    return {"units": created_units, "people": created_people,
            "role_grants": created_grants, "users": created_users}


def _load_units(specs):
    """Bulk-create missing units level by level, then rebuild the closure once."""
    levels = defaultdict(list)
    for spec in specs:
        levels[spec.key.count("/")].append(spec)
    units, created = {}, 0
    for depth in sorted(levels):
        level = levels[depth]
        by_code = Unit.objects.in_bulk(
            [s.division_code for s in level if s.division_code], field_name="division_code"
        )
        parent_ids = {units[s.parent_key].pk for s in level if s.parent_key}
        by_place = {
            (u.parent_id, u.name): u
            for u in Unit.objects.filter(parent_id__in=parent_ids, name__in={s.name for s in level})
        }
        new = []
        for spec in level:
            parent = units.get(spec.parent_key)
            if spec.division_code:
                unit = by_code.get(spec.division_code)
            else:
                unit = by_place.get((parent.pk, spec.name))
            if unit is None:
                unit = Unit(name=spec.name, short_name=spec.short_name, kind=spec.kind,
                            parent=parent, division_code=spec.division_code,
                            population=spec.population, sort_order=spec.sort_order, depth=depth)
                new.append(unit)
            units[spec.key] = unit
        Unit.objects.bulk_create(new)
        created += len(new)
    if created:
        Unit.objects.rebuild_closure()
    return units, created


def _load_people(specs, units):
    unit_ids = {unit.pk for unit in units.values()}
    existing = {(p.unit_id, p.name): p for p in Person.objects.filter(unit_id__in=unit_ids)}
    people, new = {}, []
    for spec in specs:
        unit = units[spec.unit_key]
        person = existing.get((unit.pk, spec.name))
        if person is None:
            # bulk_create skips Person.save(), which is where the phone's search hash is made.
            person = Person(unit=unit, name=spec.name, title=spec.title, rank=spec.rank,
                            duties=spec.duties, phone=spec.phone, sort_order=spec.sort_order,
                            phone_digest=pii.blind_index(pii.normalize_phone(spec.phone)))
            new.append(person)
        people[spec] = person
    Person.objects.bulk_create(new)
    return people, len(new)


def _load_grants(specs, units, people):
    person_ids = {person.pk for person in people.values()}
    existing = set(RoleGrant.objects.filter(person_id__in=person_ids)
                   .values_list("person_id", "role", "unit_id"))
    created = 0
    for spec in specs:
        person, unit = people[spec], units[spec.unit_key]
        if (person.pk, spec.role, unit.pk) not in existing:
            # One by one, so each grant gets its audit entry from the post_save signal.
            RoleGrant.objects.create(person=person, role=spec.role, unit=unit)
            created += 1
    return created


def _load_logins(specs, people):
    created = 0
    for spec in specs:
        if not spec.username:
            continue
        user = User.objects.filter(username=spec.username).first()
        if user is None:
            superuser = spec.username in district.SUPERUSERS
            user = User(username=spec.username, is_staff=superuser, is_superuser=superuser)
            user.set_password(district.DEMO_PASSWORD)
            user.save()
            created += 1
        person = people[spec]
        if person.user_id is None and not Person.objects.filter(user=user).exists():
            person.user = user
            person.save(update_fields=["user"])
    return created
