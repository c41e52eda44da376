from types import SimpleNamespace

import factory

from taizhang.org.constants import Rank, Role, UnitKind
from taizhang.org.models import Person, RoleGrant, Unit, User


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"单位{n}")
    kind = UnitKind.DISTRICT
    parent = None


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "Demo-pass-2026")

    @factory.post_generation
    def _saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"人员{n}")
    unit = factory.SubFactory(UnitFactory)
    rank = Rank.STAFF
    phone = factory.Sequence(lambda n: f"139{n:08d}")


def make_user(unit, *roles, username=None, name=None, rank=Rank.STAFF, **person_fields):
    """A login with a person in ``unit`` holding ``roles`` there."""
    user = UserFactory(**({"username": username} if username else {}))
    person = PersonFactory(unit=unit, user=user, rank=rank,
                           **({"name": name} if name else {}), **person_fields)
    for role in roles:
        RoleGrant.objects.create(person=person, role=role, unit=unit)
    return user


def build_small_district():
    district = UnitFactory(name="示范区", kind=UnitKind.DISTRICT, division_code="419901000000")
    supervision = UnitFactory(name="督查室", kind=UnitKind.DEPARTMENT, parent=district)
    east = UnitFactory(name="东城街道", kind=UnitKind.SUBDISTRICT, parent=district,
                       division_code="419901001000")
    west = UnitFactory(name="西河乡", kind=UnitKind.TOWNSHIP, parent=district,
                       division_code="419901201000")
    east_village = UnitFactory(name="东关社区", kind=UnitKind.COMMUNITY, parent=east,
                               division_code="419901001001", population=4200)
    west_village = UnitFactory(name="西河村", kind=UnitKind.VILLAGE, parent=west,
                               division_code="419901201201", population=2600)
    east_grid = UnitFactory(name="东关社区第一网格", kind=UnitKind.GRID, parent=east_village)
    west_grid = UnitFactory(name="西河村第一网格", kind=UnitKind.GRID, parent=west_village)
    return SimpleNamespace(
        district=district, supervision=supervision, east=east, west=west,
        east_village=east_village, west_village=west_village,
        east_grid=east_grid, west_grid=west_grid,
        supervisor=make_user(supervision, Role.SUPERVISION, username="duchashi"),
        east_clerk=make_user(east, Role.CLERK, username="east_clerk"),
        west_clerk=make_user(west, Role.CLERK, username="west_clerk"),
        west_grid_worker=make_user(west_grid, Role.GRID_WORKER, username="west_grid"),
    )
