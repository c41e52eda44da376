from datetime import date
from types import SimpleNamespace

import factory

from taizhang.ledger.constants import Frequency, ItemStatus
from taizhang.ledger.models import Item, Ledger, LedgerKind, Milestone
from taizhang.org.constants import Rank, Role
from taizhang.org.tests.factories import PersonFactory, make_user


class LedgerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ledger

    # get_or_create: a transactional test flushes the kinds the migration seeded.
    kind = factory.LazyFunction(lambda: LedgerKind.objects.get_or_create(
        code="minsheng", defaults={"name": "民生问题"})[0])
    name = factory.Sequence(lambda n: f"民生问题台账{n}")
    year = 2026
    code_prefix = factory.Sequence(lambda n: f"MS{n}")


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Item

    ledger = factory.SubFactory(LedgerFactory)
    code = factory.Sequence(lambda n: f"T-{n:04d}")
    title = factory.Sequence(lambda n: f"解决群众反映问题{n}")
    leader = factory.SubFactory(PersonFactory, rank=Rank.COUNTY)
    goal = "年底前全部解决"
    measures = "排查摸底，分类施策"
    deadline = date(2026, 12, 31)
    frequency = Frequency.MONTHLY
    status = ItemStatus.PENDING


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    title = factory.Sequence(lambda n: f"节点{n}")
    due = date(2026, 9, 30)


def build_ledger_world(tree):
    """The small district with a ledger and the people who work on its items:
    two supervision officers, a county leader, and handlers in 西河乡 and 东城街道."""
    leader_user = make_user(tree.district, Role.LEADER, username="leader", name="李区长",
                            rank=Rank.COUNTY)
    world = SimpleNamespace(
        tree=tree,
        supervisor=tree.supervisor,
        supervisor2=make_user(tree.supervision, Role.SUPERVISION, username="duchashi2"),
        leader=leader_user,
        leader_person=leader_user.person,
        west_staff=make_user(tree.west, Role.UNIT_STAFF, username="west_staff"),
        east_staff=make_user(tree.east, Role.UNIT_STAFF, username="east_staff"),
        ledger=LedgerFactory(unit=tree.district, name="2026年民生问题台账", code_prefix="MS2026"),
    )
    world.item = ItemFactory(ledger=world.ledger, leader=world.leader_person,
                             lead_unit=tree.west, title="西河村饮水安全提升")
    return world
