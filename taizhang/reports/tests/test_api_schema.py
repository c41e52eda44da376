"""Property-based tests of the report routes against the OpenAPI document (schemathesis), as
the supervision office, which may generate, rewrite, publish and correct."""

from datetime import date

import pytest
import schemathesis
import time_machine
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import negative_data_rejection

from taizhang.ledger.tests.factories import build_ledger_world
from taizhang.org.tokens import create_token
from taizhang.reports import rules
from taizhang.reports.constants import ReportKind, ReportScope
from taizhang.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application).include(
    path_regex=r"^/api/v1/(reports|targets|dashboard)"
)
# A well-formed request may still name a report that does not exist (404), act on one already
# published (409), ask for a period not yet begun or rewrite a paragraph the report has not
# got (422, with the field named).
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
def clock():
    with time_machine.travel("2026-12-07 09:00 +0800", tick=False):
        yield


@pytest.fixture
def auth_headers(tree, keep_test_connection):
    world = build_ledger_world(tree)
    draft = rules.generate_report(ReportKind.WEEKLY, ReportScope.ALL, date(2026, 11, 30),
                                  date(2026, 12, 6), actor=world.supervisor)
    published = rules.generate_report(ReportKind.MONTHLY, ReportScope.ALL, date(2026, 11, 1),
                                      date(2026, 11, 30), actor=world.supervisor)
    rules.publish_report(published, actor=world.supervisor)
    assert draft.pk and published.pk
    return {"Authorization": f"Bearer {create_token(world.supervisor)[1]}"}


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_report_routes_conform_to_their_schema(case, auth_headers):
    case.call_and_validate(headers=auth_headers, excluded_checks=[negative_data_rejection])
