"""Property-based tests of the petition routes against the OpenAPI document (schemathesis),
called as the district's petition office."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import negative_data_rejection

from taizhang.org.tokens import create_token
from taizhang.petitions import rules
from taizhang.petitions.tests.factories import register
from taizhang.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application).include(
    path_regex=r"^/api/v1/petitions/"
)
# A well-formed body may still name a unit, person, category or petition that does not exist,
# a petition out of sight (404, like one that does not exist), a step the petition is not ready
# for or a stale expected_status (409), a step for another actor (403), or break a rule of
# registration (422, with the field named).
schema.config.checks.positive_data_acceptance.expected_statuses = [
    "2xx", "401", "403", "404", "409", "422"]


@pytest.fixture
def keep_test_connection():
    # Like Django's test client: the WSGI calls must not close the test's transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def auth_headers(world, keep_test_connection):
    # Two petitions of the office's own, one accepted, give the list, detail and step routes
    # something to answer with.
    rules.accept_petition(register(world), actor=world.officer)
    register(world, content="反映村道损毁")
    return {"Authorization": f"Bearer {create_token(world.officer)[1]}"}


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_petitions_api_conforms_to_its_schema(case, auth_headers):
    # A repeated scalar query parameter takes its last value, as everywhere in Django;
    # schemathesis counts accepting it as accepting invalid data, which we deliberately do.
    case.call_and_validate(headers=auth_headers, excluded_checks=[negative_data_rejection])
