import pytest


@pytest.fixture
def world(tree):
    from taizhang.ledger.tests.factories import build_ledger_world

    return build_ledger_world(tree)
