"""Organisations register as providers; the municipality verifies them (seed 002: with a named
contact person); only verified providers' opportunities are public."""

import re

import pytest
from django.test import Client

from engagiert.accounts.models import Role, User
from engagiert.core.models import AuditEntry
from engagiert.registry.models import Organisation
from engagiert.registry.tests.factories import AuthorityFactory, OrganisationFactory

from ..models import Provider
from .conftest import member_of, officer_of, sent
from .factories import OpportunityFactory, ProviderFactory

pytestmark = pytest.mark.django_db

REGISTER = "/mitmachen/anbieter/registrieren/"


def _form(town, **changes):
    data = {
        "organisation_name": "Flüchtlingshilfe Moers e.V.",
        "kind": Organisation.Kind.CHURCH_WELFARE,
        "authority": town.ags,
        "description": "Sprachcafé und Begleitung zu Ämtern.",
        "contact_name": "Aylin Demir",
        "contact_email": "Aylin@Example.org",
    }
    data.update(changes)
    return data


def test_an_organisation_registers_gets_an_account_and_the_officer_hears_of_it():
    town = AuthorityFactory(name="Moers")
    officer_of(town, "officer@moers.example")
    response = Client().post(REGISTER, _form(town))

    assert response.status_code == 302
    provider = Provider.objects.get(organisation__name="Flüchtlingshilfe Moers e.V.")
    assert provider.status == Provider.Status.PENDING
    assert provider.authority == town
    person = User.objects.get(email="aylin@example.org")
    assert person.role_assignments.get().role == Role.ORGANISATION
    assert not person.has_usable_password()
    welcome = next(m for m in sent() if m.to == ["aylin@example.org"])
    link = re.search(r"https?://\S+/konto/passwort-neu/\S+", welcome.body)
    assert link, welcome.body
    assert any(m.to == ["officer@moers.example"] for m in sent())


def test_a_taken_name_is_refused_at_the_field():
    town = AuthorityFactory()
    OrganisationFactory(name="Tafel Kamp-Lintfort")
    response = Client().post(REGISTER, _form(town, organisation_name="tafel kamp-lintfort"))

    assert response.status_code == 200
    assert "organisation_name" in response.context["form"].errors
    assert "ist bereits registriert" in response.content.decode()
    assert not Provider.objects.exists()


def test_bad_input_is_answered_at_the_fields_not_with_an_error_page():
    town = AuthorityFactory()
    response = Client().post(REGISTER, _form(town, contact_email="kein-at", authority="999"))

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"contact_email", "authority"}


def test_the_public_form_is_rate_limited(settings):
    settings.PUBLIC_FORM_LIMIT = 1
    town = AuthorityFactory()
    client = Client()
    client.post(REGISTER, _form(town))
    response = client.post(REGISTER, _form(town, organisation_name="Zweiter Verein"))

    assert response.status_code == 200
    assert Provider.objects.count() == 1


def test_the_officer_verifies_naming_the_municipal_contact_mailed_and_audited():
    provider = ProviderFactory(status=Provider.Status.PENDING, municipal_contact_name="")
    officer = officer_of(provider.authority)
    client = Client()
    client.force_login(officer)
    url = f"/mitmachen/pruefung/{provider.pk}/"

    missing = client.post(url, {"action": "verify", "verify-municipal_contact_name": ""})
    assert "municipal_contact_name" in missing.context["verify_form"].errors

    client.post(
        url,
        {
            "action": "verify",
            "verify-municipal_contact_name": "Jan Stadt",
            "verify-municipal_contact_email": "jan@stadt.example",
        },
    )
    provider.refresh_from_db()
    assert provider.status == Provider.Status.VERIFIED
    assert provider.verified_by == officer
    assert provider.municipal_contact_name == "Jan Stadt"
    assert any("Jan Stadt" in m.body for m in sent() if m.to == [provider.contact_email])
    assert AuditEntry.objects.filter(object_id=str(provider.pk), actor=officer).exists()


def test_rejection_needs_a_reason_which_the_organisation_reads():
    provider = ProviderFactory(status=Provider.Status.PENDING)
    client = Client()
    client.force_login(officer_of(provider.authority))
    url = f"/mitmachen/pruefung/{provider.pk}/"

    assert "reason" in client.post(url, {"action": "reject"}).context["reject_form"].errors
    client.post(url, {"action": "reject", "reject-reason": "Kein Bezug zur Stadt erkennbar."})

    provider.refresh_from_db()
    assert provider.status == Provider.Status.REJECTED
    assert any("Kein Bezug" in m.body for m in sent())


def test_an_officer_verifies_only_the_providers_of_their_own_municipality():
    provider = ProviderFactory(status=Provider.Status.PENDING)
    stranger = officer_of(AuthorityFactory())
    client = Client()
    client.force_login(stranger)

    assert client.get(f"/mitmachen/pruefung/{provider.pk}/").status_code == 403
    response = client.post(
        f"/mitmachen/pruefung/{provider.pk}/",
        {
            "action": "verify",
            "verify-municipal_contact_name": "X",
            "verify-municipal_contact_email": "x@example.org",
        },
    )
    assert response.status_code == 403
    provider.refresh_from_db()
    assert provider.status == Provider.Status.PENDING
    assert provider.organisation.name not in client.get("/mitmachen/pruefung/").content.decode()


def test_a_verified_volunteer_agency_verifies_in_its_town_a_plain_association_does_not():
    town = AuthorityFactory()
    agency = ProviderFactory(
        authority=town,
        organisation=OrganisationFactory(kind=Organisation.Kind.VOLUNTEER_AGENCY),
    )
    association = ProviderFactory(authority=town)
    pending = ProviderFactory(authority=town, status=Provider.Status.PENDING)
    agency_client, association_client = Client(), Client()
    agency_client.force_login(member_of(agency))
    association_client.force_login(member_of(association))

    assert agency_client.get(f"/mitmachen/pruefung/{pending.pk}/").status_code == 200
    assert association_client.get(f"/mitmachen/pruefung/{pending.pk}/").status_code == 403
    assert association_client.get("/mitmachen/pruefung/").status_code == 403


def test_only_verified_providers_opportunities_are_public():
    pending = OpportunityFactory(
        title="Noch nicht geprüft", provider=ProviderFactory(status=Provider.Status.PENDING)
    )
    OpportunityFactory(title="Geprüft")
    page = Client().get("/mitmachen/").content.decode()

    assert "Geprüft" in page
    assert "Noch nicht geprüft" not in page
    assert Client().get(pending.get_absolute_url()).status_code == 404
    own = Client()
    own.force_login(member_of(pending.provider))
    assert own.get(pending.get_absolute_url()).status_code == 200
