"""Property-based tests of the whole API against its own OpenAPI document (schemathesis)."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from taizhang.org.tokens import create_token
from taizhang.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def auth_headers(tree):
    return {"Authorization": f"Bearer {create_token(tree.west_clerk)[1]}"}


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_api_conforms_to_its_schema(case, auth_headers):
    case.call_and_validate(headers=auth_headers)
