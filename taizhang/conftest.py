import os

import pytest
from hypothesis import settings as hypothesis_settings

# CI must give the same verdict twice on the same commit; local runs keep exploring.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # Argon2 is deliberately slow; the tests check behaviour, not the hash's cost.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def tree(db):
    """A small district: two townships with a village and a grid each, and a department."""
    from taizhang.org.tests.factories import build_small_district

    return build_small_district()


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    # A rolled-back CalendarYear sends no signal; never let one test's schedule leak into another.
    from taizhang.org import workdays

    workdays.clear_cache()
    yield
    workdays.clear_cache()
