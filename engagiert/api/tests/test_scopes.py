"""Each scope opens exactly its endpoints, and each endpoint shows only the holder's objects."""

import pytest
from rest_framework.test import APIClient

from engagiert.accounts.models import Role
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.api.models import Scope
from engagiert.membership.tests.factories import ContactPersonFactory
from engagiert.opportunities.tests.factories import OpportunityFactory, ProviderFactory
from engagiert.volunteercard.cards import card_code
from engagiert.volunteercard.tests.card_factories import CardFactory

from .factories import bearer, token_issue

pytestmark = pytest.mark.django_db

#: Each endpoint, how it is asked, and the scope it needs.
ENDPOINTS = {
    "contacts": ("get", "/api/v1/members-only/contacts/", Scope.MEMBERS_READ),
    "documents": ("get", "/api/v1/members-only/documents/", Scope.MEMBERS_READ),
    "opportunities": ("get", "/api/v1/own/opportunities/", Scope.OPPORTUNITIES_WRITE),
    "card_check": ("post", "/api/v1/cards/checks/", Scope.CARDS_VERIFY),
}
#: The callers: no token, a logged-in person without a token, and tokens with one scope each.
CALLERS = ("none", "session", "authority_members", "organisation_write", "authority_cards")
# fmt: off
MATRIX = {
    #                 none session members write cards
    "contacts":      "401 401 200 403 403",
    "documents":     "401 401 200 403 403",
    "opportunities": "401 401 403 200 403",
    "card_check":    "401 401 403 403 200",
}
# fmt: on


@pytest.fixture
def callers(authority, organisation):
    ProviderFactory(organisation=organisation, authority=authority)
    person = UserFactory()
    role_grant(user=person, role=Role.OFFICE)
    clients = {name: APIClient() for name in CALLERS}
    clients["session"].force_login(person)
    for name, scope, holder in (
        ("authority_members", Scope.MEMBERS_READ, {"authority": authority}),
        ("organisation_write", Scope.OPPORTUNITIES_WRITE, {"organisation": organisation}),
        ("authority_cards", Scope.CARDS_VERIFY, {"authority": authority}),
    ):
        _token, secret = token_issue([scope], **holder)
        clients[name].credentials(**bearer(secret))
    return clients


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_each_scope_opens_exactly_its_endpoints(endpoint, callers):
    method, url, _scope = ENDPOINTS[endpoint]
    data = {"code": "kein-code"} if method == "post" else None

    statuses = [
        str(getattr(callers[name], method)(url, data, format="json").status_code)
        for name in CALLERS
    ]

    assert " ".join(statuses) == MATRIX[endpoint]


def test_members_read_shows_members_only_details_of_the_own_authority_only(authority, callers):
    ContactPersonFactory(
        authority=authority, name="Lea Kontakt", phone="0201 12345", public_fields=["name"]
    )
    ContactPersonFactory(name="Fremde Person", phone="0211 999")

    found = callers["authority_members"].get("/api/v1/members-only/contacts/").json()
    rows = found["results"] if isinstance(found, dict) else found

    assert [(c["name"], c["phone"]) for c in rows] == [("Lea Kontakt", "0201 12345")]


def test_cards_verify_answers_as_the_verification_page(callers):
    card = CardFactory()

    answer = callers["authority_cards"].post(
        "/api/v1/cards/checks/", {"code": card_code(card)}, format="json"
    )

    assert answer.json() == {
        "reason": "valid",
        "valid": True,
        "text": "Die Karte ist echt und gültig.",
        "revocation": "",
    }
    assert card.holder_name not in answer.content.decode()


def test_cards_verify_answers_an_unreadable_code(callers):
    answer = callers["authority_cards"].post(
        "/api/v1/cards/checks/", {"code": "kein-code"}, format="json"
    )

    assert answer.json()["valid"] is False
    assert answer.json()["reason"] == "malformed"


def test_a_token_of_another_authority_sees_none_of_its_contacts(authority):
    other = ContactPersonFactory(name="Fremd")
    _token, secret = token_issue([Scope.MEMBERS_READ], authority=authority)

    answer = APIClient().get(f"/api/v1/members-only/contacts/{other.pk}/", **bearer(secret))

    assert answer.status_code == 404


def test_the_opportunity_list_runs_the_same_queries_for_more_rows(
    organisation, authority, django_assert_max_num_queries
):
    provider = ProviderFactory(organisation=organisation, authority=authority)
    _token, secret = token_issue([Scope.OPPORTUNITIES_WRITE], organisation=organisation)
    client = APIClient()
    client.credentials(**bearer(secret))
    OpportunityFactory.create_batch(2, provider=provider)
    with django_assert_max_num_queries(4) as few:
        client.get("/api/v1/own/opportunities/")
    OpportunityFactory.create_batch(20, provider=provider)

    with django_assert_max_num_queries(len(few.captured_queries)):
        answer = client.get("/api/v1/own/opportunities/")

    assert answer.status_code == 200


def test_the_contact_list_runs_the_same_queries_for_more_rows(
    authority, django_assert_max_num_queries
):
    _token, secret = token_issue([Scope.MEMBERS_READ], authority=authority)
    client = APIClient()
    client.credentials(**bearer(secret))
    ContactPersonFactory(authority=authority)
    with django_assert_max_num_queries(4) as few:
        client.get("/api/v1/members-only/contacts/")
    ContactPersonFactory.create_batch(15, authority=authority)

    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/api/v1/members-only/contacts/").status_code == 200
