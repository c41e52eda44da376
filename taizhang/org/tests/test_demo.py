import hashlib
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory

from taizhang.org import pii
from taizhang.org.constants import Rank, Role, UnitKind
from taizhang.org.demo import district
from taizhang.org.demo.district import DEMO_LOGINS, DEMO_PASSWORD
from taizhang.org.demo.load import load_demo
from taizhang.org.models import AuditEntry, Person, Unit, User
from taizhang.org.tests.factories import UnitFactory
from taizhang.org.visibility import restrict, scope_for

TOWNSHIP_KINDS = (UnitKind.TOWNSHIP, UnitKind.SUBDISTRICT)
PLACE_KINDS = (UnitKind.VILLAGE, UnitKind.COMMUNITY)


def table_snapshot():
    """Row count and a checksum of the raw contents of every table."""
    snapshot = {}
    with connection.cursor() as cur:
        for table in connection.introspection.table_names(cur):
            # Table names come from the database itself, not from input.
            cur.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows = sorted(repr(row) for row in cur.fetchall())
            snapshot[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return snapshot


def test_plan_is_deterministic_with_unique_names_and_valid_phones():
    first, second = district.plan(), district.plan()
    assert first == second
    assert len({p.name for p in first.people}) == len(first.people)
    assert len({p.phone for p in first.people}) == len(first.people)
    for person in first.people:
        assert pii.validate_mobile(person.phone) == person.phone
    codes = [u.division_code for u in first.units if u.division_code]
    assert len(set(codes)) == len(codes)
    assert all(len(code) == 12 and code.startswith("419901") for code in codes)


def test_demo_password_passes_the_password_validators():
    for username, _, _ in DEMO_LOGINS:
        validate_password(DEMO_PASSWORD, User(username=username))


@pytest.mark.django_db
def test_load_builds_the_district_shape():
    counts = load_demo()

    assert counts["units"] == Unit.objects.count()
    root = Unit.objects.get(parent=None)
    assert (root.kind, root.name, root.division_code) == (
        UnitKind.DISTRICT, district.DISTRICT_NAME, district.DISTRICT_CODE)
    departments = root.children.filter(kind=UnitKind.DEPARTMENT)
    assert departments.filter(name="督查室").exists()
    assert departments.count() >= 12
    townships = list(root.children.filter(kind__in=TOWNSHIP_KINDS))
    assert len(townships) == 6
    assert {t.kind for t in townships} == set(TOWNSHIP_KINDS)
    for township in townships:
        places = list(township.children.filter(kind__in=PLACE_KINDS))
        assert 8 <= len(places) <= 15, township.name
        for place in places:
            assert place.division_code[:9] == township.division_code[:9]
            low, high = (800, 4500) if place.kind == UnitKind.VILLAGE else (3000, 12000)
            assert low <= place.population <= high, place.name
            grids = list(place.children.all())
            assert 2 <= len(grids) <= 4, place.name
            assert all(g.kind == UnitKind.GRID and g.depth == 3 for g in grids)
            assert sum(g.population for g in grids) == place.population
            assert grids[0].name == f"{place.name}第一网格"
    # The closure table was rebuilt: the whole tree hangs under the root.
    assert root.descendants().count() == Unit.objects.count()


@pytest.mark.django_db
def test_load_creates_people_with_roles_and_searchable_phones():
    load_demo()

    leaders = Person.objects.filter(role_grants__role=Role.LEADER)
    assert leaders.count() >= 5
    assert all(p.rank == Rank.COUNTY and p.unit.parent_id is None for p in leaders)
    assert {g for p in Person.objects.all() for g in p.roles} == set(Role.values)
    assert Person.objects.filter(role_grants__role=Role.GRID_WORKER).count() == (
        Unit.objects.filter(kind=UnitKind.GRID).count())
    for township in Unit.objects.filter(kind__in=TOWNSHIP_KINDS):
        assert township.people.filter(role_grants__role=Role.CLERK).exists()
    person = Person.objects.order_by("pk").last()
    assert Person.objects.with_phone(person.phone).get() == person


@pytest.mark.django_db
def test_every_role_has_a_demo_login_that_authenticates():
    load_demo()

    request = RequestFactory().post("/")
    labels = {}
    for username, role_label, unit_name in DEMO_LOGINS:
        user = authenticate(request, username=username, password=DEMO_PASSWORD)
        assert user is not None, username
        assert user.person.unit.name == unit_name
        (role,) = user.roles
        assert Role(role).label == role_label
        labels[role] = username
        assert user.is_superuser == user.is_staff == (role == Role.ADMIN)
    assert set(labels) == set(Role.values)


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    load_demo()
    before, audit_entries = table_snapshot(), AuditEntry.objects.count()

    assert load_demo() == {"units": 0, "people": 0, "role_grants": 0, "users": 0}

    assert AuditEntry.objects.count() == audit_entries
    assert table_snapshot() == before


@pytest.mark.django_db
def test_command_loads_and_prints_progress_and_logins():
    out = StringIO()
    call_command("demo", "--applications", "300", stdout=out)

    text = out.getvalue()
    assert f"单位：新建 {Unit.objects.count()} 个" in text
    assert "办件：新建" in text
    assert DEMO_PASSWORD in text
    assert all(username in text for username, _, _ in DEMO_LOGINS)
    before, again = table_snapshot(), StringIO()
    call_command("demo", stdout=again)
    assert table_snapshot() == before
    assert "没有变化" in again.getvalue()


@pytest.mark.django_db
def test_if_empty_loads_into_an_empty_database():
    call_command("demo", "--if-empty", "--applications", "0", stdout=StringIO())
    assert Unit.objects.filter(division_code=district.DISTRICT_CODE).exists()


@pytest.mark.django_db
def test_if_empty_skips_when_units_exist():
    UnitFactory(name="另一个区", kind=UnitKind.DISTRICT)
    out = StringIO()
    call_command("demo", "--if-empty", stdout=out)

    assert "跳过" in out.getvalue()
    assert Unit.objects.count() == 1
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_demo_users_see_what_the_visibility_rule_allows():
    load_demo()
    clerk = User.objects.get(username="clerk")
    township = clerk.person.unit
    subtree = set(township.descendants().values_list("pk", flat=True))

    assert set(scope_for(clerk).units().values_list("pk", flat=True)) == subtree
    visible_people = restrict(Person.objects.all(), clerk)
    assert visible_people.exists()
    assert set(visible_people.values_list("unit_id", flat=True)) <= subtree
    assert restrict(Person.objects.all(), clerk).count() == (
        Person.objects.filter(unit_id__in=subtree).count())

    everyone = Person.objects.count()
    for username in ("duchashi", "auditor", "admin", "leader"):
        user = User.objects.get(username=username)
        assert scope_for(user).units().count() == Unit.objects.count(), username
        assert restrict(Person.objects.all(), user).count() == everyone, username

    grid_worker = User.objects.get(username="wangge")
    assert list(scope_for(grid_worker).units()) == [grid_worker.person.unit]
    staff = User.objects.get(username="staff")
    assert set(scope_for(staff).units()) == set(staff.person.unit.descendants())


@pytest.mark.django_db
def test_township_cadres_have_duties_and_link_every_village():
    load_demo()

    for township in Unit.objects.filter(kind__in=TOWNSHIP_KINDS):
        cadres = list(township.people.all())
        assert all(person.duties for person in cadres), township.name
        linked = "".join(person.duties for person in cadres)
        for place in township.children.filter(kind__in=PLACE_KINDS):
            assert place.name in linked, place.name
    assert all(p.duties for p in Person.objects.filter(unit__kind__in=PLACE_KINDS))
    assert not Person.objects.filter(unit__kind=UnitKind.DEPARTMENT).exclude(duties="").exists()
