"""The office keeps the network in the platform's own pages: signing waves of the joint
declaration and who signed in them (a newly admitted member signs in the next wave or is shown
as not signed), the partner institutions, and inviting a contact person to an account."""

import datetime
import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from engagiert.accounts.models import Role, RoleAssignment, User
from engagiert.accounts.tests.factories import UserFactory
from engagiert.membership.models import Partnership, Signature, SigningWave
from engagiert.membership.services import application_admit
from engagiert.membership.tests.factories import (
    ApplicationFactory,
    ContactPersonFactory,
    DeclarationFactory,
    LeaderFactory,
    MembershipFactory,
    PartnershipFactory,
    SigningWaveFactory,
)
from engagiert.registry.tests.factories import AuthorityFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _text(response: Any) -> str:
    return response.content.decode()


def _as(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _error_at(text: str, field: str) -> str:
    found = re.search(rf'<p class="kern-error" id="id_{field}_error">(.*?)</p>', text, re.S)
    return re.sub(r"<[^>]+>|\s+", " ", found.group(1)).strip() if found else ""


# --- Signing waves --------------------------------------------------------------------------


def test_the_office_publishes_a_new_version_that_new_waves_sign(office_user, officer):
    old = DeclarationFactory(
        version="2012", title="Zukunftsfaktor", adopted=datetime.date(2012, 12, 5), text="Alt."
    )
    wave = SigningWaveFactory(declaration=old, date=datetime.date(2016, 6, 1))
    client = _as(office_user)
    url = "/netzwerk/erklaerung/fassungen/neu/"
    page = _text(client.get("/netzwerk/erklaerung/"))
    form = _text(client.get(url))
    data = {"title": "Zukunftsfaktor", "version": "2026", "adopted": "2026-03-10", "text": "Neu."}

    same_text = client.post(url, {**data, "text": " Alt. "})
    too_early = client.post(url, {**data, "adopted": "2012-01-01"})
    taken = client.post(url, {**data, "version": "2012"})
    published = client.post(url, data)

    assert f'href="{url}"' in page
    assert "Alt.</textarea>" in form  # starts from the current text
    assert "derselbe wie in der geltenden Fassung" in _error_at(_text(same_text), "text")
    assert "05.12.2012" in _error_at(_text(too_early), "adopted")
    assert _error_at(_text(taken), "version")
    assert published["Location"] == "/netzwerk/erklaerung/"
    shown = _text(client.get("/netzwerk/erklaerung/"))
    assert "Neu." in shown
    assert "Alt." not in shown
    wave.refresh_from_db()
    assert wave.declaration == old  # the earlier wave keeps the version it signed
    assert _as(officer).get(url).status_code == 403


def test_the_office_records_a_new_wave_and_a_municipality_signs_in_it(office_user, officer):
    declaration = DeclarationFactory(version="2012")
    SigningWaveFactory(declaration=declaration, date=datetime.date(2016, 6, 1))
    ahausen = AuthorityFactory(name="Ahausen")
    MembershipFactory(authority=ahausen)
    LeaderFactory(authority=ahausen, name="Petra Beispiel", office="mayor")
    client = _as(office_user)

    too_early = client.post(
        "/netzwerk/erklaerung/unterzeichnungen/neu/",
        {
            "declaration": declaration.pk,
            "occasion": "Rückdatiert",
            "date": "2015-01-01",
            "date_precision": "day",
        },
    )
    created = client.post(
        "/netzwerk/erklaerung/unterzeichnungen/neu/",
        {
            "declaration": declaration.pk,
            "occasion": "Viertunterzeichnung",
            "date": "2026-11-12",
            "date_precision": "day",
            "place": "Düsseldorf",
        },
        follow=True,
    )
    wave = SigningWave.objects.get(occasion="Viertunterzeichnung")
    signed = client.post(
        f"/netzwerk/erklaerung/unterzeichnungen/{wave.pk}/", {"authority": ahausen.pk}, follow=True
    )

    assert _error_at(_text(too_early), "date") == (
        "Die letzte Unterzeichnung war am 01.06.2016; eine neue folgt ihr."
    )
    assert "Die Unterzeichnung ist gespeichert" in _text(created)
    assert "Die Unterschrift ist eingetragen." in _text(signed)
    signature = Signature.objects.get(wave=wave)
    assert (signature.signed_by, signature.signer_role) == (
        "Petra Beispiel",
        "Bürgermeister/in",
    )
    public = _text(Client().get("/netzwerk/erklaerung/"))
    section = public[public.index("Viertunterzeichnung") :]
    assert "12. November 2026, Düsseldorf" in section
    assert "Ahausen" in section
    assert "Petra Beispiel, Bürgermeister/in" in section
    assert "/netzwerk/erklaerung/unterzeichnungen/neu/" not in public
    assert _as(officer).get(f"/netzwerk/erklaerung/unterzeichnungen/{wave.pk}/").status_code == 403


def test_an_institution_signs_once_and_a_signature_needs_exactly_one_signatory(office_user):
    wave = SigningWaveFactory(date=datetime.date(2026, 11, 12))
    ministry = OrganisationFactory(name="Ministerium für Kinder, Jugend, Familie")
    PartnershipFactory(organisation=ministry, role=Partnership.Role.MINISTRY)
    client = _as(office_user)
    url = f"/netzwerk/erklaerung/unterzeichnungen/{wave.pk}/"

    neither = client.post(url, {"signed_by": "Niemand"})
    client.post(url, {"organisation": ministry.pk, "signed_by": "Josefine Paul"})
    page = _text(client.get(url))

    assert _error_at(_text(neither), "authority") == (
        "Bitte wählen Sie entweder eine Kommune oder eine Institution."
    )
    assert Signature.objects.get().organisation == ministry
    # Whoever signed is no longer offered in this wave.
    assert f'<option value="{ministry.pk}"' not in page
    assert "Ministerium für Kinder, Jugend, Familie – Josefine Paul" in page


def test_an_admitted_member_signs_in_the_next_wave_which_is_preselected(office_user):
    SigningWaveFactory(date=datetime.date(2016, 6, 1), occasion="Drittunterzeichnung")
    upcoming = SigningWaveFactory(
        date=timezone.localdate() + datetime.timedelta(days=20), occasion="Viertunterzeichnung"
    )
    application = ApplicationFactory(authority=AuthorityFactory(name="Ahausen"))
    client = _as(office_user)

    form = _text(client.get(f"/netzwerk/antraege/{application.pk}/"))
    client.post(
        f"/netzwerk/antraege/{application.pk}/",
        {"decision": "admit", "wave": upcoming.pk, "signed_by": "Petra Beispiel"},
    )

    assert f'<option value="{upcoming.pk}" selected>' in form
    assert Signature.objects.get(authority__name="Ahausen").wave == upcoming
    page = _text(client.get(f"/netzwerk/antraege/{application.pk}/"))
    assert "Hat die Gemeinsame Erklärung unterzeichnet: Viertunterzeichnung" in page


def test_a_member_admitted_without_a_wave_is_shown_as_not_signed(office_user):
    SigningWaveFactory(date=datetime.date(2016, 6, 1))
    application = ApplicationFactory(authority=AuthorityFactory(name="Ahausen"))

    form = _text(_as(office_user).get(f"/netzwerk/antraege/{application.pk}/"))
    application_admit(application=application, actor=office_user)

    assert '<option value="" selected>Noch keine Unterzeichnung</option>' in form
    detail = _text(_as(office_user).get(f"/netzwerk/antraege/{application.pk}/"))
    assert "Hat die Gemeinsame Erklärung noch nicht unterzeichnet" in detail
    public = _text(Client().get("/netzwerk/erklaerung/"))
    section = public[public.index("Mitglieder, die noch nicht unterzeichnet haben") :]
    assert "Ahausen" in section


# --- Partners -------------------------------------------------------------------------------


def test_the_office_adds_edits_and_ends_a_partnership(office_user, officer):
    fsi = OrganisationFactory(name="FSI Forum für soziale Innovation")
    client = _as(office_user)

    missing = client.post("/netzwerk/partner/neu/", {"organisation": fsi.pk})
    client.post(
        "/netzwerk/partner/neu/",
        {"organisation": fsi.pk, "role": "facilitator", "since": "2014", "contact_name": "Ina Rat"},
    )
    partnership = Partnership.objects.get()
    client.post(
        f"/netzwerk/partner/{partnership.pk}/",
        {"organisation": fsi.pk, "role": "facilitator", "since": "2013", "contact_name": "Ina Rat"},
    )
    ended = client.post(f"/netzwerk/partner/{partnership.pk}/beenden/", follow=True)

    assert _error_at(_text(missing), "role") == "Dieses Feld ist zwingend erforderlich."
    assert "---------" not in _text(missing)
    partnership.refresh_from_db()
    assert (partnership.since, partnership.until) == (2013, timezone.localdate().year)
    assert "Die Partnerschaft mit FSI Forum für soziale Innovation ist beendet." in _text(ended)
    assert f"2013–{timezone.localdate().year}" in _text(Client().get("/netzwerk/partner/"))
    assert _as(officer).get("/netzwerk/partner/neu/").status_code == 403
    assert _as(officer).post(f"/netzwerk/partner/{partnership.pk}/beenden/").status_code == 403


# --- Inviting a contact person to an account ------------------------------------------------


def test_the_office_invites_a_contact_who_gets_the_role_and_a_password_link(
    office_user, authority, django_capture_on_commit_callbacks
):
    contact = ContactPersonFactory(
        authority=authority, name="Nina Neu", email="nina.neu@example.org", function="Ehrenamt"
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = _as(office_user).post(
            f"/netzwerk/{authority.ags}/kontakte/{contact.pk}/einladen/",
            {"role": "officer"},
            follow=True,
        )

    assert "Nina Neu ist eingeladen; die E-Mail geht an nina.neu@example.org." in _text(response)
    user = User.objects.get(email="nina.neu@example.org")
    assert not user.has_usable_password()
    assert RoleAssignment.objects.filter(user=user, role=Role.OFFICER, authority=authority).exists()
    [message] = mail.outbox
    assert message.to == ["nina.neu@example.org"]
    assert f"die Rolle »Engagementverantwortliche/r (Ansprechperson)« für {authority.name}" in (
        message.body
    )
    link = re.search(r"https?://[^/\s]+(/konto/passwort-neu/\S+/)", message.body)
    assert link is not None
    assert Client().get(link.group(1), follow=True).status_code == 200


def test_an_existing_account_is_not_duplicated_and_only_gets_the_role(
    office_user, authority, django_capture_on_commit_callbacks
):
    existing = UserFactory(email="nina.neu@example.org")
    contact = ContactPersonFactory(
        authority=authority, name="Nina Neu", email="Nina.Neu@example.org"
    )

    with django_capture_on_commit_callbacks(execute=True):
        _as(office_user).post(
            f"/netzwerk/{authority.ags}/kontakte/{contact.pk}/einladen/", {"role": "leader"}
        )

    assert User.objects.filter(email__iexact="nina.neu@example.org").count() == 1
    assert existing.role_assignments.get().role == Role.LEADER
    [message] = mail.outbox
    assert "passwort-neu" not in message.body
    assert "Sie haben schon ein Konto" in message.body


def test_an_officer_invites_for_their_own_municipality_only(officer, authority):
    own = ContactPersonFactory(authority=authority, email="team@example.org")
    elsewhere = AuthorityFactory(name="Bedorf")
    other = ContactPersonFactory(authority=elsewhere, email="fremd@example.org")
    client = _as(officer)

    page = _text(client.get(f"/netzwerk/{authority.ags}/kontakte/{own.pk}/einladen/"))
    client.post(f"/netzwerk/{authority.ags}/kontakte/{own.pk}/einladen/", {"role": "card_staff"})
    refused = client.post(
        f"/netzwerk/{elsewhere.ags}/kontakte/{other.pk}/einladen/", {"role": "officer"}
    )
    mismatched = client.get(f"/netzwerk/{authority.ags}/kontakte/{other.pk}/einladen/")

    assert "Rolle auf der Plattform" in page
    assert "team@example.org" in page
    assert User.objects.get(email="team@example.org").role_assignments.get().role == Role.CARD_STAFF
    assert refused.status_code == 403
    assert mismatched.status_code == 404
    assert not User.objects.filter(email="fremd@example.org").exists()


def test_a_contact_without_an_address_cannot_be_invited(office_user, authority):
    contact = ContactPersonFactory(authority=authority, name="Ohne Adresse", email="")

    response = _as(office_user).post(
        f"/netzwerk/{authority.ags}/kontakte/{contact.pk}/einladen/", {"role": "officer"}
    )

    assert (
        "Für Ohne Adresse ist noch keine E-Mail-Adresse eingetragen; bitte ergänzen Sie sie zuerst."
        in _text(response)
    )
    assert mail.outbox == []
