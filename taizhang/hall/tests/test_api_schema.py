"""Property-based tests of the hall routes against the OpenAPI document (schemathesis)."""

import pytest
import schemathesis
import time_machine
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import negative_data_rejection

from taizhang.hall.tests.hallapi import MONDAY, put_on_duty
from taizhang.hall.tests.test_applications import accept
from taizhang.org.tokens import create_token
from taizhang.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application).include(
    path_regex=r"^/api/v1/hall/"
)
# A well-formed body may still name a centre or matter that does not exist, an application out
# of sight (404, like one that does not exist), a step the application is not ready for (409), or
# break a rule of intake (422, with the field named). Lookup and rating are counted per client
# and per receipt number, and answer 429 once the hour's tries are used up.
schema.config.checks.positive_data_acceptance.expected_statuses = [
    "2xx", "401", "403", "404", "409", "422", "429"]


@pytest.fixture
def keep_test_connection():
    # Like Django's test client: the WSGI calls must not close the test's transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def clock():
    # The hall fixture's calendar is known for 2026; every deadline is counted from this Monday.
    with time_machine.travel(MONDAY, tick=False):
        yield


@pytest.fixture
def auth_headers(hall, keep_test_connection):
    # The helper at window 1 may take in applications there; one accepted application gives
    # the list and detail routes something of their own to answer with.
    on_duty = put_on_duty(hall)
    accept(hall)
    return {"Authorization": f"Bearer {create_token(on_duty.user)[1]}"}


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_hall_api_conforms_to_its_schema(case, auth_headers):
    # A repeated scalar query parameter takes its last value, as everywhere in Django;
    # schemathesis counts accepting it as accepting invalid data, which we deliberately do.
    case.call_and_validate(headers=auth_headers, excluded_checks=[negative_data_rejection])
