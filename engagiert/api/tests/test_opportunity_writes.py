"""Writing opportunities with a token: through the service, audited, only the own ones."""

import pytest
from rest_framework.test import APIClient

from engagiert.api.models import Scope
from engagiert.core.models import AuditEntry
from engagiert.opportunities.models import Opportunity
from engagiert.opportunities.tests.factories import OpportunityFactory, ProviderFactory
from engagiert.registry.tests.factories import OrganisationFactory, TopicFactory

from .factories import bearer, token_issue

pytestmark = pytest.mark.django_db
URL = "/api/v1/own/opportunities/"


@pytest.fixture
def provider(organisation, authority):
    return ProviderFactory(organisation=organisation, authority=authority)


@pytest.fixture
def client(provider):
    _token, secret = token_issue([Scope.OPPORTUNITIES_WRITE], organisation=provider.organisation)
    client = APIClient()
    client.credentials(**bearer(secret))
    return client


def _new(authority, **fields):
    return {
        "title": "Vorlesen in der Stadtbücherei",
        "description": "Einmal pro Woche Kindern vorlesen.",
        "topic": TopicFactory(slug="bildung").slug,
        "authority": authority.ags,
        "contact_name": "Petra Vogel",
        "contact_email": "petra@example.org",
        **fields,
    }


def test_a_token_creates_an_opportunity_of_its_organisation_at_the_gemeinde(
    client, provider, authority
):
    answer = client.post(URL, _new(authority), format="json")

    assert answer.status_code == 201, answer.json()
    opportunity = Opportunity.objects.get(pk=answer.json()["id"])
    assert opportunity.provider == provider
    assert opportunity.latitude == float(authority.latitude)
    assert answer.json()["url"].endswith(opportunity.get_absolute_url())
    entry = AuditEntry.objects.get(
        object_id=str(opportunity.pk),
        content_type__model="opportunity",
        action=AuditEntry.Action.CREATE,
    )
    assert entry.actor is None
    assert entry.actor_label.startswith("API-Token Testzugang")


def test_a_token_closes_its_opportunity_and_the_change_is_audited(client, provider):
    opportunity = OpportunityFactory(provider=provider)

    answer = client.patch(f"{URL}{opportunity.pk}/", {"status": "filled"}, format="json")

    assert answer.status_code == 200, answer.json()
    assert answer.json()["status_display"] == "Besetzt"
    opportunity.refresh_from_db()
    assert opportunity.status == Opportunity.Status.FILLED
    entry = AuditEntry.objects.get(
        object_id=str(opportunity.pk),
        content_type__model="opportunity",
        action=AuditEntry.Action.UPDATE,
    )
    assert entry.changes["status"] == ["open", "filled"]
    assert entry.actor_label.startswith("API-Token")


def test_a_token_cannot_touch_another_organisations_opportunity(client):
    foreign = OpportunityFactory(title="Fremdes Angebot")

    assert client.get(f"{URL}{foreign.pk}/").status_code == 404
    assert (
        client.patch(f"{URL}{foreign.pk}/", {"status": "paused"}, format="json").status_code == 404
    )
    assert client.put(f"{URL}{foreign.pk}/", {}, format="json").status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == Opportunity.Status.OPEN
    assert [o["title"] for o in _rows(client.get(URL).json())] == []


def _rows(answer):
    return answer["results"] if isinstance(answer, dict) else answer


def test_bad_input_is_answered_at_the_field_in_german(client, authority):
    answer = client.post(
        URL,
        _new(authority, starts_on="2030-05-01", ends_on="2030-04-01", latitude=51.0),
        format="json",
    )

    assert answer.status_code == 400
    assert answer["Content-Type"] == "application/problem+json"
    assert "longitude" in {error["field"] for error in answer.json()["errors"]}
    assert not Opportunity.objects.exists()


def test_the_model_rules_answer_400_not_500(client, authority):
    answer = client.post(
        URL, _new(authority, starts_on="2030-05-01", ends_on="2030-04-01"), format="json"
    )

    assert answer.status_code == 400
    assert "Enddatum" in str(answer.json())


def test_an_organisation_that_is_no_provider_may_not_create(authority):
    _token, secret = token_issue(
        [Scope.OPPORTUNITIES_WRITE], organisation=OrganisationFactory(name="Kein Anbieter e.V.")
    )
    client = APIClient()
    client.credentials(**bearer(secret))

    answer = client.post(URL, _new(authority), format="json")

    assert answer.status_code == 403
    assert not Opportunity.objects.exists()
