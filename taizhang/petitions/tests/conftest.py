import pytest
import time_machine

from taizhang.petitions import limits
from taizhang.petitions.tests.factories import NOW, build_petition_world


@pytest.fixture(autouse=True)
def _fixed_clock_and_fresh_limits():
    # A rolled-back TimeLimit edit sends no commit signal: never let one test's limits leak.
    limits.clear_cache()
    with time_machine.travel(NOW, tick=False):
        yield
    limits.clear_cache()


@pytest.fixture
def world(tree):
    return build_petition_world(tree)
