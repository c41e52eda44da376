"""Two people acting on the same petition at once, on real connections: exactly one wins."""

import pytest
from django.db import connection

from taizhang.org.events import timeline
from taizhang.org.tests.concurrency import race as run_together
from taizhang.org.tests.factories import build_small_district
from taizhang.petitions import extensions, rules
from taizhang.petitions.constants import Status, Step
from taizhang.petitions.errors import Conflict, PetitionError
from taizhang.petitions.models import Petition
from taizhang.petitions.tests.factories import build_petition_world, register

pytestmark = pytest.mark.django_db(transaction=True)


def race(*acts):
    return run_together(*acts, expected=PetitionError)


@pytest.fixture
def world():
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent server connections; SQLite serialises writers itself")
    return build_petition_world(build_small_district())


def fresh(petition):
    return Petition.objects.get(pk=petition.pk)


def test_accept_and_refuse_at_once(world):
    petition = register(world)
    results, errors = race(
        lambda: rules.accept_petition(fresh(petition), actor=world.officer),
        lambda: rules.refuse_petition(fresh(petition), actor=world.officer2,
                                      notice="不属于信访事项"),
    )
    assert len(results) == 1 and len(errors) == 1 and isinstance(errors[0], Conflict)
    assert "请刷新页面" in errors[0].message
    assert fresh(petition).status == results[0].status
    assert timeline(petition).filter(action__in=[Step.ACCEPT, Step.REFUSE]).count() == 1


def test_two_extension_requests_at_once(world):
    petition = register(world)
    rules.accept_petition(petition, actor=world.officer)
    rules.assign_petition(fresh(petition), actor=world.officer, unit=world.renshe)
    results, errors = race(*[
        (lambda user=user: extensions.request_extension(
            fresh(petition), actor=user, days=10, reason="需调取账目"))
        for user in (world.renshe_clerk, world.renshe_handler)
    ])
    assert len(results) == 1 and len(errors) == 1 and isinstance(errors[0], Conflict)
    assert fresh(petition).extensions.count() == 1


def test_registrations_at_once_get_distinct_numbers(world):
    results, errors = race(*[(lambda: register(world)) for _ in range(4)])
    assert errors == []
    numbers = sorted(p.registration_no for p in results)
    assert numbers == [f"XF2026-00000{n}" for n in range(1, 5)]
    assert Petition.objects.filter(status=Status.REGISTERED).count() == 4
