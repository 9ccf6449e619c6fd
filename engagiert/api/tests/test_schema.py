"""The schema is the contract: schemathesis calls every operation with values generated from
the OpenAPI schema (query parameters, path keys) against seeded data, and checks that no answer
is a server error and that every answer — status, content type, body — is the documented one."""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

from engagiert.wsgi import application

from .world import secrets, seed

pytestmark = pytest.mark.long

#: Examples per operation: enough to try every filter and a few wrong values, still fast.
EXAMPLES = 20


@pytest.fixture
def connection_kept():
    """The WSGI application closes the database connection after each request, as in
    production; inside the test's transaction that would end it (on PostgreSQL), so keep it
    open the way Django's test client does."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_every_operation_keeps_the_contract(settings, connection_kept):
    settings.API_ANON_RATE = "1000000/min"
    seed(3)
    secrets()
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 19

    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def keeps_contract(case: schemathesis.Case) -> None:
            case.call_and_validate()

        keeps_contract()


def test_schema_documents_filters_pagination_and_problems(client, db):
    document = client.get("/api/v1/schema/?format=json").json()
    assert document["info"]["license"]["name"].endswith("(dl-de/by-2-0)")
    assert document["servers"][0]["url"]
    operation = document["paths"]["/api/v1/events/"]["get"]
    parameters = {parameter["name"]: parameter for parameter in operation["parameters"]}
    assert parameters["when"]["schema"]["enum"] == ["upcoming", "past", "all"]
    assert parameters["page_size"]["schema"]["maximum"] == 100
    assert "application/problem+json" in operation["responses"]["400"]["content"]
    assert "application/problem+json" in operation["responses"]["429"]["content"]
