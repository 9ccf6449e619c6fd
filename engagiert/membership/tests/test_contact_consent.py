"""A contact person's e-mail and phone reach the public only with their own consent: on the
authority page and in the API; members see them as before; withdrawing hides them at once."""

import pytest
from django.test import Client

from engagiert.accounts.models import Role
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.core.extensions import open_datasets
from engagiert.legal.models import ConsentRecord
from engagiert.membership import services
from engagiert.membership.tests.factories import ContactPersonFactory, MembershipFactory
from engagiert.registry.tests.factories import AuthorityFactory

pytestmark = pytest.mark.django_db

EMAIL, PHONE = "berta.bedorf@kommune.example", "0211 987654"


@pytest.fixture
def contact():
    authority = MembershipFactory().authority
    return ContactPersonFactory(
        authority=authority,
        name="Berta Bedorf",
        email=EMAIL,
        phone=PHONE,
        public_fields=["name", "email", "phone"],
    )


@pytest.fixture
def person(contact):
    return UserFactory(email="Berta.Bedorf@kommune.example")


def _public_texts(contact) -> list[str]:
    """What an anonymous visitor gets: the authority page and the API's member."""
    anonymous = Client()
    page = anonymous.get(f"/kommunen/{contact.authority.ags}/").content.decode()
    api = anonymous.get(f"/api/v1/members/{contact.authority.ags}/").content.decode()
    return [page, api]


def _member_sees(contact) -> str:
    member = UserFactory()
    role_grant(user=member, role=Role.OFFICER, authority=MembershipFactory().authority)
    client = Client()
    client.force_login(member)
    return client.get(f"/kommunen/{contact.authority.ags}/").content.decode()


def test_without_consent_the_public_sees_the_name_but_not_email_and_phone(contact):
    for text in _public_texts(contact):
        assert "Berta Bedorf" in text
        assert EMAIL not in text
        assert PHONE not in text
    member_view = _member_sees(contact)
    assert EMAIL in member_view
    assert PHONE in member_view


def test_the_person_agrees_on_their_start_page_and_the_public_sees_them(client, contact, person):
    client.force_login(person)
    dashboard = client.get("/konto/").content.decode()
    assert (
        f"Meine Kontaktdaten im öffentlichen Profil von {contact.authority.name} zeigen"
        in dashboard
    )

    response = client.post(f"/netzwerk/kontakte/{contact.pk}/zustimmung/")

    assert response.status_code == 302
    record = ConsentRecord.objects.get(purpose="membership.contact_public")
    assert (record.user, record.reference) == (person, str(contact.pk))
    for text in _public_texts(contact):
        assert EMAIL in text
        assert PHONE in text
    consents = client.get("/einwilligungen/").content.decode()
    assert f"Meine Kontaktdaten im öffentlichen Profil einer Kommune: {contact.authority.name}" in (
        consents
    )


def test_withdrawing_hides_email_and_phone_everywhere_at_once(client, contact, person):
    services.contact_public_consent_give(contact=contact, user=person)
    client.force_login(person)
    record = ConsentRecord.objects.get(purpose="membership.contact_public")

    client.post(f"/einwilligungen/{record.pk}/widerrufen/")

    for text in _public_texts(contact):
        assert EMAIL not in text
        assert PHONE not in text
    assert EMAIL in _member_sees(contact)


def test_nobody_else_can_agree_for_the_contact_person(client, contact):
    client.force_login(UserFactory(email="jemand@example.org"))

    assert client.post(f"/netzwerk/kontakte/{contact.pk}/zustimmung/").status_code == 403

    assert not ConsentRecord.objects.exists()
    contact.refresh_from_db()
    assert not contact.public_consent


def test_a_new_address_ends_the_consent(contact, person):
    services.contact_public_consent_give(contact=contact, user=person)
    data = {"email": "nachfolge@kommune.example"}

    services.contact_person_save(authority=contact.authority, instance=contact, data=data)

    contact.refresh_from_db()
    assert not contact.public_consent
    record = ConsentRecord.objects.get(purpose="membership.contact_public")
    assert record.end_reason == "The e-mail address was changed."


def test_open_data_and_the_member_export_carry_no_contact_details(contact, person, office_user):
    services.contact_public_consent_give(contact=contact, user=person)
    client = Client()
    client.force_login(office_user)
    export = client.get("/netzwerk/export.csv").content.decode("utf-8-sig")
    assert contact.authority.name in export

    rows = [str(row) for dataset in open_datasets for row in dataset.rows()]

    assert not any(EMAIL in row or PHONE in row for row in rows + [export])


def test_contacts_of_another_authority_stay_as_they_are(contact, person):
    other = ContactPersonFactory(authority=AuthorityFactory(), email="andere@kommune.example")

    services.contact_public_consent_give(contact=contact, user=person)

    other.refresh_from_db()
    assert not other.public_consent
