"""The people of petition work in the small district, and petitions in any state."""

from datetime import date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import factory

from taizhang.org.constants import Rank, Role, UnitKind
from taizhang.org.tests.factories import UnitFactory, make_user
from taizhang.petitions.constants import Channel, Status
from taizhang.petitions.models import Category, Petition, TimeLimit
from taizhang.petitions.registration import register_petition

# Tuesday 1 September 2026, mid-morning in Beijing: every test runs on this clock.
NOW = datetime(2026, 9, 1, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
TODAY = NOW.date()

# Valid resident ID numbers (GB 11643 checksums) for petitioners.
ID_ZHANG = "110101199003074477"
ID_WANG = "11010519491231002X"
ID_LI = "110101198001010010"


def category(code="laodong", name="劳动社保"):
    # get_or_create: a transactional test flushes what the migration seeded.
    return Category.objects.get_or_create(code=code, defaults={"name": name})[0]


class PetitionFactory(factory.django.DjangoModelFactory):
    """A petition row as it stands in a given status, without the steps that led there
    (for tables of every step × status); ``register`` below goes through registration."""

    class Meta:
        model = Petition

    registration_no = factory.Sequence(lambda n: f"XF2026-9{n:05d}")
    channel = Channel.VISIT
    received_on = TODAY
    content = "反映拖欠工资问题"
    category = factory.LazyFunction(category)
    accept_due = date(2026, 9, 16)
    assign_due = date(2026, 9, 16)
    due_on = date(2026, 9, 16)
    status = Status.REGISTERED


def build_petition_world(tree):
    """The 信访局 (a district department) and 西河乡's 信访专干 as petition offices; 区人社局
    as a handling unit with its head, a clerk and a handler; people of 西河乡 and 西河村."""
    xfj = UnitFactory(name="区信访局", kind=UnitKind.DEPARTMENT, parent=tree.district)
    renshe = UnitFactory(name="区人社局", kind=UnitKind.DEPARTMENT, parent=tree.district)
    renshe_team = UnitFactory(name="劳动监察大队", kind=UnitKind.DEPARTMENT, parent=renshe)
    return SimpleNamespace(
        tree=tree, xfj=xfj, renshe=renshe, renshe_team=renshe_team,
        officer=make_user(xfj, Role.PETITION_OFFICER, username="xfj1", name="信访局甲"),
        officer2=make_user(xfj, Role.PETITION_OFFICER, username="xfj2", name="信访局乙"),
        west_officer=make_user(tree.west, Role.PETITION_OFFICER, username="west_xf",
                               name="西河乡信访专干"),
        renshe_head=make_user(renshe, Role.LEADER, username="renshe_head", name="人社局长",
                              rank=Rank.SECTION),
        renshe_deputy=make_user(renshe, Role.LEADER, username="renshe_deputy",
                                name="人社副局长", rank=Rank.SECTION),
        renshe_clerk=make_user(renshe, Role.UNIT_STAFF, username="renshe_clerk",
                               name="人社办事员"),
        renshe_handler=make_user(renshe, Role.UNIT_STAFF, username="renshe_handler",
                                 name="人社承办人"),
        west_head=make_user(tree.west, Role.LEADER, username="west_head", name="西河乡长"),
        west_staff=make_user(tree.west, Role.UNIT_STAFF, username="west_staff",
                             name="西河乡干部"),
        village_cadre=make_user(tree.west_village, Role.UNIT_STAFF, username="village",
                                name="西河村干部"),
        east_staff=make_user(tree.east, Role.UNIT_STAFF, username="east_staff",
                             name="东城街道干部"),
        supervisor=tree.supervisor,
        category=category(),
    )


def petitioner(name="张三", id_number=ID_ZHANG, phone="13800001111", address="西河村三组"):
    return {"name": name, "id_number": id_number, "phone": phone, "address": address}


def register(world, *, actor=None, petitioners=None, **fields):
    """A petition about unpaid wages in 西河村, registered by the 信访局 today."""
    values = {"channel": Channel.VISIT, "received_on": TODAY, "content": "反映某工地拖欠工资",
              "category": world.category, "origin_unit": world.tree.west_village}
    values.update(fields)
    return register_petition(actor=actor or world.officer,
                             petitioners=[petitioner()] if petitioners is None else petitioners,
                             **values)


def configure(kind, **values):
    """Set a time limit as an administrator would (the save clears the cached limits)."""
    row = TimeLimit.objects.get(kind=kind)
    for field, value in values.items():
        setattr(row, field, value)
    row.full_clean()
    row.save()
    return row
