"""Property-based tests of the ledger routes against the OpenAPI document (schemathesis)."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import negative_data_rejection

from taizhang.ledger.tests.factories import build_ledger_world
from taizhang.org.tokens import create_token
from taizhang.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application).include(
    path_regex=r"^/api/v1/ledger/"
)
# A well-formed body may still name a record that does not exist or break a rule of the
# workflow (an empty reason, a deadline earlier than the current one): 422 by design, with
# the field named. What a schema-valid request must never get is 400.
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


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(params=["supervisor", "west_staff"])
def auth_headers(request, tree, keep_test_connection):
    # The supervision office can write; a township's handler mostly meets 403 and 404.
    world = build_ledger_world(tree)
    return {"Authorization": f"Bearer {create_token(getattr(world, request.param))[1]}"}


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_ledger_api_conforms_to_its_schema(case, auth_headers):
    # A repeated scalar query parameter takes its last value, as everywhere in Django;
    # schemathesis counts accepting it as accepting invalid data, which we deliberately do.
    case.call_and_validate(headers=auth_headers, excluded_checks=[negative_data_rejection])
