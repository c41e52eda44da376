"""The petition figures recounted by hand: over petitions in every state (channels, head
counts, repeat chains, refusals, replies on time and late, evaluations), every figure — in
total, per group and per month, as of a past day — equals a count in Python, and its records
are those rows. Then the confidentiality rule: an accused never counts the accusation."""

import random
from collections import Counter
from datetime import date, timedelta

import pytest
from django.db.models import Q

from taizhang.ledger.constants import ItemStatus
from taizhang.ledger.models import Item
from taizhang.org.constants import Role
from taizhang.org.models import RoleGrant
from taizhang.org.tests.factories import make_user
from taizhang.petitions import rules
from taizhang.petitions.backlog import backlog_ledger
from taizhang.petitions.constants import GROUP_VISIT_MIN, Channel, Evaluation, Status
from taizhang.petitions.figures import (
    COUNTS,
    LABELS,
    RATES,
    Period,
    figures,
    figures_for,
    records,
)
from taizhang.petitions.figures.definitions import FIELDS
from taizhang.petitions.models import BacklogCase, Petition
from taizhang.petitions.queries import visible_petitions
from taizhang.petitions.tests.factories import (
    ID_LI,
    ID_WANG,
    TODAY,
    PetitionFactory,
    category,
    petitioner,
    register,
)

pytestmark = pytest.mark.django_db

# May to August 2026: four whole months before the fixed clock (1 September 2026).
PERIOD = Period(date(2026, 5, 1), date(2026, 8, 31))
GROUPINGS = ("origin_unit", "handling_unit", "category", "channel")


def _petition(world, rng, received, **fields):
    """One petition row in a state drawn by ``rng``, with dates consistent with it."""
    values = {"received_on": received, "accept_due": received + timedelta(days=15),
              "assign_due": received + timedelta(days=15),
              "channel": rng.choice(Channel.values),
              "head_count": rng.choice([1, 1, 1, 2, 3, GROUP_VISIT_MIN, 6, 12]),
              "bypassed": rng.random() < 0.2,
              "origin_unit": rng.choice([world.tree.west_village, world.tree.east_village,
                                         world.tree.west]),
              "category": rng.choice(world.categories), "status": Status.REGISTERED}
    fate = rng.choice(["registered", "refused", "accepted", "handling", "replied", "evaluated",
                       "closed", "reviewing"])
    decided = received + timedelta(days=rng.choice([0, 3, 15, 16, 30]))
    if fate != "registered" and decided <= TODAY:
        values["decided_on"] = decided
        values["status"] = Status.NOT_ACCEPTED if fate == "refused" else Status.ACCEPTED
    if values["status"] == Status.ACCEPTED:
        values["handling_due"] = decided + timedelta(days=rng.choice([60, 60, 90]))
        if fate != "accepted":
            values["handling_unit"] = rng.choice([world.renshe, world.tree.west])
            values["status"] = Status.HANDLING
        replied = decided + timedelta(days=rng.choice([10, 45, 60, 61, 95]))
        if fate in ("replied", "evaluated", "closed", "reviewing") and replied <= TODAY:
            values["replied_on"], values["status"] = replied, Status.REPLIED
            evaluated = replied + timedelta(days=rng.choice([1, 7]))
            if fate != "replied" and evaluated <= TODAY:
                values["evaluation"] = rng.choice(Evaluation.values)
                values["evaluated_on"] = evaluated
                values["status"] = {"evaluated": Status.EVALUATED, "closed": Status.CLOSED,
                                    "reviewing": Status.REVIEWING}[fate]
    if values["status"] == Status.NOT_ACCEPTED:
        values["closed_on"] = values["decided_on"]
    values.update(fields)
    return PetitionFactory(**values)


@pytest.fixture
def rows(world):
    """90 petitions received from January to August 2026 and six in 2025, a fifth of them
    repeats: of a petition inside the period, of one before it, in chains across months."""
    rng = random.Random(5)
    world.categories = [world.category, category("chengxiang", "城乡建设")]
    made = [_petition(world, rng, date(2025, 11, 1) + timedelta(days=7 * n)) for n in range(6)]
    for _ in range(90):
        made.append(_petition(world, rng, date(2026, 1, 1) + timedelta(days=rng.randrange(243))))
    made.sort(key=lambda p: (p.received_on, p.pk))
    for n, petition in enumerate(made):
        if n > 3 and rng.random() < 0.2:
            earlier = made[rng.randrange(n)]
            petition.repeat_of_id = earlier.repeat_of_id or earlier.pk
            petition.save(update_fields=["repeat_of"])
    heads = [p for p in made if p.repeat_of_id is None]
    # Backlog cases opened from April to August, some closed out (化解销号) in or after it.
    for head, opened, closed in zip(rng.sample(heads, 6), (
            date(2026, 4, 20), date(2026, 5, 6), date(2026, 6, 2), date(2026, 6, 30),
            date(2026, 7, 15), date(2026, 8, 3)), (
            date(2026, 5, 20), None, date(2026, 7, 1), date(2026, 8, 31), None, None),
            strict=True):
        backlog_case(world, head, opened, closed)
    return list(Petition.objects.select_related("backlog_case__item"))


def backlog_case(world, head, opened, closed):
    """A backlog case over ``head``'s chain, opened (and closed out) on the days given."""
    ledger = backlog_ledger(world.xfj, 2026)
    item = Item.objects.create(
        ledger=ledger, code=ledger.next_code(), title=f"积案 {head.registration_no}",
        leader=world.renshe_head.person, lead_unit=world.renshe, deadline=date(2026, 12, 31),
        status=ItemStatus.CLOSED if closed else ItemStatus.IN_PROGRESS, closed_on=closed)
    case = BacklogCase.objects.create(item=item, opened_on=opened)
    Petition.objects.filter(Q(pk=head.pk) | Q(repeat_of=head)).update(backlog_case=case)


def by_hand(petitions, period, today):
    """Every figure of ``period`` over ``petitions``, counted in Python."""
    count, chains = Counter(), set()
    as_of = period.as_of

    def happened(day):
        return day is not None and (as_of is None or day <= as_of)

    for p in petitions:
        if not period.start <= p.received_on <= min(period.end, as_of or period.end):
            continue
        chains.add(p.repeat_of_id or p.pk)
        count["petitions"] += 1
        count["visits"] += p.head_count
        count["repeats"] += p.repeat_of_id is not None
        count["first_petitions"] += p.repeat_of_id is None
        decided = happened(p.decided_on)
        refused = decided and p.status == Status.NOT_ACCEPTED
        accepted = decided and not refused
        count["decided"] += decided
        count["accepted"] += accepted
        count["not_accepted"] += refused
        count["decided_on_time"] += decided and p.decided_on <= p.accept_due
        count["decided_late"] += decided and p.decided_on > p.accept_due
        count["undecided_overdue"] += not decided and p.accept_due < today
        replied = happened(p.replied_on)
        count["replied"] += replied
        count["replied_on_time"] += replied and p.replied_on <= p.handling_due
        count["replied_late"] += replied and p.replied_on > p.handling_due
        count["unreplied_overdue"] += accepted and not replied and p.handling_due < today
        evaluated = happened(p.evaluated_on)
        count["evaluated"] += evaluated
        count["satisfied"] += evaluated and p.evaluation in ("satisfied", "basic")
        count["dissatisfied"] += evaluated and p.evaluation == "dissatisfied"
        group_visit = p.channel == Channel.VISIT and p.head_count >= 5
        count["group_visits"] += group_visit
        count["group_visit_people"] += p.head_count if group_visit else 0
        count["bypassed"] += p.bypassed
        count["bypassed_people"] += p.head_count if p.bypassed else 0
    count["cases"] = len(chains)
    last = min(period.end, as_of or period.end)
    for p in petitions:  # backlog cases by their own days, once each (the chain's head)
        case = p.backlog_case if p.repeat_of_id is None else None
        if case is not None:
            count["backlog_opened"] += period.start <= case.opened_on <= last
            closed = case.item.closed_on
            count["backlog_resolved"] += closed is not None and period.start <= closed <= last
    return {name: count[name] for name in FIELDS}


def as_dict(figures_):
    return {name: getattr(figures_, name) for name in FIELDS}


def fraction(part, whole):
    return None if not whole else round(part / whole, 6)


def test_the_total_is_the_count_by_hand(rows):
    table = figures_for(Petition.objects.all(), PERIOD)
    expected = by_hand(rows, PERIOD, TODAY)
    assert as_dict(table.total) == expected
    # The set exercises every figure, and 件 is fewer than 件次 because of the chains.
    assert all(expected.values()), [name for name, value in expected.items() if not value]
    assert expected["cases"] < expected["petitions"] < expected["visits"]
    total = table.total
    assert float(total.repeat_rate) == fraction(expected["repeats"], expected["petitions"])
    assert float(total.on_time_acceptance_rate) == fraction(
        expected["decided_on_time"], expected["decided"] + expected["undecided_overdue"])
    assert float(total.on_time_completion_rate) == fraction(
        expected["replied_on_time"], expected["replied"] + expected["unreplied_overdue"])
    assert float(total.satisfaction_rate) == fraction(expected["satisfied"],
                                                      expected["evaluated"])


@pytest.mark.parametrize("grouping", GROUPINGS)
def test_each_group_and_month_is_its_count_and_the_total_is_the_whole(rows, grouping):
    table = figures_for(Petition.objects.all(), PERIOD, by=grouping, bucket="month")
    field = {"origin_unit": "origin_unit_id", "handling_unit": "handling_unit_id",
             "category": "category_id", "channel": "channel"}[grouping]
    assert {row.bucket for row in table.rows} == {date(2026, m, 1) for m in (5, 6, 7, 8)}
    for row in table.rows:
        mine = [p for p in rows if getattr(p, field) == row.group[grouping]]
        assert as_dict(row.figures) == by_hand(mine, row.period, TODAY), row.label
        assert row.period.start.month == row.period.end.month == row.bucket.month
    # Every petition of the period is in exactly one row; a chain is one case in the total.
    assert sum(row.figures.petitions for row in table.rows) == table.total.petitions
    assert table.total == figures_for(Petition.objects.all(), PERIOD).total
    assert len(table.rows) == len({(tuple(r.group.items()), r.bucket) for r in table.rows})


def test_groups_are_labelled_and_an_unassigned_petition_has_its_own_row(world, rows):
    table = figures_for(Petition.objects.all(), PERIOD, by=("handling_unit", "channel"))
    labels = {row.label for row in table.rows}
    assert "区人社局 · 来访" in labels
    assert any(label.startswith("未交办 · ") for label in labels)
    assert table.rows[-1].group["handling_unit"] is None  # the missing key sorts last
    table = figures_for(Petition.objects.all(), PERIOD, by="category")
    assert [row.label for row in table.rows] == ["劳动社保", "城乡建设"]


def test_a_chain_across_months_is_one_case_in_each_and_one_in_all(world):
    first = PetitionFactory(origin_unit=world.tree.west_village, received_on=date(2026, 6, 3),
                            head_count=2)
    for day in (date(2026, 6, 20), date(2026, 7, 9), date(2026, 7, 30)):
        PetitionFactory(origin_unit=world.tree.west_village, received_on=day, repeat_of=first)
    # A repeat of a petition received before the period: its case is in the period's 件.
    old = PetitionFactory(origin_unit=world.tree.east_village, received_on=date(2025, 12, 1))
    PetitionFactory(origin_unit=world.tree.east_village, received_on=date(2026, 8, 2),
                    repeat_of=old)
    table = figures_for(Petition.objects.all(), PERIOD, bucket="month")
    months = {row.bucket.month: row.figures for row in table.rows}
    assert {m: (f.petitions, f.cases, f.repeats) for m, f in months.items()} == {
        6: (2, 1, 1), 7: (2, 1, 2), 8: (1, 1, 1)}
    total = table.total
    assert (total.petitions, total.visits, total.cases, total.first_petitions) == (5, 6, 2, 1)
    assert float(total.repeat_rate) == 0.8


def test_as_of_a_past_day_steps_after_it_have_not_happened(rows):
    as_of = date(2026, 7, 15)
    period = Period(PERIOD.start, PERIOD.end, as_of)
    expected = by_hand(rows, period, as_of)
    assert as_dict(figures_for(Petition.objects.all(), period).total) == expected
    now = by_hand(rows, PERIOD, TODAY)
    assert expected["petitions"] < now["petitions"] and expected["replied"] < now["replied"]
    table = figures_for(Petition.objects.all(), period, by="origin_unit", bucket="month")
    assert max(row.bucket for row in table.rows) == date(2026, 7, 1)


def test_an_empty_period_counts_nothing_and_has_no_rates(rows):
    empty = Period(date(2020, 1, 1), date(2020, 3, 31))
    for table in (figures_for(Petition.objects.all(), empty),
                  figures_for(Petition.objects.all(), empty, by="channel", bucket="month")):
        assert table.empty and table.rows == []
        assert set(as_dict(table.total).values()) == {0}
        for name in RATES:
            assert getattr(table.total, name) is None, name


def test_a_rate_without_a_denominator_is_empty_though_the_period_is_not(world):
    PetitionFactory(origin_unit=world.tree.west, received_on=TODAY, accept_due=TODAY)
    total = figures_for(Petition.objects.all(), Period(TODAY, TODAY)).total
    assert total.petitions == 1 and total.repeat_rate == 0
    assert total.decision_due == 0 and total.on_time_acceptance_rate is None
    assert total.on_time_completion_rate is None and total.satisfaction_rate is None


@pytest.mark.parametrize("figure", COUNTS)
def test_the_records_behind_a_figure_make_that_figure(rows, figure):
    everything = Petition.objects.all()
    table = figures_for(everything, PERIOD, by="origin_unit", bucket="month")
    for row in [*table.rows, None]:
        group, period = (row.group, row.period) if row else ({}, PERIOD)
        expected = getattr(row.figures if row else table.total, figure)
        behind = records(everything, figure, period, group)
        if figure in ("visits", "group_visit_people", "bypassed_people"):
            assert sum(p.head_count for p in behind) == expected
        elif figure == "cases":
            assert len({p.case_id for p in behind}) == expected
        else:
            assert behind.count() == expected, (figure, row and row.label)


def test_records_refuse_a_rate_and_an_unknown_figure(rows):
    with pytest.raises(ValueError, match="rate"):
        records(Petition.objects.all(), "satisfaction_rate", PERIOD)
    with pytest.raises(ValueError, match="unknown"):
        records(Petition.objects.all(), "colour", PERIOD)
    with pytest.raises(ValueError, match="unknown"):
        figures_for(Petition.objects.all(), PERIOD, by="colour")
    assert set(COUNTS) | set(RATES) == set(LABELS)


def test_petitions_taken_through_the_steps_count_where_they_should(world):
    on_time = register(world)
    rules.accept_petition(on_time, actor=world.officer)
    rules.assign_petition(on_time, actor=world.officer, unit=world.renshe)
    rules.start_handling(on_time, actor=world.renshe_handler, handler=world.renshe_handler.person)
    rules.reply_petition(on_time, actor=world.renshe_handler, text="已督促支付工资。")
    rules.evaluate_petition(on_time, actor=world.officer, evaluation=Evaluation.BASIC)
    refused = register(world, petitioners=[petitioner("王五", ID_WANG, "13900002222")],
                       channel=Channel.LETTER)
    rules.refuse_petition(refused, actor=world.officer, notice="属于诉讼程序，请向法院提出。")
    group = register(world, petitioners=[petitioner("李四", ID_LI, "13700003333")],
                     head_count=7, bypassed=True)
    again = register(world)  # the same person on the same matter: a repeat
    assert again.repeat_of_id == on_time.pk
    total = figures(world.officer, Period(TODAY, TODAY)).total
    assert as_dict(total) == {
        **dict.fromkeys(FIELDS, 0), "petitions": 4, "visits": 10, "cases": 3,
        "first_petitions": 3, "repeats": 1, "decided": 2, "accepted": 1, "not_accepted": 1,
        "decided_on_time": 2, "replied": 1, "replied_on_time": 1, "evaluated": 1,
        "satisfied": 1, "group_visits": 1, "group_visit_people": 7, "bypassed": 1,
        "bypassed_people": 7}
    assert group.is_group_visit and total.satisfaction_rate == 1


def test_figures_of_a_unit_are_of_matters_arising_in_it_and_under_it(world, rows):
    table = figures(world.officer, PERIOD, unit=world.tree.west)
    mine = [p for p in rows if p.origin_unit_id in (world.tree.west.pk,
                                                    world.tree.west_village.pk)]
    assert as_dict(table.total) == by_hand(mine, PERIOD, TODAY)
    assert 0 < table.total.petitions < figures(world.officer, PERIOD).total.petitions


def test_the_accused_never_count_the_accusation(world):
    plain = register(world, content="反映拖欠工资")
    rules.accept_petition(plain, actor=world.officer)
    against_village = register(world, content="检举西河村主任挪用低保资金", is_accusation=True,
                               accused_unit=world.tree.west_village, head_count=6)
    against_supervisor = register(world, content="检举督查室工作人员", is_accusation=True,
                                  accused_person=world.supervisor.person, bypassed=True,
                                  channel=Channel.LETTER)
    rules.accept_petition(against_village, actor=world.officer)
    rules.accept_petition(against_supervisor, actor=world.officer)
    period = Period(TODAY, TODAY)
    # A petition officer who is also 包村干部 of the accused village, and 督查室 accused by
    # name: both would see every petition of the district, but for the rule.
    cadre = make_user(world.xfj, Role.PETITION_OFFICER, username="baocun")
    RoleGrant.objects.create(person=cadre.person, role=Role.UNIT_STAFF,
                             unit=world.tree.west_village)
    seen = {user: figures(user, period, by=GROUPINGS, bucket="week")
            for user in (world.officer, cadre, world.supervisor)}
    assert (seen[world.officer].total.petitions, seen[world.officer].total.visits) == (3, 8)
    for user, hidden in ((cadre, against_village), (world.supervisor, against_supervisor)):
        total = seen[user].total
        assert (total.petitions, total.accepted) == (2, 2)
        assert total.visits == 8 - hidden.head_count
        assert total.group_visits == (0 if hidden is against_village else 1)
        assert total.bypassed == (0 if hidden is against_supervisor else 1)
        rows_ = seen[user].rows
        assert sum(row.figures.petitions for row in rows_) == 2
        # Not a row, not a label, not a record: the accusation does not exist for them.
        for row in rows_:
            for figure in ("petitions", "accepted"):
                behind = records(visible_petitions(user), figure, row.period, row.group)
                assert not behind.filter(pk=hidden.pk).exists()
    assert figures(world.officer, period, by="origin_unit").total.group_visits == 1
