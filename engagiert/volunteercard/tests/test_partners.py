"""Benefit partners: registration, approval by the right card staff, their own entries, the
benefits' rules at the field."""

import datetime
import email
import re
import socket
from decimal import Decimal
from email import policy

import pytest
from aiosmtpd.controller import Controller
from django.core.exceptions import ValidationError
from django.test import Client

from engagiert.accounts.models import Role, User
from engagiert.accounts.permissions import organisations_for_role
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.core.models import AuditEntry, OutboundMail
from engagiert.core.outbox import outbox_dispatch
from engagiert.registry.models import Organisation
from engagiert.volunteercard import partners
from engagiert.volunteercard.models import Benefit, BenefitPartner

from .partner_factories import (
    BenefitFactory,
    LocationFactory,
    PartnerFactory,
    issuer_for,
    kreis_with_towns,
)

REGISTER = "/ehrenamtskarte/akzeptanzstellen/registrieren/"


class _Mailbox:
    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.messages.append(
            email.message_from_bytes(envelope.original_content, policy=policy.default)
        )
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for m in self.messages if m["To"] == address]


@pytest.fixture
def mailbox(settings):
    """A real SMTP server on 127.0.0.1; the outbox sends to it through Django's SMTP backend."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    handler = _Mailbox()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield handler
    controller.stop()


@pytest.fixture
def lippe(db):
    kreis, lemgo, detmold = kreis_with_towns("Kreis Lippe", ["Lemgo", "Detmold"])
    issuer = issuer_for(kreis, [lemgo, detmold], contact_email="ehrenamtskarte@lippe.example")
    staff = UserFactory(email="karte@lippe.example")
    role_grant(user=staff, role=Role.CARD_STAFF, authority=kreis)
    return issuer, lemgo, staff


def _form(town, **changes):
    return {
        "organisation_name": "Stadtbad Lemgo",
        "website": "stadtbad-lemgo.example",
        "contact_name": "Ömer Yılmaz",
        "contact_email": "Kasse@Stadtbad-Lemgo.example",
        "phone": "05261 1234",
        "description": "Hallenbad und Sauna",
        "name": "Hallenbad",
        "street": "Am Bad 1",
        "postcode": "32657",
        "authority": town.ags,
        "latitude": "",
        "longitude": "",
        "consent": "on",
        **changes,
    }


def test_partner_register_view_creates_a_pending_partner_for_the_covering_issuer(client, lippe):
    issuer, lemgo, _staff = lippe

    response = client.post(REGISTER, _form(lemgo))

    assert "Vielen Dank für Ihre Registrierung" in response.content.decode()
    partner = BenefitPartner.objects.get()
    assert partner.status == BenefitPartner.Status.PENDING
    assert partner.issuer == issuer
    assert partner.organisation.name == "Stadtbad Lemgo"
    assert partner.organisation.website == "https://stadtbad-lemgo.example"
    account = User.objects.get(email="kasse@stadtbad-lemgo.example")
    assert partner.account == account
    assert not account.has_usable_password()
    assert organisations_for_role(account, Role.BENEFIT_PARTNER) == []  # not before approval
    (location,) = partner.locations.all()
    assert (location.latitude, location.longitude) == (lemgo.latitude, lemgo.longitude)
    assert location.at_municipality_centre
    recipients = set(OutboundMail.objects.values_list("to_email", flat=True))
    assert recipients == {
        "kasse@stadtbad-lemgo.example",
        "ehrenamtskarte@lippe.example",
        "karte@lippe.example",
    }


def test_partner_register_keeps_entered_coordinates(client, lippe):
    _issuer, lemgo, _staff = lippe

    client.post(REGISTER, _form(lemgo, latitude="52.028", longitude="8.899"))

    location = BenefitPartner.objects.get().locations.get()
    assert (location.latitude, location.longitude) == (Decimal("52.028"), Decimal("8.899"))
    assert not location.at_municipality_centre


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"latitude": "52.0"}, "longitude", "Bitte geben Sie Breiten- und Längengrad an"),
        ({"latitude": "123", "longitude": "8"}, "latitude", "kleiner oder gleich 90"),
        ({"postcode": "3265"}, "postcode", "Eine Postleitzahl hat fünf Ziffern."),
        ({"consent": ""}, "consent", "Dieses Feld ist zwingend erforderlich."),
    ],
)
def test_partner_register_view_names_bad_input_at_the_field(client, lippe, changes, field, message):
    _issuer, lemgo, _staff = lippe

    response = client.post(REGISTER, _form(lemgo, **changes))

    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    assert not BenefitPartner.objects.exists()


def test_partner_register_refuses_an_organisation_that_is_a_partner_already(client, lippe):
    _issuer, lemgo, _staff = lippe
    client.post(REGISTER, _form(lemgo))

    response = client.post(REGISTER, _form(lemgo, organisation_name="stadtbad lemgo"))

    assert "bereits als Akzeptanzstelle registriert" in response.content.decode()
    assert BenefitPartner.objects.count() == 1


def test_partner_register_links_an_existing_organisation(client, lippe):
    _issuer, lemgo, _staff = lippe
    existing = Organisation.objects.create(name="Stadtbad Lemgo", kind="unternehmen")

    client.post(REGISTER, _form(lemgo))

    assert BenefitPartner.objects.get().organisation == existing


def test_partner_register_view_is_rate_limited(client, lippe, settings):
    _issuer, lemgo, _staff = lippe
    settings.PUBLIC_FORM_LIMIT = 1
    client.post(REGISTER, _form(lemgo))

    response = client.post(REGISTER, _form(lemgo, organisation_name="Museum Lemgo"))

    assert "Zu viele Registrierungen" in response.content.decode()
    assert BenefitPartner.objects.count() == 1


def test_partner_outside_any_issuer_goes_to_the_office(client, db):
    (_kreis, town) = kreis_with_towns("Kreis Ohnekarte", ["Nirgendwo"])
    office = UserFactory(email="office@example.org")
    role_grant(user=office, role=Role.OFFICE)

    client.post(REGISTER, _form(town))

    partner = BenefitPartner.objects.get()
    assert partner.issuer is None
    assert OutboundMail.objects.filter(to_email="office@example.org").exists()


def test_approval_grants_the_role_and_mails_a_link_to_set_the_password(client, lippe, mailbox):
    _issuer, lemgo, staff = lippe
    client.post(REGISTER, _form(lemgo))
    partner = BenefitPartner.objects.get()
    client.force_login(staff)

    response = client.post(
        f"/ehrenamtskarte/verwaltung/akzeptanzstellen/{partner.pk}/", {"decision": "approve"}
    )
    outbox_dispatch()

    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.status == BenefitPartner.Status.APPROVED
    assert partner.decided_by == staff
    assert organisations_for_role(partner.account, Role.BENEFIT_PARTNER) == [partner.organisation]
    (message,) = [
        m
        for m in mailbox.to("kasse@stadtbad-lemgo.example")
        if "Akzeptanzstelle der" in m["Subject"]
    ]
    body = message.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"https?://[^/]+(/konto/passwort-neu/\S+/)", body)
    assert link, body
    assert Client().get(link.group(1)).status_code == 302  # the valid link goes to the form
    assert AuditEntry.objects.filter(
        object_id=str(partner.pk), action=AuditEntry.Action.UPDATE, actor=staff
    ).exists()


def test_rejection_needs_a_reason_and_tells_the_partner(client, lippe):
    _issuer, lemgo, staff = lippe
    client.post(REGISTER, _form(lemgo))
    partner = BenefitPartner.objects.get()
    client.force_login(staff)
    url = f"/ehrenamtskarte/verwaltung/akzeptanzstellen/{partner.pk}/"

    refused = client.post(url, {"decision": "reject", "reason": " "})
    client.post(url, {"decision": "reject", "reason": "Kein Angebot für Engagierte erkennbar."})

    assert "Bitte geben Sie den Grund der Ablehnung an." in refused.content.decode()
    partner.refresh_from_db()
    assert partner.status == BenefitPartner.Status.REJECTED
    mail = OutboundMail.objects.filter(to_email="kasse@stadtbad-lemgo.example").last()
    assert "Kein Angebot für Engagierte erkennbar." in mail.text
    assert organisations_for_role(partner.account, Role.BENEFIT_PARTNER) == []


# --- Benefits --------------------------------------------------------------------------------


@pytest.fixture
def own_partner(db):
    partner = PartnerFactory()
    location = LocationFactory(partner=partner)
    user = UserFactory(email="inhaber@example.org")
    role_grant(user=user, role=Role.BENEFIT_PARTNER, organisation=partner.organisation)
    return partner, location, user


def _benefit(location, **changes):
    return {
        "title": "Eintritt ermäßigt",
        "category": "culture",
        "kind": "percent",
        "percent": "20",
        "amount_eur": "",
        "conditions": "Gegen Vorlage der Karte",
        "valid_from": "2026-01-01",
        "valid_until": "2026-12-31",
        "statewide": "on",
        "locations": [str(location.pk)],
        **changes,
    }


def test_partner_adds_a_benefit_at_its_own_location(client, own_partner):
    partner, location, user = own_partner
    client.force_login(user)

    response = client.post(
        f"/ehrenamtskarte/akzeptanzstellen/{partner.pk}/vorteile/neu/",
        _benefit(location, amount_eur="5"),
    )

    assert response.status_code == 302
    benefit = Benefit.objects.get()
    assert (benefit.percent, benefit.amount_eur) == (20, None)  # the other kind's value dropped
    assert list(benefit.locations.all()) == [location]
    assert benefit.valid_until == datetime.date(2026, 12, 31)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"percent": "0"}, "percent", "Prozentsatz zwischen 1 und 100"),
        ({"percent": "101"}, "percent", "Prozentsatz zwischen 1 und 100"),
        ({"percent": ""}, "percent", "Prozentsatz zwischen 1 und 100"),
        ({"kind": "amount", "amount_eur": "0"}, "amount_eur", "Betrag größer als 0 €"),
        ({"kind": "amount", "amount_eur": "-3"}, "amount_eur", "Betrag größer als 0 €"),
        ({"valid_until": "2025-12-31"}, "valid_until", "Das Ende der Gültigkeit liegt vor"),
        ({"locations": []}, "locations", "mindestens einen Standort"),
    ],
)
def test_benefit_form_names_each_bad_value_at_its_field(
    client, own_partner, changes, field, message
):
    partner, location, user = own_partner
    client.force_login(user)

    response = client.post(
        f"/ehrenamtskarte/akzeptanzstellen/{partner.pk}/vorteile/neu/",
        _benefit(location, **changes),
    )

    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    assert not Benefit.objects.exists()


def test_benefit_save_refuses_another_partners_location(own_partner):
    partner, _location, _user = own_partner
    foreign = LocationFactory()

    with pytest.raises(ValidationError) as error:
        partners.benefit_save(
            partner=partner,
            instance=None,
            data={
                "title": "x",
                "category": "culture",
                "kind": "free_entry",
                "locations": [foreign],
            },
        )

    assert "locations" in error.value.message_dict


def test_benefit_edit_and_delete_touch_only_the_partners_own(client, own_partner):
    partner, location, user = own_partner
    mine = BenefitFactory(partner=partner, at=[location])
    foreign = BenefitFactory()
    client.force_login(user)
    base = f"/ehrenamtskarte/akzeptanzstellen/{partner.pk}/vorteile"

    assert client.get(f"{base}/{foreign.pk}/").status_code == 404
    assert client.post(f"{base}/{foreign.pk}/loeschen/").status_code == 404
    assert (
        client.get(
            f"/ehrenamtskarte/akzeptanzstellen/{foreign.partner.pk}/vorteile/neu/"
        ).status_code
        == 404
    )
    client.post(f"{base}/{mine.pk}/", _benefit(location, title="Sauna frei", kind="free_entry"))
    mine.refresh_from_db()
    assert (mine.title, mine.kind, mine.percent) == ("Sauna frei", "free_entry", None)
    assert client.post(f"{base}/{mine.pk}/loeschen/").status_code == 302
    assert list(Benefit.objects.all()) == [foreign]


def test_partner_changes_its_contact_and_it_is_stored(client, own_partner):
    partner, _location, user = own_partner
    client.force_login(user)

    response = client.post(
        f"/ehrenamtskarte/akzeptanzstellen/{partner.pk}/",
        {
            "contact_name": "Jana Neumann",
            "contact_email": partner.contact_email,
            "phone": partner.phone,
            "description": partner.description,
        },
    )

    assert response.status_code == 302
    assert BenefitPartner.objects.get(pk=partner.pk).contact_name == "Jana Neumann"


def test_partner_own_view_lists_only_the_own_entries(client, own_partner):
    partner, _location, user = own_partner
    BenefitFactory(partner=partner, title="Unser Vorteil")
    BenefitFactory(title="Fremder Vorteil")
    client.force_login(user)

    page = client.get("/ehrenamtskarte/akzeptanzstellen/meine/").content.decode()

    assert "Unser Vorteil" in page
    assert "Fremder Vorteil" not in page


def test_location_edit_moves_a_location_to_its_new_municipality_centre(client, own_partner):
    partner, location, user = own_partner
    (_kreis, town) = kreis_with_towns("Kreis Neu", ["Neustadt"])
    client.force_login(user)

    client.post(
        f"/ehrenamtskarte/akzeptanzstellen/{partner.pk}/standorte/{location.pk}/",
        {"name": "Neue Filiale", "street": "", "postcode": "", "authority": town.ags},
    )

    location.refresh_from_db()
    assert (location.name, location.authority, location.latitude) == (
        "Neue Filiale",
        town,
        town.latitude,
    )


def test_a_partners_edits_of_plain_fields_are_saved_and_audited(client, own_partner):
    """The forms are bound to the stored rows; the change still reaches the database."""
    partner, location, user = own_partner
    benefit = BenefitFactory(partner=partner, at=[location])
    client.force_login(user)
    base = f"/ehrenamtskarte/akzeptanzstellen/{partner.pk}"

    client.post(
        f"{base}/",
        {"contact_name": "Ina Neu", "contact_email": "ina@example.org", "description": "Neu"},
    )
    client.post(
        f"{base}/vorteile/{benefit.pk}/",
        _benefit(location, title="Eintritt frei am Sonntag", kind="percent", percent="20"),
    )
    client.post(f"{base}/vorteile/{benefit.pk}/", _benefit(location, conditions="Nur sonntags"))

    partner.refresh_from_db()
    benefit.refresh_from_db()
    assert (partner.contact_name, partner.description) == ("Ina Neu", "Neu")
    assert benefit.conditions == "Nur sonntags"
    assert AuditEntry.objects.filter(
        object_id=str(partner.pk), actor=user, changes__description__1="Neu"
    ).exists()
